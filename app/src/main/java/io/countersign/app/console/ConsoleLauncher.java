package io.countersign.app.console;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.ConsoleStart;
import io.countersign.app.session.DataDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the JavaFX console. {@code countersign} with no arguments comes here; the data folder
 * and node come from {@code COUNTERSIGN_DATA_DIR}, {@code COUNTERSIGN_RPC},
 * {@code COUNTERSIGN_OFFLINE=1}, {@code COUNTERSIGN_DEV_MODE=1} and
 * {@code COUNTERSIGN_ALLOW_EMULATOR=1} (as {@code --allow-emulator}) when set.
 * {@code countersign [--data-dir D] [--rpc URL] [--offline] [--dev-mode]} with no command comes
 * through {@link #launch(ConsoleStart)}. What neither gives comes from the data folder's
 * settings ({@link io.countersign.app.session.ConsoleSettings}).
 */
public final class ConsoleLauncher {
    private ConsoleLauncher() {}

    /** Entry point used by {@code Main} through reflection, so commands never load JavaFX. */
    public static void launch(String[] args) {
        Map<String, String> env = System.getenv();
        Path dataDir = env.containsKey("COUNTERSIGN_DATA_DIR") ? Path.of(env.get("COUNTERSIGN_DATA_DIR")) : DataDirs.defaultDataDir();
        launch(new ConsoleStart(dataDir, env.get("COUNTERSIGN_RPC"), "1".equals(env.get("COUNTERSIGN_OFFLINE")),
                "1".equals(env.get("COUNTERSIGN_DEV_MODE")), "1".equals(env.get("COUNTERSIGN_ALLOW_EMULATOR")), env));
    }

    /**
     * The root command with no command word (through reflection, from the command line): opens
     * the console on the start's context and blocks until its window is closed.
     */
    public static void launch(ConsoleStart start) {
        AppContext ctx = start.context();
        launch(new ConsoleSession(ctx, List.of()));
    }

    /**
     * Opens the console on a session and blocks until the window is closed. When JavaFX is
     * already running in this JVM (an application that embeds the console, the tests), the window
     * opens on it; otherwise the toolkit is started here and stopped after the window closes.
     */
    public static void launch(ConsoleSession session) {
        ConsoleSession.install(session);
        CountDownLatch closed = new CountDownLatch(1);
        Runnable open = () -> {
            Stage stage = new Stage();
            stage.setOnHidden(e -> closed.countDown());
            MainWindow.show(stage, session);
        };
        boolean started;
        try {
            Platform.startup(open);
            started = true;
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(open);
            started = false;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // the Settings dialog may have reopened the window on another context: close the one in use
            ConsoleSession.current().context().close();
            if (started) {
                Platform.exit();
            }
        }
    }
}
