package io.countersign.app.session;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the console is started: {@code countersign [--data-dir D] [--rpc URL] [--offline]
 * [--dev-mode] [--allow-emulator]} with no command, or {@code countersign} alone (the same from
 * {@code COUNTERSIGN_*} variables). What was not given comes from the data folder's
 * {@link ConsoleSettings}.
 *
 * @param dataDir the data folder
 * @param rpc {@code --rpc} (or {@code COUNTERSIGN_RPC}), or {@code null} for the settings' node
 * @param offline {@code --offline}: true wins over the settings, false leaves them to decide
 */
public record ConsoleStart(Path dataDir, String rpc, boolean offline, boolean devMode, boolean allowEmulator,
        Map<String, String> env) {
    public ConsoleStart {
        env = Map.copyOf(env);
    }

    /**
     * The context the console opens on: the flags, else the data folder's settings.
     *
     * @throws CountersignException.Usage when the settings file is damaged
     */
    public AppContext context() {
        ConsoleSettings settings = ConsoleSettings.load(dataDir);
        String node = rpc != null && !rpc.isBlank() ? rpc : settings.node().orElse(null);
        return new AppContext(dataDir, offline || settings.offline(), node, devMode, allowEmulator, env);
    }
}
