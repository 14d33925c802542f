package io.countersign.app;

import io.countersign.app.cli.Cli;

/**
 * Entry point: with no arguments the console window opens; with arguments the command line
 * runs. The console class is loaded only when needed, so commands never load JavaFX.
 */
public final class Main {
    /**
     * Set by the build's AOT training run of the console ({@code -XX:AOTCacheOutput}): the
     * console quits this many milliseconds after it starts, so the JVM writes the cache of what
     * a start loaded. Never set by the launcher.
     */
    static final String TRAINING_EXIT_AFTER_MS = "countersign.aot.exitAfterMs";

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            boolean training = exitLaterWhenTraining();
            try {
                Class.forName("io.countersign.app.console.ConsoleLauncher").getMethod("launch", String[].class)
                        .invoke(null, (Object) args);
            } catch (ReflectiveOperationException | RuntimeException e) {
                if (!training) {
                    throw e;
                }
                System.err.println("AOT training: the console did not start (no display?), so its cache covers"
                        + " less of a start: " + (e.getCause() != null ? e.getCause() : e));
                System.exit(0);
            }
            return;
        }
        Cli.warmUpInBackground();
        System.exit(Cli.run(args, System.out, System.err, System.getenv()));
    }

    private static boolean exitLaterWhenTraining() {
        String ms = System.getProperty(TRAINING_EXIT_AFTER_MS);
        if (ms == null) {
            return false;
        }
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(Long.parseLong(ms));
                Class.forName("javafx.application.Platform").getMethod("exit").invoke(null);
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ReflectiveOperationException e) {
                System.err.println("AOT training: cannot quit the console: " + e);
            }
            System.exit(0);
        }, "aot-training-exit");
        exit.setDaemon(true);
        exit.start();
        return true;
    }
}
