package io.countersign.app.console.queue;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

/** A small window that stays up while a device works, saying what to check on its screen. */
final class DevicePromptWindow {
    private final Stage stage = new Stage();
    private final Label header = new Label();
    private final Label body = new Label();

    DevicePromptWindow(String title) {
        stage.setTitle(title);
        stage.initModality(Modality.APPLICATION_MODAL);
        header.setStyle("-fx-font-weight: bold; -fx-font-size: 15px;");
        body.setWrapText(true);
        body.setId("device-prompt");
        body.setStyle("-fx-font-family: monospace;");
        VBox box = new VBox(12, header, body, new ProgressIndicator());
        box.setStyle("-fx-padding: 18;");
        box.setPrefWidth(620);
        stage.setScene(new Scene(box));
    }

    void show(String headerText, String text) {
        header.setText(headerText);
        body.setText(text);
        if (!stage.isShowing()) {
            stage.show();
        }
    }

    void close() {
        stage.close();
    }
}
