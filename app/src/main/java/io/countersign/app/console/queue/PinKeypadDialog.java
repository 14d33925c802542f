package io.countersign.app.console.queue;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The Trezor One PIN keypad: nine blank buttons in the device's layout (7 8 9 on top). The
 * device shows the scrambled digits; the officer clicks the matching positions, so the PIN
 * itself never appears on this screen.
 */
public final class PinKeypadDialog {
    private PinKeypadDialog() {}

    /** Shows the keypad (FX thread); the positions typed, or empty when cancelled. */
    public static Optional<char[]> ask() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Trezor PIN");
        dialog.setHeaderText("Enter the PIN by the positions of the digits shown on your Trezor");
        PasswordField typed = new PasswordField();
        typed.setEditable(false);
        typed.setId("pin-positions");
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        int[][] layout = {{7, 8, 9}, {4, 5, 6}, {1, 2, 3}};
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                int position = layout[row][col];
                Button b = new Button("•");
                b.setId("pin-" + position);
                b.setPrefSize(64, 64);
                b.setOnAction(e -> typed.appendText(String.valueOf(position)));
                grid.add(b, col, row);
            }
        }
        Button clear = new Button("Clear");
        clear.setOnAction(e -> typed.clear());
        VBox box = new VBox(10, grid, typed, clear, new Label("The digits are on the device, never here."));
        box.setPadding(new Insets(12));
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Optional<ButtonType> result = dialog.showAndWait();
        char[] positions = typed.getText().toCharArray();
        typed.clear();
        if (result.isEmpty() || result.get() != ButtonType.OK || positions.length == 0) {
            Arrays.fill(positions, '\0');
            return Optional.empty();
        }
        return Optional.of(positions);
    }

    /**
     * Shows the keypad from the thread that drives the device and waits for the answer
     * ({@link io.countersign.hw.DevicePrompts#pin}).
     *
     * @return the positions typed, or {@code null} when cancelled or interrupted
     */
    public static char[] askFromWorker() {
        FutureTask<Optional<char[]>> ask = new FutureTask<>(PinKeypadDialog::ask);
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
