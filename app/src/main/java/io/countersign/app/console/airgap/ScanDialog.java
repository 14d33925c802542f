package io.countersign.app.console.airgap;

import com.sparrowwallet.hummingbird.UR;
import io.countersign.airgap.AirgapException;
import io.countersign.airgap.CodeFiles;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Reads a code into the console: from image files (QR frames, a photo or a screenshot of the
 * other device's screen; several files for the frames of a multi-part code) or from pasted
 * {@code ur:} text. This build has no camera support: no webcam library is in it (the JDK and
 * JavaFX have no camera API), so the dialog says so and offers the image and text routes.
 */
public final class ScanDialog {
    /** What the dialog says about cameras. */
    public static final String NO_CAMERA = "No camera: this build of Countersign has no webcam support. Photograph or screenshot "
            + "the code and open the image, or paste its ur: text.";

    private ScanDialog() {}

    /**
     * Shows the dialog; the assembled UR, or empty if cancelled.
     *
     * @param expecting e.g. "the eth-signature from the QR wallet"
     */
    public static Optional<UR> show(Window owner, String title, String expecting) {
        Dialog<UR> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText("Scan " + expecting);
        javafx.scene.control.TextField imagePaths = new javafx.scene.control.TextField();
        imagePaths.setId("scan-image-path");
        imagePaths.setPromptText("image file(s) of the code: a path, or Open…");
        HBox.setHgrow(imagePaths, javafx.scene.layout.Priority.ALWAYS);
        Button open = new Button("Open image(s)…");
        open.setId("scan-open-image");
        open.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("QR code images");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"));
            List<File> files = fc.showOpenMultipleDialog(dialog.getDialogPane().getScene().getWindow());
            if (files != null) {
                imagePaths.setText(String.join(File.pathSeparator, files.stream().map(File::getPath).toList()));
            }
        });
        TextArea pasted = new TextArea();
        pasted.setId("scan-text");
        pasted.setPromptText("or paste ur:… text here (one part per line)");
        pasted.setPrefRowCount(5);
        pasted.setWrapText(true);
        Label camera = new Label(NO_CAMERA);
        camera.setId("scan-camera");
        camera.setWrapText(true);
        Label error = new Label();
        error.setId("scan-error");
        error.setWrapText(true);
        error.getStyleClass().add("cs-danger");
        VBox content = new VBox(10, camera, new HBox(10, imagePaths, open), pasted, error);
        content.setPrefWidth(620);
        dialog.getDialogPane().setContent(content);
        ButtonType read = new ButtonType("Read code", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(read, ButtonType.CANCEL);
        final UR[] result = new UR[1];
        Button readButton = (Button) dialog.getDialogPane().lookupButton(read);
        readButton.setId("scan-read");
        readButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                result[0] = read(paths(imagePaths.getText()), pasted.getText());
            } catch (AirgapException ex) {
                error.setText(ex.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == read ? result[0] : null);
        return dialog.showAndWait();
    }

    private static List<Path> paths(String text) {
        List<Path> out = new ArrayList<>();
        for (String p : text.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
            if (!p.isBlank()) {
                out.add(Path.of(p.strip()));
            }
        }
        return out;
    }

    /**
     * Assembles a UR from image files and pasted text (either may be empty).
     *
     * @throws AirgapException with the reason (no code, corrupted, incomplete, another code)
     */
    public static UR read(List<Path> images, String text) {
        List<CodeFiles.Part> parts = new ArrayList<>();
        if (!images.isEmpty()) {
            parts.addAll(CodeFiles.parts(images));
        }
        if (text != null && !text.isBlank()) {
            parts.addAll(CodeFiles.textParts(text, "pasted text"));
        }
        if (parts.isEmpty()) {
            throw new AirgapException("choose an image of the code or paste its ur: text");
        }
        return CodeFiles.assemble(parts);
    }
}
