package io.countersign.app.console.queue;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.VBox;

/**
 * The console's dialog for pairing a Trezor Safe 7 over the Trezor Host Protocol: "Enter the code
 * shown on your Trezor". The field takes digits only, at most 6 (anything else typed or pasted is
 * dropped as it is typed); Pair is enabled at exactly 6 digits; Cancel (or closing the window)
 * answers nothing, and the driver then stops with {@code DeviceException.PairingRequired}. The
 * code is a one-time value the Trezor shows; it is not stored, only the pairing that follows is
 * (encrypted, in the data folder's {@code devices/}, see docs/devices.md).
 */
public final class ThpPairingDialog {
    /** The Pair button's type; its node has the id {@code thp-pair}. */
    static final ButtonType PAIR = new ButtonType("Pair", ButtonBar.ButtonData.OK_DONE);

    private ThpPairingDialog() {}

    /**
     * Shows the dialog and waits (FX thread).
     *
     * @param device which device asks, e.g. {@code udp:127.0.0.1:21324} or {@code webusb:1-4}
     * @return the 6 digits, or empty when cancelled
     */
    public static Optional<String> ask(String device) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Pair with your Trezor");
        dialog.setHeaderText(io.countersign.hw.trezor.ThpPairingPrompt.TEXT);
        TextField code = new TextField();
        code.setId("thp-code");
        code.setPromptText("6 digits");
        code.setPrefColumnCount(8);
        code.setStyle("-fx-font-family: monospace; -fx-font-size: 22px;");
        code.setTextFormatter(new TextFormatter<String>(change -> {
            String digits = change.getText().replaceAll("[^0-9]", "");
            change.setText(digits);
            int length = change.getControlNewText().length();
            if (length > 6) {
                return null;
            }
            return change;
        }));
        Label what = new Label("Your Trezor (" + device + ") asks to pair with this computer and shows a 6-digit code. "
                + "Type that code here. If the Trezor shows no code, cancel: nothing is signed.");
        what.setWrapText(true);
        what.setMaxWidth(420);
        Label after = new Label("After pairing, this computer connects to the Trezor without a code; "
                + "to forget it later, run: countersign devices --forget-pairings");
        after.setWrapText(true);
        after.setMaxWidth(420);
        after.getStyleClass().add("cs-muted");
        VBox box = new VBox(10, what, code, after);
        box.setPadding(new Insets(12));
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().addAll(PAIR, ButtonType.CANCEL);
        Runnable wire = () -> {
            Button pair = (Button) dialog.getDialogPane().lookupButton(PAIR);
            pair.setId("thp-pair");
            if (!pair.disableProperty().isBound()) {
                pair.disableProperty().bind(code.textProperty().length().isNotEqualTo(6));
            }
            dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("thp-cancel");
        };
        wire.run();
        dialog.setOnShown(e -> {
            wire.run(); // the button bar may have made new buttons while laying out
            code.requestFocus();
        });
        Optional<ButtonType> result = dialog.showAndWait();
        String typed = code.getText();
        code.clear();
        if (result.isEmpty() || result.get() != PAIR || !typed.matches("[0-9]{6}")) {
            return Optional.empty();
        }
        return Optional.of(typed);
    }

    /**
     * Shows the dialog from the thread that drives the device and waits for the answer
     * ({@link io.countersign.hw.DevicePrompts#thpPairingCode}).
     *
     * @return the code, or {@code null} when cancelled or interrupted
     */
    public static String askFromWorker(String device) {
        FutureTask<Optional<String>> ask = new FutureTask<>(() -> ask(device));
        Platform.runLater(ask);
        try {
            return ask.get().orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }
}
