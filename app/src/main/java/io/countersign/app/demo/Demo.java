package io.countersign.app.demo;

import io.countersign.app.console.ConsoleLauncher;
import io.countersign.app.console.ConsoleSession;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.eth.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** {@code countersign demo}: starts the demo environment and opens the console on it. */
public final class Demo {
    private Demo() {}

    /**
     * @param requested the command's context; its data folder is used only when given with
     *     --data-dir, otherwise the demo works in a fresh temporary folder
     */
    public static void run(AppContext requested, boolean dataDirGiven, Consumer<String> info) {
        Path nodeModules = nodeModules(requested);
        Path dataDir;
        try {
            dataDir = dataDirGiven ? requested.dataDir() : Files.createTempDirectory("countersign-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        info.accept("Starting a local anvil chain and deploying Safe 1.4.1 from the official artifacts…");
        DemoEnvironment demo = DemoEnvironment.start(nodeModules, dataDir, requested.env());
        info.accept("Safe " + demo.safe() + " (2 of 3) on " + demo.anvil().url() + ", data folder " + dataDir);
        for (Signer s : demo.signers()) {
            info.accept("  owner " + s.address() + "  " + s.label());
        }
        info.accept("Opening the console. Close its window (or press Ctrl-C) to stop the chain.");
        try {
            ConsoleLauncher.launch(new ConsoleSession(demo.context(), demo.signers()));
        } finally {
            demo.close();
        }
    }

    /** testchain/node_modules beside the installed app ({@code -Dcountersign.home}) or from $COUNTERSIGN_TESTCHAIN. */
    static Path nodeModules(AppContext ctx) {
        String fromEnv = ctx.env().get("COUNTERSIGN_TESTCHAIN");
        String home = System.getProperty("countersign.home", ".");
        Path dir = fromEnv != null ? Path.of(fromEnv) : Path.of(home, "testchain", "node_modules");
        if (!Files.isDirectory(dir.resolve("@foundry-rs"))) {
            throw new CountersignException.Usage("the demo needs the local test chain: run `npm ci` in " + dir.getParent()
                    + " (it installs anvil and the official Safe contracts), then try again");
        }
        return dir;
    }
}
