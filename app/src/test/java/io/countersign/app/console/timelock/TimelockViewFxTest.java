package io.countersign.app.console.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.app.timelock.OperationRow;
import io.countersign.app.timelock.TimelockTestbed;
import io.countersign.app.timelock.TimelockWatchList;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Timelock view in a real window (TestFX under Xvfb) against anvil: an officer adds the
 * treasury's timelock, sees a scheduled operation waiting with a ticking countdown and both
 * times, and once chain time passes readyAt, "Prepare execute" writes a Safe request into the
 * queue that the owners then sign and execute.
 */
@ExtendWith(ApplicationExtension.class)
class TimelockViewFxTest {
    static final long MIN_DELAY = 3_600;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Path dir;
    static TimelockTestbed bed;
    static Address safe;
    static Address timelock;
    static Address token;
    static Address payee = Address.parse("0x00000000000000000000000000000000000fee01");
    static String scheduledId;

    AppContext ctx;
    Parent view;

    @BeforeAll
    static void chain() throws Exception {
        dir = Files.createTempDirectory("countersign-timelock-fx-");
        bed = new TimelockTestbed(dir);
        safe = bed.newSafe();
        timelock = bed.deployOz(MIN_DELAY, List.of(safe), List.of(safe));
        token = bed.tokenHeldBy(timelock, BigInteger.valueOf(10_000));
        Path schedule = bed.file("schedule.json");
        scheduledId = bed.ok("timelock", "schedule", "--timelock", timelock.toString(), "--target", token.toString(), "--value", "0",
                "--data", Hex.encode(TimelockTestbed.transfer(payee, BigInteger.valueOf(1_234))), "--via-safe", safe.toString(),
                "--description", "Pay auditor", "--out", schedule.toString()).json().get("id").asString();
        bed.coSignAndExecute(schedule);
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Start
    void start(Stage stage) {
        ctx = new AppContext(bed.dataDir(), false, bed.anvil.url(), true, Map.of());
        view = TimelockView.create(ctx, BERLIN);
        stage.setScene(new Scene(view, 1270, 440));
        // TestFX shares one primary stage across test classes: an earlier test's width (1440) left the
        // Refresh button beyond the screen's edge, where the robot's click never lands.
        stage.sizeToScene();
        stage.setX(0);
        stage.setY(0);
        stage.setTitle("Countersign — Timelocks");
        stage.show();
    }

    @Test
    void listsTheScheduledOperationCountingDownAndPreparesItsExecuteOnceReady(FxRobot robot) throws Exception {
        // an officer adds the treasury's timelock in the view
        robot.clickOn("#timelock-address").write(timelock.toString());
        robot.clickOn("#timelock-safe").write(safe.toString());
        robot.clickOn("#timelock-label").write("Treasury 1-hour timelock");
        robot.clickOn("#timelock-watch");
        assertEquals(1, new TimelockWatchList(bed.dataDir()).load().size());
        TableView<OperationRow> table = robot.lookup("#timelock-table").queryTableView();
        Label status = robot.lookup("#timelock-status").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no operation listed; status: " + status.getText(), e);
        }

        OperationRow row = table.getItems().getFirst();
        assertEquals(scheduledId, row.id().toString());
        assertTrue(row.callText().getFirst().contains(payee.toString()), row.callText().toString());
        assertTrue(cell(robot, "Waiting").isVisible());
        String times = io.countersign.app.timelock.TimelockTimes.local(row.readyAt(), BERLIN) + "\n"
                + io.countersign.app.timelock.TimelockTimes.utc(row.readyAt());
        assertTrue(times.contains("CET") || times.contains("CEST"), times);
        assertTrue(text(robot, times::equals).isVisible(), "ready time in local time and UTC");
        Text countdown = text(robot, t -> t.startsWith("in 00:5"));
        String first = countdown.getText();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !first.equals(countdown.getText()));
        assertNotEquals(first, countdown.getText(), "the countdown ticks");
        // under load the table may lay out its last column a pulse after the others
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".prepare-execute").tryQuery().isPresent());
        Button prepare = robot.lookup(".prepare-execute").queryButton();
        assertTrue(prepare.isDisabled(), "nothing to prepare while waiting");
        snapshot(robot, Path.of("/tmp/timelock-view-waiting.png"));

        bed.anvil.increaseTime(MIN_DELAY);
        robot.clickOn("#timelock-refresh");
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".prepare-execute")
                    .match((Button b) -> !b.isDisabled() && b.getScene() != null).tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            snapshot(robot, Path.of("/tmp/timelock-view-not-ready.png"));
            throw new AssertionError("no operation became ready after the refresh; status: " + status.getText()
                    + "; windows: " + javafx.stage.Window.getWindows(), e);
        }
        assertTrue(cell(robot, "Ready").isVisible());
        Button ready = robot.lookup(".prepare-execute").match((Button b) -> !b.isDisabled() && b.getScene() != null).queryButton();
        robot.clickOn(ready);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().startsWith("Wrote "));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Request in queue", ready.getText(), "one click, one request: the button says it is done");
        assertTrue(ready.isDisabled());
        snapshot(robot, Path.of("/tmp/timelock-view-ready.png"));

        List<Path> written;
        try (Stream<Path> files = Files.list(ctx.requestsDir())) {
            written = files.filter(p -> p.getFileName().toString().startsWith("timelock-execute-")).toList();
        }
        assertEquals(1, written.size(), written.toString());
        SafeRequest request = RequestFile.read(written.getFirst());
        assertEquals(timelock, request.tx().to());
        assertEquals("execute", request.meta().get("timelock").get("step").asString());
        assertEquals(scheduledId, request.meta().get("timelock").get("id").asString());
        assertTrue(status.getText().contains(request.hashes().safeTxHashHex()), status.getText());

        // the request is a real one: two owners sign it and the timelock pays
        bed.coSignAndExecute(written.getFirst());
        robot.clickOn("#timelock-refresh");
        assertTrue(cell(robot, "Done").isVisible());
        assertEquals(BigInteger.valueOf(1_234), bed.tokenBalance(token, payee));
        assertTrue(robot.lookup(".prepare-execute").match((Button b) -> !b.isDisabled() && b.getScene() != null).tryQuery().isEmpty(),
                "nothing left to prepare once done");
    }

    @Test
    void anOpenZeppelinTimelockWithoutASafeIsNotAddedAndTheOfficerIsTold(FxRobot robot) throws Exception {
        robot.clickOn("#timelock-address").write(Address.parse("0x0000000000000000000000000000000000001234").toString());
        robot.clickOn("#timelock-watch");
        Label status = robot.lookup("#timelock-status").queryAs(Label.class);
        assertTrue(status.getText().contains("needs the Safe that executes"), status.getText());
        assertTrue(status.getStyleClass().contains("error"));
        assertFalse(new TimelockWatchList(bed.dataDir()).load().stream()
                .anyMatch(t -> t.address().toString().endsWith("1234")));
        ChoiceBox<?> flavor = robot.lookup("#timelock-flavor").queryAs(ChoiceBox.class);
        assertEquals(2, flavor.getItems().size());
    }

    /** A table cell's text drawn by a wrapping {@link Text}, waiting up to 20 s for the table to lay it out. */
    static Text text(FxRobot robot, java.util.function.Predicate<String> text) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".cell-text")
                .match((Text t) -> t.getText() != null && text.test(t.getText())).tryQuery().isPresent());
        return robot.lookup(".cell-text").match((Text t) -> t.getText() != null && text.test(t.getText())).query();
    }

    /** A plain table cell with exactly this text, waiting up to 20 s. */
    static TableCell<?, ?> cell(FxRobot robot, String text) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".table-cell")
                .match((TableCell<?, ?> c) -> text.equals(c.getText())).tryQuery().isPresent());
        return robot.lookup(".table-cell").match((TableCell<?, ?> c) -> text.equals(c.getText())).query();
    }

    /** A JavaFX snapshot of the view, written as PNG (no javafx-swing: pixels copied by hand). */
    void snapshot(FxRobot robot, Path png) throws IOException {
        WritableImage[] holder = new WritableImage[1];
        robot.interact(() -> holder[0] = view.snapshot(null, null));
        WritableImage img = holder[0];
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", png.toFile());
    }
}
