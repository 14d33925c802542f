package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparrowwallet.hummingbird.UR;
import io.countersign.airgap.AirgapCode;
import io.countersign.airgap.EthSignatureCode;
import io.countersign.airgap.QrImages;
import io.countersign.airgap.RequestIds;
import io.countersign.airgap.UrParts;
import io.countersign.app.console.airgap.ScanDialog;
import io.countersign.app.demo.DemoEnvironment;
import io.countersign.eth.testing.TestPaths;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeHasher;
import io.countersign.multisig.SafeRequest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's QR air gap on the demo chain: "Show as QR" animates the request, and frames
 * captured from the screen (pixels, read by ZXing) assemble to the request file byte for byte;
 * the speed, size and full-screen controls act; scanning an image of an eth-signature adds the
 * signature to the request file. Screenshots go to target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleQrFxTest {
    static final String VENDOR_REQUEST = "Pay vendor invoice #1042 (1.5 ETH)";
    DemoEnvironment demo;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-qr-fx-"), Map.of());
        MainWindow.show(stage, new ConsoleSession(demo.context(), demo.signers()));
        stage.setWidth(1360);
        stage.setHeight(860);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    Path vendorRequest() throws Exception {
        try (Stream<Path> s = Files.list(demo.context().requestsDir())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                if (RequestFile.read(p).description().contains("1042")) {
                    return p;
                }
            }
        }
        throw new AssertionError("no vendor request in the demo queue");
    }

    void selectVendorRequest(FxRobot robot) {
        TableCell<?, ?> row = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> VENDOR_REQUEST.equals(c.getText())).query();
        robot.clickOn((javafx.scene.Node) row);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static BufferedImage toAwt(Image fx) {
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = fx.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        return out;
    }

    static void screenshot(FxRobot robot, Window w, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Image img = robot.capture(w.getScene().getRoot()).getImage();
        javax.imageio.ImageIO.write(toAwt(img), "png", dir.resolve(name).toFile());
    }

    Stage window(FxRobot robot, String titleStart) {
        return (Stage) robot.listWindows().stream().filter(w -> w instanceof Stage s && s.isShowing() && s.getTitle() != null
                && s.getTitle().startsWith(titleStart)).findFirst().orElseThrow();
    }

    @Test
    void showAsQrAnimatesTheRequestAndFramesCapturedFromTheScreenDecodeToIt(FxRobot robot) throws Exception {
        Path file = vendorRequest();
        byte[] original = Files.readAllBytes(file);
        selectVendorRequest(robot);
        robot.clickOn("#show-qr-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.listWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Request as QR")));
        Stage qr = window(robot, "Request as QR");
        ImageView view = robot.lookup("#qr-image").queryAs(ImageView.class);

        // capture what is on the screen until the fountain decoder has the whole code
        UrParts.Assembler assembler = new UrParts.Assembler();
        Set<String> distinct = new LinkedHashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!assembler.complete() && System.nanoTime() < deadline) {
            Image shot = robot.capture(view).getImage();
            List<String> texts = QrImages.read(toAwt(shot));
            for (String t : texts) {
                if (distinct.add(t)) {
                    assembler.add(t, "screen frame " + distinct.size());
                }
            }
            Thread.sleep(120);
        }
        assertTrue(assembler.complete(), "read " + distinct.size() + " distinct frames from the screen");
        assertTrue(distinct.size() > 1, "the code is animated: " + distinct);
        UR ur = assembler.result();
        assertEquals("bytes", ur.getType());
        SafeRequest decoded = ((AirgapCode.Request) AirgapCode.of(ur)).request();
        assertEquals(new String(original, java.nio.charset.StandardCharsets.UTF_8), RequestFile.toJson(decoded),
                "the code on the screen is the request file, byte for byte");
        screenshot(robot, qr, "qr-show-request.png");

        // size and full screen
        Slider size = robot.lookup("#qr-size").queryAs(Slider.class);
        robot.interact(() -> size.setValue(300));
        assertEquals(300, view.getFitWidth(), 0.5);
        robot.clickOn("#qr-fullscreen");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, qr::isFullScreen);
        assertTrue(view.getFitWidth() > 300, "full screen enlarges the code");
        robot.interact(() -> qr.setFullScreen(false));
        Label frame = robot.lookup("#qr-frame-label").queryAs(Label.class);
        assertTrue(frame.getText().contains("fragments"), frame.getText());
        robot.interact(qr::close);
    }

    @Test
    void scanningAnImageOfAnEthSignatureAddsTheSignature(FxRobot robot) throws Exception {
        Path file = vendorRequest();
        SafeRequest r = RequestFile.read(file);
        assertEquals(0, r.signatures().size());
        // the QR wallet's answer, as a PNG: an owner's EIP-712 signature with this request's id
        var owner = demo.signers().get(1);
        byte[] rsv = owner.signTypedData(SafeHasher.typedData(r.chainId(), r.safe(), r.safeVersion(), r.tx())).normalizeV().toBytes();
        UR answer = new EthSignatureCode(RequestIds.forSafeTxHash(r.hashes().safeTxHash()), rsv, "test wallet").toUr();
        Path png = Files.createTempDirectory("qr-answer").resolve("signature.png");
        QrImages.writePng(UrParts.encode(answer).getFirst(), 6, png);

        selectVendorRequest(robot);
        robot.clickOn("#scan-signature-button");
        WaitForAsyncUtils.waitForFxEvents();
        Label camera = robot.lookup("#scan-camera").queryAs(Label.class);
        assertEquals(ScanDialog.NO_CAMERA, camera.getText());
        robot.clickOn("#scan-image-path").write(png.toString());
        screenshot(robot, robot.lookup("#scan-camera").queryAs(Label.class).getScene().getWindow(), "qr-scan-dialog.png");
        robot.clickOn("#scan-read");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane")
                .match((DialogPane p) -> "Signature added".equals(p.getHeaderText())).tryQuery().isPresent());
        SafeRequest after = RequestFile.read(file);
        assertEquals(List.of(owner.address()), after.signers());
        DialogPane done = robot.lookup(".dialog-pane").match((DialogPane p) -> "Signature added".equals(p.getHeaderText())).query();
        assertTrue(done.getContentText().contains("matched by request-id"), done.getContentText());
        robot.interact(() -> done.getScene().getWindow().hide());
    }
}
