package io.countersign.app;

import io.countersign.app.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Runs the real command line in-process with its own data folder and environment. */
public final class CliRunner {
    private final Path dataDir;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> globals = new ArrayList<>();

    public CliRunner(Path dataDir) {
        this.dataDir = dataDir;
    }

    public CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Global options added to every command (e.g. --rpc URL, --dev-mode). */
    public CliRunner global(String... options) {
        globals.addAll(List.of(options));
        return this;
    }

    public Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(globals);
        all.add("--data-dir");
        all.add(dataDir.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** As {@link #run} with {@code stdin} as standard input (System.in is swapped for the call). */
    public Result runWithStdin(String stdin, String... args) {
        return runWithStdin(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    /**
     * As {@link #run} with {@code stdin} as standard input, for input that is only known while the
     * command runs (e.g. a code a device shows).
     */
    public Result runWithStdin(java.io.InputStream stdin, String... args) {
        synchronized (CliRunner.class) {
            java.io.InputStream saved = System.in;
            System.setIn(stdin);
            try {
                return run(args);
            } finally {
                System.setIn(saved);
            }
        }
    }

    /** Exit code, stdout, stderr. */
    public record Result(int code, String out, String err) {
        public JsonNode json() {
            return new ObjectMapper().readTree(out);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
