package io.countersign.app;

import io.countersign.app.cli.Cli;

/**
 * Entry point: with no arguments the console window opens; with arguments the command line
 * runs. The console class is loaded only when needed, so commands never load JavaFX.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            Class.forName("io.countersign.app.console.ConsoleLauncher").getMethod("launch", String[].class)
                    .invoke(null, (Object) args);
            return;
        }
        System.exit(Cli.run(args, System.out, System.err, System.getenv()));
    }
}
