package io.countersign.app.console.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.Screens;
import io.countersign.app.session.AppContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A journal of 100,000 entries in a real window: the table holds every entry, and Verify walks the
 * whole chain in the background while the FX thread keeps drawing frames (an {@link AnimationTimer}
 * counts the pulses that ran while the verification was under way) and the progress bar climbs.
 */
@ExtendWith(ApplicationExtension.class)
class JournalVerifyLargeFxTest {
    static final int ENTRIES = 100_000;

    static Path dataDir;
    static JournalFixtures.Row last;
    AppContext ctx;
    Scene scene;

    @org.junit.jupiter.api.BeforeAll
    static void writeJournal() throws Exception {
        dataDir = Files.createTempDirectory("countersign-journal-large-");
        Instant start = Instant.now().minus(20, ChronoUnit.DAYS);
        long t0 = System.nanoTime();
        // 20 days of entries, one every 17 s, in one write transaction
        last = JournalFixtures.write(dataDir.resolve("journal.sqlite"), ENTRIES, start, Duration.ofMillis(17_280)).getLast();
        System.out.println("JournalVerifyLargeFxTest: wrote " + ENTRIES + " entries in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    }

    @Start
    void start(Stage stage) throws Exception {
        ctx = new AppContext(dataDir, true, null, true, Map.of());
        scene = new Scene(new javafx.scene.layout.StackPane(JournalView.create(ctx)), 1400, 820);
        scene.getStylesheets().add(io.countersign.app.console.MainWindow.class.getResource("main.css").toExternalForm());
        stage.setScene(scene);
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void aHundredThousandEntriesVerifyWithProgressWhileTheWindowKeepsDrawing(FxRobot robot) throws Exception {
        assertEquals(ENTRIES, last.sequence());
        long t0 = System.nanoTime();
        TableView<?> table = robot.lookup("#journal-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#journal-count").queryAs(Label.class).getText().startsWith("loading"));
        assertEquals(ENTRIES, table.getItems().size());
        System.out.println("JournalVerifyLargeFxTest: table filled in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        assertEquals(ENTRIES + " entries", robot.lookup("#journal-count").queryAs(Label.class).getText());

        ProgressBar bar = robot.lookup("#journal-progress").queryAs(ProgressBar.class);
        Label verdict = robot.lookup("#journal-verdict").queryAs(Label.class);
        List<Double> progress = new CopyOnWriteArrayList<>();
        List<Long> pulses = new CopyOnWriteArrayList<>();
        // while the verdict says "Verifying…", every pulse the FX thread runs is recorded
        AnimationTimer pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (verdict.getText().startsWith("Verifying")) {
                    pulses.add(System.nanoTime());
                    double p = bar.getProgress();
                    if (p > 0 && p < 1 && (progress.isEmpty() || progress.getLast() != p)) {
                        progress.add(p);
                    }
                }
            }
        };
        robot.interact(pulse::start);
        robot.clickOn("#journal-verify");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> verdict.getText().startsWith("Journal "));
        robot.interact(pulse::stop);
        System.out.println("JournalVerifyLargeFxTest: verified with " + pulses.size() + " frames drawn meanwhile, progress " + progress);

        assertEquals("Journal intact: 100000 entries. Keep this head elsewhere: " + ENTRIES + ":" + last.entryHash(),
                verdict.getText());
        assertEquals(1.0, bar.getProgress());
        assertTrue(pulses.size() >= 5, "the FX thread drew " + pulses.size() + " frames while verifying: it was blocked");
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < pulses.size(); i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(pulses.get(i) - pulses.get(i - 1)));
        }
        long worst = gaps.stream().mapToLong(Long::longValue).max().orElse(0);
        assertTrue(worst < 2000, "the window froze for " + worst + " ms while verifying");
        assertTrue(progress.size() >= 3, "the progress bar showed intermediate values " + progress);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), "progress only climbs: " + progress);
        }
        robot.interact(() -> Screens.png(scene.getRoot(), "journal-verified-100k"));
    }
}
