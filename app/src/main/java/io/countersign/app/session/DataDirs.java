package io.countersign.app.session;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The OS's application-data folder for Countersign: {@code $XDG_DATA_HOME/countersign} (or
 * {@code ~/.local/share/countersign}) on Linux, {@code %APPDATA%\Countersign} on Windows,
 * {@code ~/Library/Application Support/Countersign} on macOS.
 */
public final class DataDirs {
    private DataDirs() {}

    public static Path defaultDataDir() {
        return defaultDataDir(System.getProperty("os.name"), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path defaultDataDir(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("Countersign");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Countersign");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("countersign");
    }
}
