package io.countersign.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command tree of {@link CountersignCommand#SUBCOMMANDS} and the pruned command line that
 * {@link Cli} builds from it (README.md, "Start-up"): only the branch the arguments name, yet help, "did you
 * mean" and every command still there.
 */
class CommandTreeTest {
    private static final PrintStream NOWHERE = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static CommandLine commandLine(String... args) {
        return Cli.commandLine(new CountersignCommand(NOWHERE, NOWHERE, Map.of()), args);
    }

    @Test
    void aNamedCommandBuildsOnlyItsBranch() {
        CommandLine cli = commandLine("safe", "hash", "request.json", "--json");
        assertEquals(Set.of("safe"), cli.getSubcommands().keySet());
        assertEquals(Set.of("hash"), cli.getSubcommands().get("safe").getSubcommands().keySet());
        assertEquals(Set.of(), cli.getSubcommands().get("safe").getSubcommands().get("hash").getSubcommands().keySet());
    }

    @Test
    void withNoCommandNamedEveryCommandIsThereForHelp() {
        CommandLine cli = commandLine("--help");
        assertEquals(namesOf(CountersignCommand.SUBCOMMANDS.get(CountersignCommand.class)), cli.getSubcommands().keySet());
        for (Class<?> group : CountersignCommand.SUBCOMMANDS.get(CountersignCommand.class)) {
            String name = group.getAnnotation(CommandLine.Command.class).name();
            assertEquals(namesOf(CountersignCommand.SUBCOMMANDS.getOrDefault(group, List.of())),
                    cli.getSubcommands().get(name).getSubcommands().keySet(), name);
        }
        String help = run("--help").out();
        for (String name : namesOf(CountersignCommand.SUBCOMMANDS.get(CountersignCommand.class))) {
            assertTrue(help.contains("\n  " + name + " "), () -> name + " missing from --help:\n" + help);
        }
    }

    /**
     * Every word of the arguments that names a command is registered at its level, so picocli
     * decides "command or value?" for each word exactly as it did with the whole tree.
     */
    @Test
    void aWordThatAlsoNamesACommandIsTreatedAsWithTheWholeTree() {
        CommandLine cli = commandLine("safe", "hash", "tx");
        assertEquals(Set.of("safe", "tx"), cli.getSubcommands().keySet(), "a file named tx adds a branch");
        Result hashed = run("safe", "hash", "tx");
        assertEquals(1, hashed.exit(), hashed.err());
        assertTrue(hashed.err().contains("tx: cannot read"), "safe hash ran and failed on its missing file: " + hashed.err());

        // picocli never takes a command's name as an option's value: usage error, as before.
        Result refused = run("--data-dir", "policy", "safe", "hash", "x");
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("Expected parameter for option '--data-dir' but found 'policy'"), refused.err());
    }

    @Test
    void aMistypedCommandStillGetsItsSuggestion() {
        Result top = run("saf");
        assertEquals(2, top.exit());
        assertTrue(top.err().contains("Did you mean: countersign safe"), top.err());
        Result sub = run("safe", "hsh");
        assertEquals(2, sub.exit());
        assertTrue(sub.err().contains("Did you mean: safe hash"), sub.err());
    }

    /** A command class written but left out of the table would be unreachable: none is. */
    @Test
    void everyCommandClassIsInTheTreeOnceWithAUniqueNameAtItsLevel() throws IOException, ClassNotFoundException {
        Set<Class<?>> inTree = new HashSet<>();
        for (var level : CountersignCommand.SUBCOMMANDS.entrySet()) {
            List<String> names = level.getValue().stream().map(c -> c.getAnnotation(CommandLine.Command.class).name()).toList();
            assertEquals(names.size(), new HashSet<>(names).size(), "duplicate names under " + level.getKey());
            for (Class<?> c : level.getValue()) {
                assertTrue(inTree.add(c), c + " appears twice");
            }
        }
        Set<String> annotated = new TreeSet<>();
        Path classes = Path.of(Cli.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
                "io/countersign/app/cli");
        try (var files = Files.list(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = "io.countersign.app.cli." + f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(name, false, Cli.class.getClassLoader());
                if (c.isAnnotationPresent(CommandLine.Command.class) && c != CountersignCommand.class) {
                    annotated.add(c.getName());
                }
            }
        }
        assertTrue(annotated.size() > 30, "found " + annotated.size() + " command classes");
        Set<String> tree = new TreeSet<>(inTree.stream().map(Class::getName).toList());
        Set<String> missing = new TreeSet<>(annotated);
        missing.removeAll(tree);
        assertEquals(Set.of(), missing, "@Command classes missing from CountersignCommand.SUBCOMMANDS");
        tree.removeAll(annotated);
        assertEquals(Set.of(), tree, "classes in CountersignCommand.SUBCOMMANDS without @Command");
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Set<String> namesOf(List<Class<?>> commands) {
        Set<String> names = new HashSet<>();
        commands.forEach(c -> names.add(c.getAnnotation(CommandLine.Command.class).name()));
        return names;
    }
}
