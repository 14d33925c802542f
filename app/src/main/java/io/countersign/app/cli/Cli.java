package io.countersign.app.cli;

import io.countersign.app.session.CountersignException;
import io.countersign.eth.SignerException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the {@code countersign} command line and maps every failure to DESIGN.md's exit codes:
 * 0 ok, 1 error, 2 usage, 3 denied by policy, 4 refused or cancelled on the device, 5 no
 * device, device locked, or wrong app open.
 */
public final class Cli {
    private Cli() {}

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CountersignCommand root = new CountersignCommand(out, err, env);
        CommandLine cli = new CommandLine(root);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            int code = exitCode(ex);
            String message = message(ex);
            err.println("error: " + message);
            if (root.json) {
                var node = Output.JSON.createObjectNode();
                node.put("error", message);
                node.put("exitCode", code);
                out.println(node);
            }
            if (!userFacing(ex) || "1".equals(env.get("COUNTERSIGN_DEBUG"))) {
                ex.printStackTrace(err);
            }
            return code;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        return cli.execute(args);
    }

    /**
     * Countersign's own errors (every module's exception root) carry messages written for the
     * person at the keyboard; anything else is a bug and gets its stack trace.
     */
    static boolean userFacing(Throwable ex) {
        return ex instanceof UncheckedIOException || ex.getClass().getName().startsWith("io.countersign.");
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof CountersignException c) {
            return c.exitCode();
        }
        if (ex instanceof SignerException s) {
            return switch (s.reason()) {
                case REFUSED -> 4;
                case UNAVAILABLE -> 5;
                default -> 1;
            };
        }
        return 1;
    }

    static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }
}
