package io.countersign.app.cli;

import io.countersign.app.session.CountersignException;
import io.countersign.eth.SignerException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Runs the {@code countersign} command line and maps every failure to the exit codes of README.md ("The command line"):
 * 0 ok, 1 error, 2 usage, 3 denied by policy, 4 refused or cancelled on the device, 5 no
 * device, device locked, or wrong app open.
 */
public final class Cli {
    private Cli() {}

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CountersignCommand root = new CountersignCommand(out, err, env);
        CommandLine cli = commandLine(root, args);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            int code = exitCode(ex);
            String message = message(ex);
            err.println("error: " + io.countersign.eth.DisplayText.escapeKeepingLines(message));
            if (root.json) {
                var node = Output.JSON.createObjectNode();
                node.put("error", message);
                node.put("exitCode", code);
                out.println(Output.json(node));
            }
            if (!userFacing(ex) || "1".equals(env.get("COUNTERSIGN_DEBUG"))) {
                ex.printStackTrace(err);
            }
            return code;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + io.countersign.eth.DisplayText.escapeKeepingLines(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        return cli.execute(args);
    }

    /**
     * Starts a daemon thread that initializes what nearly every command uses next, the JSON
     * mapper and BouncyCastle's Keccak (whose first use sets up java.util.logging), while this
     * thread builds picocli's model of the command (README.md, "Start-up": about 10% off {@code safe hash} on
     * 2 cores). Class initialization is thread-safe: a command that gets there first just waits
     * for it. An error here is left to the command, which meets it again and reports it.
     */
    public static void warmUpInBackground() {
        Thread.ofPlatform().daemon().name("countersign-warm-up").start(() -> {
            try {
                Output.JSON.createObjectNode();
                org.web3j.crypto.Hash.sha3(new byte[0]);
            } catch (RuntimeException | LinkageError e) {
                // the command meets the same error and reports it
            }
        });
    }

    /**
     * The command line for these arguments: the root and, at each level of
     * {@link CountersignCommand#SUBCOMMANDS}, only the subcommands whose names occur among the
     * arguments, or all of them when none does (so {@code --help} and "did you mean" still see
     * every command). A name that occurs only as an option's value adds one needless branch, never
     * loses the one that runs. The model comes from {@link CommandModel} (no annotation read) when
     * the build wrote it for these class files, else from picocli's reflection.
     */
    static CommandLine commandLine(CountersignCommand root, String[] args) {
        return commandLine(root, args, CommandModel.load());
    }

    /** As {@link #commandLine(CountersignCommand, String[])}, from {@code model}, or by reflection when it is null. */
    static CommandLine commandLine(CountersignCommand root, String[] args, CommandModel model) {
        // picocli's default factory, which the help options use, otherwise looks for Groovy's
        // Closure class first: a miss that opens every jar on the class path (9% of safe hash).
        System.setProperty("picocli.disable.closures", "true");
        Set<String> words = new HashSet<>(Arrays.asList(args));
        CommandLine cli = null;
        if (model != null) {
            cli = model.commandLine(root);
            if (cli != null && !addSubcommands(cli, CountersignCommand.class, words, model)) {
                cli = null;
            }
        }
        if (cli == null) {
            cli = new CommandLine(root);
            addSubcommands(cli, CountersignCommand.class, words, null);
        }
        // picocli's own Path converter calls Paths.get through reflection, whose first call
        // makes a method handle (11% of safe hash); Path::of is the same conversion.
        return cli.registerConverter(Path.class, Path::of);
    }

    /**
     * Adds the subcommands of {@code command} that {@code words} name (all when none is named),
     * built from {@code model}, or by reflection when it is null. False if the model cannot be
     * trusted for one of them (see {@link CommandModel#commandLine}).
     */
    private static boolean addSubcommands(CommandLine parent, Class<?> command, Set<String> words, CommandModel model) {
        List<Class<?>> subcommands = CountersignCommand.SUBCOMMANDS.getOrDefault(command, List.of());
        List<String> names = new ArrayList<>();
        for (Class<?> c : subcommands) {
            String name = model != null ? model.name(c) : c.getAnnotation(CommandLine.Command.class).name();
            if (name == null) {
                return false;
            }
            names.add(name);
        }
        boolean named = names.stream().anyMatch(words::contains);
        for (int i = 0; i < subcommands.size(); i++) {
            if (named && !words.contains(names.get(i))) {
                continue;
            }
            CommandLine child;
            if (model == null) {
                child = new CommandLine(subcommands.get(i));
            } else {
                child = model.commandLine(newCommand(subcommands.get(i)));
                if (child == null) {
                    return false;
                }
            }
            parent.addSubcommand(names.get(i), child);
            if (model != null) {
                model.injectParent(child.getCommand(), parent.getCommand());
            }
            if (!addSubcommands(child, subcommands.get(i), words, model)) {
                return false;
            }
        }
        return true;
    }

    private static Object newCommand(Class<?> command) {
        try {
            var constructor = command.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(command.getName() + ": cannot create the command object", e);
        }
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
