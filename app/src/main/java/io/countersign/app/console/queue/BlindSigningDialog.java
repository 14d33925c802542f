package io.countersign.app.console.queue;

import io.countersign.app.console.ConsoleText;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * The console's counterpart of {@code --allow-blind}: before a signature the device can make only
 * from a hash ({@code eth_sign} of the safeTxHash), the officer confirms in a dialog that names
 * the risk and the safeTxHash the device will show. Cancel stops before any signer is picked or
 * opened, so no device is asked.
 */
final class BlindSigningDialog {
    /** The confirming button. */
    static final ButtonType SIGN_BLIND = new ButtonType("Sign blind", ButtonBar.ButtonData.OK_DONE);

    private BlindSigningDialog() {}

    /** The dialog, not shown yet (tests and {@link #confirm} show it). */
    static Alert dialog(String safeTxHash) {
        Alert a = new Alert(Alert.AlertType.WARNING, ConsoleText.text(
                "Your device will show only this hash, not the transaction:\n\nsafeTxHash " + safeTxHash + "\n\n"
                        + "It will NOT show the decoded fields (to, value, data, operation, the refund fields safeTxGas, "
                        + "baseGas, gasPrice, gasToken, refundReceiver, or the nonce), so it cannot show you what you sign: "
                        + "if this workstation lies, the device cannot tell.\n\n"
                        + "Before you confirm on the device, compare the hash with `countersign safe hash` run on another "
                        + "machine. The signature is journalled as blind."),
                SIGN_BLIND, ButtonType.CANCEL);
        a.setTitle("Blind signing");
        a.setHeaderText("Blind signing: the device shows only a hash");
        a.getDialogPane().setId("blind-signing-dialog");
        a.getDialogPane().setMinWidth(780);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(SIGN_BLIND)).setDefaultButton(false);
        return a;
    }

    /** Shows the dialog and waits; true only when the officer pressed "Sign blind". */
    static boolean confirm(String safeTxHash) {
        return dialog(safeTxHash).showAndWait().filter(SIGN_BLIND::equals).isPresent();
    }
}
