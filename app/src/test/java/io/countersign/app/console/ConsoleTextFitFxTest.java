package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeVersion;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * At 1280×800 (the smallest window the console is made for), with no policy installed (the
 * longest status text), the status bar shows its whole text (wrapped, not cut off with "…"),
 * and a long request description in the queue has its full text in a tooltip.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleTextFitFxTest {
    static final Address SAFE = Address.parse("0xEf74c0473590c8418897F6748a2dD43677d1153D");
    static final String DESCRIPTION = "Quarterly payroll for the Lisbon and Berlin offices, contractors included, "
            + "see invoice bundle 2026-Q4-0042 attached to the ticket";

    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dataDir = Files.createTempDirectory("countersign-fit-");
        var meta = new tools.jackson.databind.ObjectMapper().createObjectNode().put("description", DESCRIPTION);
        SafeRequest request = new SafeRequest(BigInteger.ONE, SAFE, SafeVersion.V1_4_1,
                SafeTx.of(Call.of(Address.parse("0x000000000000000000000000000000000000dEaD"), BigInteger.TEN, new byte[0]),
                        BigInteger.ONE), List.of(), 0, List.of(), meta);
        RequestFile.write(request, dataDir.resolve("requests").resolve("r.json"));
        // not dev mode, no policy installed: the status bar names the missing policy
        AppContext ctx = new AppContext(dataDir, true, null, false, Map.of());
        MainWindow.show(stage, new ConsoleSession(ctx, List.of()));
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @Test
    void statusBarTextIsNotCutOffAndTheQueueCellHasATooltip(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup("#status-line").queryAs(Label.class);
        assertTrue(status.getText().endsWith("nothing can be signed until a signed policy is installed (countersign policy install BUNDLE)"), status.getText());
        Text rendered = (Text) status.lookup(".text");
        assertNotNull(rendered, "the label's rendered text node");
        assertEquals(status.getText(), rendered.getText(), "the status bar shows its whole text, not one cut off with an ellipsis");
        assertTrue(status.getWidth() <= 1280, "status bar width " + status.getWidth());

        TableCell<?, ?> cell = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> DESCRIPTION.equals(c.getText())).query();
        assertNotNull(cell.getTooltip(), "the description cell has a tooltip");
        assertEquals(DESCRIPTION, cell.getTooltip().getText());
        Text cellText = (Text) cell.lookup(".text");
        assertTrue(!cellText.getText().equals(DESCRIPTION) && cellText.getText().endsWith("..."),
                "the column is narrower than the description, so the cell is cut off: " + cellText.getText());

        robot.moveTo(cell);
        WaitForAsyncUtils.sleep(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        screenshot(robot, Path.of("target", "screenshots", "text-fit-1280x800.png"));
    }

    /** The window's content as PNG, for a person to look at (target/screenshots). */
    static void screenshot(FxRobot robot, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> robot.window(0).getScene().getRoot().snapshot(null, null)).get();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }
}
