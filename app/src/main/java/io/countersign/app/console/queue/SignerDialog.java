package io.countersign.app.console.queue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.session.Signers;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
import io.countersign.hw.DevicePrompts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.TextInputDialog;

/**
 * Asks which signer to use: one of the session's named signers, or a signer URI (e.g.
 * {@code ledger}). A URI is opened later, in the background task, because opening a device
 * can block on it (a PIN, an unlock).
 */
final class SignerDialog {
    private static final String OTHER = "Hardware wallet or other signer (ledger, trezor, keystore:FILE, …)";

    private static final String KEYSTORE = "Keystore file (asks its password)…";

    /** The air-gapped signer (docs/airgap.md): the request as an eth-sign-request code, then its signature code scanned. */
    static final String QR_WALLET = "QR wallet (Keystone, AirGap, offline Countersign)…";

    private SignerDialog() {}

    /** The keystore's file (the desktop's dialog) and its password (a masked field). */
    private static Optional<Choice> keystore(String title) {
        List<java.nio.file.Path> files = io.countersign.app.console.safe.ConsoleFiles.open(null, "Keystore file", false);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> dialog = new javafx.scene.control.Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText("Password for " + files.getFirst().getFileName());
        javafx.scene.control.PasswordField password = new javafx.scene.control.PasswordField();
        password.setId("keystore-password");
        dialog.getDialogPane().setContent(password);
        dialog.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        javafx.application.Platform.runLater(password::requestFocus);
        Optional<javafx.scene.control.ButtonType> answer = dialog.showAndWait();
        char[] pw = password.getText().toCharArray();
        password.clear();
        if (answer.isEmpty() || answer.get() != javafx.scene.control.ButtonType.OK) {
            java.util.Arrays.fill(pw, '\0');
            return Optional.empty();
        }
        return Optional.of(new Keystore(files.getFirst(), pw));
    }

    /** The officer's choice: a ready signer, or a URI to open with the task's prompts. */
    sealed interface Choice {
        /** Opens (or returns) the signer; call off the FX thread. */
        Signer open(ConsoleSession session, DevicePrompts prompts);
    }

    /** One of the session's named signers: kept for the next request, so closing it here is a no-op. */
    record Ready(Signer signer) implements Choice {
        @Override
        public Signer open(ConsoleSession session, DevicePrompts prompts) {
            return new Signer() {
                @Override
                public io.countersign.eth.Address address() {
                    return signer.address();
                }

                @Override
                public String label() {
                    return signer.label();
                }

                @Override
                public io.countersign.eth.SignedTransaction signTransaction(io.countersign.eth.EthTransaction tx) {
                    return signer.signTransaction(tx);
                }

                @Override
                public io.countersign.eth.Signature signPersonalMessage(byte[] message) {
                    return signer.signPersonalMessage(message);
                }

                @Override
                public io.countersign.eth.Signature signTypedData(io.countersign.eth.TypedData typedData) {
                    return signer.signTypedData(typedData);
                }
            };
        }
    }

    /** A QR wallet: not opened as a signer; the request is shown as a code and the answer scanned (AirgapActions). */
    record QrWallet() implements Choice {
        @Override
        public Signer open(ConsoleSession session, DevicePrompts prompts) {
            throw new IllegalStateException("a QR wallet signs on its own screen: show the request with AirgapActions.showForQrWallet");
        }
    }

    record Uri(String uri, Bip32Path path) implements Choice {
        @Override
        public Signer open(ConsoleSession session, DevicePrompts prompts) {
            // Opened at first use, which the sessions reach only after the gate allowed the request.
            return new io.countersign.app.session.LazySigner(uri,
                    () -> Signers.factory(session.context()).open(uri, path, prompts, null));
        }
    }

    /**
     * A keystore file (Web3 Secret Storage): the password is asked in a dialog, held as a char
     * array only until the file is decrypted (at first use, after the gate), then wiped.
     */
    record Keystore(java.nio.file.Path file, char[] password) implements Choice {
        @Override
        public Signer open(ConsoleSession session, DevicePrompts prompts) {
            return new io.countersign.app.session.LazySigner("keystore:" + file, () -> {
                try {
                    return io.countersign.eth.SoftwareSigner.fromKeystore(file, password);
                } finally {
                    java.util.Arrays.fill(password, '\0');
                }
            });
        }
    }

    static Optional<Choice> pick(ConsoleSession session, String title) {
        return pick(session, title, false);
    }

    /** @param offerQrWallet also offer {@link #QR_WALLET} (signing a Safe request; a QR wallet cannot pay gas) */
    static Optional<Choice> pick(ConsoleSession session, String title, boolean offerQrWallet) {
        List<String> choices = new ArrayList<>();
        session.signers().forEach(s -> choices.add(s.label() + "  " + s.address()));
        choices.add(KEYSTORE);
        choices.add(OTHER);
        if (offerQrWallet) {
            choices.add(QR_WALLET);
        }
        String preferred = choices.getFirst();
        try {
            String wanted = io.countersign.app.session.ConsoleSettings.load(session.context().dataDir()).defaultSigner();
            if (wanted != null) {
                preferred = choices.stream().filter(c -> c.startsWith(wanted)).findFirst().orElse(OTHER);
            }
        } catch (RuntimeException damaged) {
            // the Settings dialog reports a damaged file; the picker starts from the first signer
        }
        ChoiceDialog<String> dialog = new ChoiceDialog<>(preferred, choices);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setContentText("Signer:");
        Optional<String> choice = dialog.showAndWait();
        if (choice.isEmpty()) {
            return Optional.empty();
        }
        int index = choices.indexOf(choice.get());
        if (index < session.signers().size()) {
            return Optional.of(new Ready(session.signers().get(index)));
        }
        if (choice.get().equals(QR_WALLET)) {
            return Optional.of(new QrWallet());
        }
        if (choice.get().equals(KEYSTORE)) {
            return keystore(title);
        }
        String defaultUri = "ledger";
        try {
            String wanted = io.countersign.app.session.ConsoleSettings.load(session.context().dataDir()).defaultSigner();
            defaultUri = wanted != null && choices.stream().noneMatch(c -> c.startsWith(wanted)) ? wanted : defaultUri;
        } catch (RuntimeException damaged) {
            // as above
        }
        TextInputDialog uri = new TextInputDialog(defaultUri);
        uri.setTitle(title);
        uri.setHeaderText("Signer URI (ledger, trezor, keystore:FILE, speculos:HOST:PORT …)\nDerivation path: "
                + Bip32Path.ETHEREUM_FIRST);
        uri.setContentText("URI:");
        return uri.showAndWait().map(u -> new Uri(u.trim(), Bip32Path.ETHEREUM_FIRST));
    }
}
