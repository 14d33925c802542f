package io.countersign.app.console.queue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.session.DevicePrompts;
import io.countersign.app.session.Signers;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.TextInputDialog;

/** Asks which signer to use: one of the session's named signers, or a signer URI (e.g. {@code ledger}). */
final class SignerPicker {
    private static final String OTHER = "Other signer (URI: ledger, trezor, keystore:FILE, …)";

    private SignerPicker() {}

    static Optional<Signer> pick(ConsoleSession session, String title) {
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
            return Optional.of(session.signers().get(index));
        }
        TextInputDialog uri = new TextInputDialog("ledger");
        uri.setTitle(title);
        uri.setHeaderText("Signer URI and derivation path m/44'/60'/0'/0/0");
        uri.setContentText("URI:");
        return uri.showAndWait().flatMap(u -> {
            try {
                return Optional.of(Signers.factory(session.context()).open(u.trim(), Bip32Path.ETHEREUM_FIRST, DevicePrompts.SILENT, null));
            } catch (RuntimeException e) {
                Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage());
                a.setHeaderText("Cannot open signer " + u);
                a.show();
                return Optional.empty();
            }
        });
    }
}
