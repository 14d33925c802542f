package io.countersign.app.console.airgap;

import com.sparrowwallet.hummingbird.UR;
import io.countersign.airgap.AirgapCode;
import io.countersign.airgap.AirgapException;
import io.countersign.airgap.SignatureMatch;
import io.countersign.airgap.RequestIds;
import io.countersign.app.session.AirgapQueue;
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

    /** "Show as QR": the whole request for an offline Countersign (journalled as EXPORT, format countersign). */
    public static QrCodeWindow showRequest(SafeRequest r, Path file, AppContext ctx, Runnable reload) {
        if (!journalExport(ctx, r, RequestIds.forSafeTxHash(r.hashes().safeTxHash()), "countersign")) {
            return null;
        }
        Button scan = new Button("Scan the signature code…");
        scan.setId("qr-scan-answer");
        QrCodeWindow w = QrCodeWindow.show("Request as QR — " + file.getFileName(),
                "Countersign request (ur:bytes) for Safe " + r.safe() + ", nonce " + r.tx().nonce() + "\nsafeTxHash "
                        + r.hashes().safeTxHashHex() + "\nScan it with the offline Countersign; it answers with a signature code.",
                AirgapCode.requestUr(r), scan);
        scan.setOnAction(e -> scanSignature(w.stage(), file, ctx, reload));
        return w;
    }

    /**
     * The QR-wallet signer: an ERC-4527 request (journalled as EXPORT, format eth-sign-request),
     * then wait for the wallet's eth-signature.
     */
    public static QrCodeWindow showForQrWallet(SafeRequest r, Path file, AppContext ctx, Runnable reload) {
        Button scan = new Button("Scan the wallet's signature…");
        scan.setId("qr-scan-answer");
        io.countersign.airgap.EthSignRequest request = AirgapSigning.signRequestFor(r, Bip32Path.ETHEREUM_FIRST, null, null);
        if (!journalExport(ctx, r, request.requestId(), "eth-sign-request")) {
            return null;
        }
        UR ur = request.toUr();
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
        SafeRequest updated = r.withSignature(m.signature());
        // journal first: the COLLECT entry is on disk before the file holds the signature
        AirgapQueue.journalCollect(ctx, r, m, sig.signature(), file);
        RequestFile.write(updated, file);
        return m.signature().signer() + " signed (matched by " + m.by() + "); " + (r.signatures().size() + 1) + " of "
                + (r.threshold() > 0 ? r.threshold() : "?") + " signatures";
    }

    /** Journals a code about to be shown; false (after telling the officer) if the journal cannot be written. */
    private static boolean journalExport(AppContext ctx, SafeRequest r, byte[] requestId, String format) {
        try {
            AirgapQueue.journalExport(ctx, r.hashes().safeTxHashHex(), requestId, format, null);
            return true;
        } catch (RuntimeException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, "The journal could not record the code leaving: " + e.getMessage()
                    + "\nNothing is shown.");
            a.setHeaderText("QR code not shown");
            a.show();
            return false;
        }
    }

    /**
     * The queue's "Scan request…" button: reads a Countersign request code or an
     * {@code eth-sign-request} (image files or pasted ur: text) into the queue
     * ({@link AirgapQueue#scan}), then says what this machine's gate can and cannot check.
     */
    public static Button scanRequestButton(AppContext ctx, Runnable reload) {
        Button b = new Button("Scan request…");
        b.setId("scan-request-button");
        b.setTooltip(new javafx.scene.control.Tooltip(
                "Read a request shown as a QR code (Countersign request or ERC-4527 eth-sign-request) into this queue"));
        b.setOnAction(e -> scanRequest(b.getScene().getWindow(), ctx, reload));
        return b;
    }

    /** "Scan request…": the scan dialog, then the queue. */
    public static void scanRequest(Window owner, AppContext ctx, Runnable reload) {
        Optional<UR> ur = ScanDialog.show(owner, "Scan a request",
                "the request code (Countersign request or ERC-4527 eth-sign-request) shown by the online machine");
        if (ur.isEmpty()) {
            return;
        }
        try {
            AirgapQueue.Scanned s = AirgapQueue.scan(ctx, AirgapCode.of(ur.get()));
            reload.run();
            String text = (s.added() ? "Added to the queue as " : "Matched to the queued copy ") + s.file().getFileName()
                    + "\nsafeTxHash " + s.request().hashes().safeTxHashHex() + "\nformat " + s.format() + " · request id "
                    + RequestIds.format(s.requestId()) + "\n\n" + String.join("\n", s.checks())
                    + "\n\nSelect it and press Sign: the console then shows the signature code to scan back.";
            Alert a = new Alert(Alert.AlertType.INFORMATION, io.countersign.app.console.ConsoleText.text(text));
            a.initOwner(owner);
            a.setHeaderText("Request scanned into the queue");
            a.getDialogPane().setId("scan-request-result");
            a.getDialogPane().setMinWidth(720);
            a.show();
        } catch (AirgapException | CountersignException | io.countersign.eth.EthException | RequestFile.RequestFileException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, io.countersign.app.console.ConsoleText.text(e.getMessage()
                    + "\nNothing was added to the queue."));
            a.initOwner(owner);
            a.setHeaderText("Request refused");
            a.getDialogPane().setMinWidth(720);
            a.show();
        }
    }

    /**
     * After the console signed a request that came by QR (or any request on an offline console):
     * the {@code eth-signature} answer as a QR code to scan back on the online machine, journalled
     * as EXPORT (format eth-signature) before it is shown. FX thread.
     */
    public static QrCodeWindow showAnswer(AppContext ctx, AirgapQueue.Answer answer) {
        try {
            AirgapQueue.journalExport(ctx, answer.safeTxHash(), answer.code().requestId(), "eth-signature", answer.signer());
        } catch (RuntimeException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, "The journal could not record the signature code leaving: " + e.getMessage()
                    + "\nThe request file holds the signature; no code is shown.");
            a.setHeaderText("Signature code not shown");
            a.show();
            return null;
        }
        return QrCodeWindow.show("Signature code — " + answer.safeTxHash().substring(0, 12) + "…",
                "eth-signature by " + answer.signer() + "\nfor safeTxHash " + answer.safeTxHash() + "\nrequest id "
                        + RequestIds.format(answer.code().requestId()) + " (answers a " + answer.format() + " request)"
                        + "\nScan it on the online machine: Scan signature… on the request, or `countersign safe merge`.",
                answer.code().toUr(), null);
    }

    /**
     * Called by the Sign task (worker thread) after a signature was written: when the request
     * came by QR code, or the console is offline, queues {@link #showAnswer} on the FX thread and
     * returns a line for the task's outcome; else returns "".
     */
    public static String answerLater(AppContext ctx, io.countersign.app.session.SafeSigningSession.Signed signed) {
        Optional<AirgapQueue.Answer> answer;
        try {
            answer = AirgapQueue.answer(ctx, signed);
        } catch (CountersignException e) {
            return "\nNo signature code: " + e.getMessage();
        }
        answer.ifPresent(a -> javafx.application.Platform.runLater(() -> showAnswer(ctx, a)));
        return answer.isPresent() ? "\nThe signature code is shown: scan it on the online machine." : "";
    }
}
