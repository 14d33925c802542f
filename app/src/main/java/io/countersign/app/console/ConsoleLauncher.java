package io.countersign.app.console;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.DataDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts the JavaFX console. {@code countersign} with no arguments comes here; the data folder
 * and node come from {@code COUNTERSIGN_DATA_DIR}, {@code COUNTERSIGN_RPC},
 * {@code COUNTERSIGN_OFFLINE=1}, {@code COUNTERSIGN_DEV_MODE=1} and
 * {@code COUNTERSIGN_ALLOW_EMULATOR=1} (as {@code --allow-emulator}) when set.
 */
public final class ConsoleLauncher {
    private ConsoleLauncher() {}

    /** Entry point used by {@code Main} through reflection, so commands never load JavaFX. */
    public static void launch(String[] args) {
        Map<String, String> env = System.getenv();
        Path dataDir = env.containsKey("COUNTERSIGN_DATA_DIR") ? Path.of(env.get("COUNTERSIGN_DATA_DIR")) : DataDirs.defaultDataDir();
        AppContext ctx = new AppContext(dataDir, "1".equals(env.get("COUNTERSIGN_OFFLINE")), env.get("COUNTERSIGN_RPC"),
                "1".equals(env.get("COUNTERSIGN_DEV_MODE")), "1".equals(env.get("COUNTERSIGN_ALLOW_EMULATOR")), env);
        launch(new ConsoleSession(ctx, List.of()));
    }

    /** Opens the console on a session and blocks until the window is closed. */
    public static void launch(ConsoleSession session) {
        ConsoleSession.install(session);
        javafx.application.Application.launch(ConsoleApp.class);
    }
}
