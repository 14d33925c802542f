package io.countersign.app.console.airgap;

import com.google.zxing.common.BitMatrix;
import com.sparrowwallet.hummingbird.UR;
import com.sparrowwallet.hummingbird.UREncoder;
import io.countersign.airgap.QrImages;
import io.countersign.airgap.UrParts;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * A window showing a UR as an animated QR code (docs/airgap.md): one frame per tick, cycling
 * forever through the fountain encoder's parts (plain fragments, then mixes), so a camera that
 * misses frames keeps reading. Speed (frames per second) and size are adjustable; Full screen
 * fills the display. A single-part code is shown still. An optional action (e.g. "Scan the
 * signature…") sits under the code.
 */
public final class QrCodeWindow {
    /** Default frames per second: readable by phone cameras and Keystone's scanner. */
    public static final double DEFAULT_FPS = 4;
    private final Stage stage = new Stage();
    private final UREncoder encoder;
    private final ImageView view = new ImageView();
    private final Label frameLabel = new Label();
    private final Timeline timeline = new Timeline();
    private String current;
    private final UR ur;

    private QrCodeWindow(String title, String caption, UR ur, Button extra) {
        this.ur = ur;
        encoder = UrParts.cycling(ur, UrParts.DEFAULT_FRAGMENT_LENGTH);
        view.setId("qr-image");
        view.setPreserveRatio(true);
        view.setSmooth(false);
        view.setFitWidth(480);
        frameLabel.setId("qr-frame-label");
        Label captionLabel = new Label(caption);
        captionLabel.setWrapText(true);
        captionLabel.setId("qr-caption");

        Slider speed = new Slider(1, 10, DEFAULT_FPS);
        speed.setId("qr-speed");
        speed.setShowTickLabels(true);
        speed.setMajorTickUnit(3);
        speed.valueProperty().addListener((o, a, b) -> restart(b.doubleValue()));
        Slider size = new Slider(240, 900, 480);
        size.setId("qr-size");
        size.valueProperty().addListener((o, a, b) -> {
            view.setFitWidth(b.doubleValue());
            stage.sizeToScene();
        });
        Button full = new Button("Full screen");
        full.setId("qr-fullscreen");
        full.setOnAction(e -> {
            stage.setFullScreen(!stage.isFullScreen());
        });
        stage.fullScreenProperty().addListener((o, a, isFull) -> {
            full.setText(isFull ? "Leave full screen" : "Full screen");
            if (isFull) {
                var bounds = javafx.stage.Screen.getPrimary().getBounds();
                view.setFitWidth(Math.min(bounds.getWidth(), bounds.getHeight()) - 160);
            } else {
                view.setFitWidth(size.getValue());
            }
        });
        Button close = new Button("Close");
        close.setId("qr-close");
        close.setOnAction(e -> stage.close());
        close.setCancelButton(true);
        HBox controls = new HBox(10, new Label("Speed (frames/s)"), speed, new Label("Size"), size, full, close);
        controls.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(speed, Priority.SOMETIMES);
        // the code on white with a quiet margin in either theme; the window around it follows the theme
        javafx.scene.layout.StackPane code = new javafx.scene.layout.StackPane(view);
        code.setStyle("-fx-background-color: white; -fx-padding: 8;");
        code.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox box = new VBox(10, captionLabel, code, frameLabel, controls);
        if (extra != null) {
            box.getChildren().add(extra);
        }
        box.setAlignment(Pos.TOP_CENTER);
        box.setPadding(new Insets(14));
        stage.setTitle(title);
        stage.setScene(new Scene(box));
        stage.setOnHidden(e -> timeline.stop());
        advance();
        if (!encoder.isSinglePart()) {
            restart(DEFAULT_FPS);
        }
    }

    /** Opens the window (FX thread). */
    public static QrCodeWindow show(String title, String caption, UR ur, Button extra) {
        QrCodeWindow w = new QrCodeWindow(title, caption, ur, extra);
        w.stage.sizeToScene();
        w.stage.show();
        return w;
    }

    public Stage stage() {
        return stage;
    }

    /** The part on screen now (tests compare it with what ZXing reads from the screen). */
    public String currentPart() {
        return current;
    }

    private void restart(double fps) {
        timeline.stop();
        timeline.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / fps), e -> advance()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
    }

    private void advance() {
        current = encoder.isSinglePart() ? UREncoder.encode(urOf()) : encoder.nextPart();
        view.setImage(image(QrImages.matrix(current)));
        frameLabel.setText(encoder.isSinglePart() ? "single frame"
                : "frame " + encoder.getSeqNum() + " · " + encoder.getSeqLen() + " fragments · repeats until closed");
    }

    private UR urOf() {
        return ur;
    }

    /** The module matrix as an image, 4 pixels per module (the view scales it without smoothing). */
    static WritableImage image(BitMatrix m) {
        int scale = 4;
        WritableImage img = new WritableImage(m.getWidth() * scale, m.getHeight() * scale);
        PixelWriter w = img.getPixelWriter();
        for (int y = 0; y < m.getHeight() * scale; y++) {
            for (int x = 0; x < m.getWidth() * scale; x++) {
                w.setColor(x, y, m.get(x / scale, y / scale) ? Color.BLACK : Color.WHITE);
            }
        }
        return img;
    }
}
