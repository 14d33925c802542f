package io.countersign.app.console.airgap;

import com.sparrowwallet.hummingbird.UR;
import io.countersign.airgap.AirgapCode;
import io.countersign.airgap.AirgapException;
import io.countersign.airgap.SignatureMatch;
import io.countersign.app.session.AirgapSigning;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.eth.Bip32Path;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.stage.Window;

/**
 * The request screen's air-gap actions (docs/airgap.md): show the request as an animated QR code
 * (for an offline Countersign: the whole request; for a QR wallet: an ERC-4527
 * {@code eth-sign-request} with a button that waits for its signature code), and scan a returned
 * {@code eth-signature} into the request, checked like any other signature.
 */
public final class AirgapActions {
    private AirgapActions() {}

    /** The request screen's row: Show as QR…, Sign with QR wallet…, Scan signature…. */
    public static javafx.scene.layout.HBox buttons(SafeRequest r, Path file, AppContext ctx, Runnable reload) {
        Button show = new Button("Show as QR…");
        show.setId("show-qr-button");
        show.setOnAction(e -> showRequest(r, file, ctx, reload));
        Button wallet = new Button("Sign with QR wallet (Keystone, AirGap, offline Countersign)…");
        wallet.setId("qr-wallet-button");
        wallet.setOnAction(e -> showForQrWallet(r, file, ctx, reload));
        Button scan = new Button("Scan signature…");
        scan.setId("scan-signature-button");
        scan.setOnAction(e -> scanSignature(scan.getScene().getWindow(), file, ctx, reload));
        return new javafx.scene.layout.HBox(8, show, wallet, scan);
    }

    /** "Show as QR": the whole request for an offline Countersign. */
    public static QrCodeWindow showRequest(SafeRequest r, Path file, AppContext ctx, Runnable reload) {
        Button scan = new Button("Scan the signature code…");
        scan.setId("qr-scan-answer");
        QrCodeWindow w = QrCodeWindow.show("Request as QR — " + file.getFileName(),
                "Countersign request (ur:bytes) for Safe " + r.safe() + ", nonce " + r.tx().nonce() + "\nsafeTxHash "
                        + r.hashes().safeTxHashHex() + "\nScan it with the offline Countersign; it answers with a signature code.",
                AirgapCode.requestUr(r), scan);
        scan.setOnAction(e -> scanSignature(w.stage(), file, ctx, reload));
        return w;
    }

    /** The QR-wallet signer: an ERC-4527 request, then wait for the wallet's eth-signature. */
    public static QrCodeWindow showForQrWallet(SafeRequest r, Path file, AppContext ctx, Runnable reload) {
        Button scan = new Button("Scan the wallet's signature…");
        scan.setId("qr-scan-answer");
        UR ur = AirgapSigning.signRequestFor(r, Bip32Path.ETHEREUM_FIRST, null, null).toUr();
        QrCodeWindow w = QrCodeWindow.show("Sign with a QR wallet — " + file.getFileName(),
                "ERC-4527 eth-sign-request (SafeTx typed data) for Safe " + r.safe() + ", nonce " + r.tx().nonce()
                        + "\nsafeTxHash " + r.hashes().safeTxHashHex()
                        + "\nScan it with the wallet (Keystone, AirGap Vault, offline Countersign), check the fields, sign, "
                        + "then scan the wallet's answer here.", ur, scan);
        scan.setOnAction(e -> scanSignature(w.stage(), file, ctx, reload));
        return w;
    }

    /** "Scan signature…": reads an eth-signature and adds it to the request file. */
    public static void scanSignature(Window owner, Path file, AppContext ctx, Runnable reload) {
        Optional<UR> ur = ScanDialog.show(owner, "Scan a signature", "the eth-signature code (QR wallet or offline Countersign)");
        if (ur.isEmpty()) {
            return;
        }
        try {
            String added = addSignature(ctx, file, ur.get());
            reload.run();
            Alert a = new Alert(Alert.AlertType.INFORMATION, added);
            a.initOwner(owner);
            a.setHeaderText("Signature added");
            a.show();
        } catch (AirgapException | CountersignException | io.countersign.eth.EthException | RequestFile.RequestFileException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage() + "\nThe request file is unchanged.");
            a.initOwner(owner);
            a.setHeaderText("Signature refused");
            a.show();
        }
    }

    /**
     * Adds the eth-signature in {@code ur} to the request file (atomically), after
     * {@link AirgapSigning#check}.
     *
     * @return a line saying who signed and how the code was matched
     * @throws CountersignException.Refused or {@link AirgapException} with the reason; the file is unchanged
     */
    public static String addSignature(AppContext ctx, Path file, UR ur) {
        AirgapCode code = AirgapCode.of(ur);
        if (!(code instanceof AirgapCode.Signature sig)) {
            throw new AirgapException("this is a ur:" + code.urType() + ", not an eth-signature");
        }
        SafeRequest r = RequestFile.read(file);
        SignatureMatch.Matched m = AirgapSigning.check(ctx, r, sig.signature());
        if (r.signers().contains(m.signature().signer())) {
            return m.signature().signer() + " has already signed this request";
        }
        RequestFile.write(r.withSignature(m.signature()), file);
        return m.signature().signer() + " signed (matched by " + m.by() + "); " + (r.signatures().size() + 1) + " of "
                + (r.threshold() > 0 ? r.threshold() : "?") + " signatures";
    }
}
