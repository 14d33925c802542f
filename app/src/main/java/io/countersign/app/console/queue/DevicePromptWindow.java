package io.countersign.app.console.queue;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

/** A small window that stays up while a device works, saying what to check on its screen, with a Cancel button. */
public final class DevicePromptWindow {
    private final Stage stage = new Stage();
    private final Label header = new Label();
    private final Label body = new Label();
    private final javafx.scene.control.Button cancel = new javafx.scene.control.Button("Cancel");
    private final VBox simulation = new VBox(2);
    private Runnable onCancel = () -> {};

    public DevicePromptWindow(String title) {
        stage.setTitle(title);
        stage.initModality(Modality.APPLICATION_MODAL);
        header.setStyle("-fx-font-weight: bold; -fx-font-size: 15px;");
        body.setWrapText(true);
        // every line of what to compare (the hashes last) is shown, never cut off with "..."
        body.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        body.setId("device-prompt");
        body.setStyle("-fx-font-family: monospace;");
        cancel.setId("device-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        stage.setOnCloseRequest(e -> onCancel.run());
        simulation.setId("sign-simulation");
        simulation.setVisible(false);
        simulation.setManaged(false);
        VBox box = new VBox(12, header, body, simulation, new ProgressIndicator(), cancel);
        box.setStyle("-fx-padding: 18;");
        box.setPrefWidth(620);
        stage.setScene(new Scene(box));
    }

    public void show(String headerText, String text) {
        header.setText(headerText);
        body.setText(text);
        stage.sizeToScene();
        if (!stage.isShowing()) {
            stage.show();
        }
    }

    /** Keeps the window over {@code owner}, whose focus comes back when it closes (call before {@link #show}). */
    public void initOwner(javafx.stage.Window owner) {
        stage.initOwner(owner);
    }

    /**
     * Lists what the simulation of the request shows (docs/simulation.md) under the prompt, so the
     * officer sees the movements before the device is asked and while it waits.
     *
     * @param provenance where it was simulated (or the carried simulation's "not verified" label)
     */
    void showSimulation(String provenance, java.util.List<Label> lines) {
        Label title = new Label("What it does on chain");
        title.setStyle("-fx-font-weight: bold;");
        Label from = new Label(provenance);
        from.setWrapText(true);
        from.setId("sign-simulation-status");
        simulation.getChildren().setAll(title, from);
        simulation.getChildren().addAll(lines);
        io.countersign.app.console.ConsoleText.escapeTree(simulation);
        simulation.setVisible(true);
        simulation.setManaged(true);
        stage.sizeToScene();
    }

    /** What the Cancel button (and closing the window) does. */
    public void onCancel(Runnable r) {
        this.onCancel = r;
    }

    public void close() {
        stage.close();
    }
}
