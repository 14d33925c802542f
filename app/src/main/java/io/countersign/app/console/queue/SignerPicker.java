package io.countersign.app.console.queue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.session.DevicePrompts;
import io.countersign.app.session.Signers;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
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
final class SignerPicker {
    private static final String OTHER = "Hardware wallet or other signer (ledger, trezor, keystore:FILE, …)";

    private SignerPicker() {}

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

    record Uri(String uri, Bip32Path path) implements Choice {
        @Override
        public Signer open(ConsoleSession session, DevicePrompts prompts) {
            // Opened at first use, which the sessions reach only after the gate allowed the request.
            return new io.countersign.app.session.LazySigner(uri,
                    () -> Signers.factory(session.context()).open(uri, path, prompts, null));
        }
    }

    static Optional<Choice> pick(ConsoleSession session, String title) {
        List<String> choices = new ArrayList<>();
        session.signers().forEach(s -> choices.add(s.label() + "  " + s.address()));
        choices.add(OTHER);
        ChoiceDialog<String> dialog = new ChoiceDialog<>(choices.getFirst(), choices);
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
        TextInputDialog uri = new TextInputDialog("ledger");
        uri.setTitle(title);
        uri.setHeaderText("Signer URI (ledger, trezor, keystore:FILE, speculos:HOST:PORT …)\nDerivation path: "
                + Bip32Path.ETHEREUM_FIRST);
        uri.setContentText("URI:");
        return uri.showAndWait().map(u -> new Uri(u.trim(), Bip32Path.ETHEREUM_FIRST));
    }
}
