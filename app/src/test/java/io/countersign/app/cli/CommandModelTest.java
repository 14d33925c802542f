package io.countersign.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command model generated at build time ({@link CommandModel}; README.md, "Start-up") against picocli's
 * reflective model of the same annotations: same commands, help, options and parameters, and the
 * same values bound after parsing. The rest of the suite runs the commands through the generated
 * model, since it is there ({@link #theBuildGeneratedACurrentModel}).
 */
class CommandModelTest {
    private static final PrintStream NOWHERE = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static CommandLine generated(String... args) {
        CommandModel model = CommandModel.load();
        assertNotNull(model, "no current generated model: did the build's process-classes step run?");
        return Cli.commandLine(new CountersignCommand(NOWHERE, NOWHERE, Map.of()), args, model);
    }

    private static CommandLine reflective(String... args) {
        return Cli.commandLine(new CountersignCommand(NOWHERE, NOWHERE, Map.of()), args, null);
    }

    @Test
    void theBuildGeneratedACurrentModel() {
        CommandModel model = CommandModel.load();
        assertNotNull(model);
        assertEquals(CommandModel.GENERATED, model.getClass().getName());
        // and Cli uses it: the root's spec was built without inspecting the annotations
        CommandLine cli = Cli.commandLine(new CountersignCommand(NOWHERE, NOWHERE, Map.of()), new String[] {"safe", "hash"});
        assertTrue(cli.getCommandSpec().mixins().isEmpty(), "the reflective model mixes in the help options; the generated one adds them");
        assertFalse(reflective().getCommandSpec().mixins().isEmpty());
    }

    @Test
    void everyCommandHasTheSameHelpOptionsAndParametersBothWays() {
        List<String> compared = new ArrayList<>();
        compare(generated(), reflective(), compared);
        assertEquals(1 + CountersignCommand.SUBCOMMANDS.values().stream().mapToInt(List::size).sum(), compared.size(),
                "commands compared: " + compared);
    }

    private static void compare(CommandLine generated, CommandLine reflective, List<String> compared) {
        CommandSpec g = generated.getCommandSpec();
        CommandSpec r = reflective.getCommandSpec();
        String name = r.qualifiedName();
        assertEquals(name, g.qualifiedName());
        assertEquals(reflective.getUsageMessage(CommandLine.Help.Ansi.OFF), generated.getUsageMessage(CommandLine.Help.Ansi.OFF), name);
        assertEquals(Arrays.toString(r.version()), Arrays.toString(g.version()), name);
        assertEquals(describe(r.args()), describe(g.args()), name);
        assertEquals(r.subcommands().keySet(), g.subcommands().keySet(), name);
        compared.add(name);
        for (String sub : r.subcommands().keySet()) {
            compare(g.subcommands().get(sub), r.subcommands().get(sub), compared);
        }
    }

    /** Every attribute of every option and parameter that parsing or help reads, by name. */
    private static Map<String, String> describe(List<ArgSpec> args) {
        Map<String, String> d = new TreeMap<>();
        for (ArgSpec a : args) {
            List<Object> attributes = new ArrayList<>(List.of(a.type(), Arrays.toString(a.auxiliaryTypes()), a.arity(),
                    a.required(), a.paramLabel(), Arrays.toString(a.description()), String.valueOf(a.defaultValue()),
                    a.splitRegex(), a.scopeType(), a.inherited(), a.hasInitialValue(), String.valueOf(a.initialValue()),
                    a.hidden(), a.interactive(), a.showDefaultValue(), a.hideParamSyntax()));
            String key;
            if (a instanceof OptionSpec o) {
                key = "option " + Arrays.toString(o.names());
                attributes.addAll(List.of(o.usageHelp(), o.versionHelp(), o.negatable(), o.fallbackValue(), o.order()));
            } else {
                PositionalParamSpec p = (PositionalParamSpec) a;
                key = "parameter " + p.index() + " " + p.paramLabel();
            }
            d.put(key, attributes.toString());
        }
        return d;
    }

    /** Argument lines that set every kind of option the commands have; each parses to the same values both ways. */
    @Test
    void theSameArgumentsBindTheSameValues() {
        List<String[]> lines = List.of(
                new String[] {"safe", "hash", "req.json", "--json", "--data-dir", "/tmp/d", "--offline"},
                new String[] {"safe", "propose", "--offline", "--safe", "0x1111111111111111111111111111111111111111",
                        "--to", "0x2222222222222222222222222222222222222222", "--value", "1", "--chain-id", "1",
                        "--safe-version", "1.4.1", "--owners", "0x3333333333333333333333333333333333333333,0x4444444444444444444444444444444444444444",
                        "--threshold", "2", "--nonce", "7", "--out", "r.json"},
                new String[] {"safe", "merge", "a.json", "b.json", "c.json", "--out", "m.json"},
                new String[] {"safe", "sign", "req.json", "--signer", "ledger", "--path", "m/44'/60'/0'/0/1", "--rpc", "http://127.0.0.1:8545"},
                new String[] {"tx", "sign", "--signer", "keystore:k.json", "--chain-id", "5", "--to",
                        "0x2222222222222222222222222222222222222222", "--max-fee", "30", "--gas", "21000"},
                new String[] {"timelock", "schedule", "--flavor", "compound", "--timelock", "0x2222222222222222222222222222222222222222",
                        "--target", "0x3333333333333333333333333333333333333333", "--eta", "1700000000", "--via-safe",
                        "0x1111111111111111111111111111111111111111", "--signature", "setDelay(uint256)", "--out", "t.json"},
                new String[] {"typed-data", "sign", "--signer", "ledger", "--domain-hash", "0x" + "ab".repeat(32),
                        "--message-hash", "0x" + "cd".repeat(32)},
                new String[] {"shamir", "split", "--group-threshold", "2", "--group", "2/3", "--group", "3/5",
                        "--secret-hex-env", "S", "--label", "Treasury"},
                new String[] {"audit", "export", "--format", "csv"},
                new String[] {"--dev-mode", "policy", "show"});
        for (String[] line : lines) {
            String what = String.join(" ", line);
            Map<String, String> r = values(reflective(line).parseArgs(line));
            assertEquals(r, values(generated(line).parseArgs(line)), what);
            assertFalse(r.isEmpty(), what);
        }
        // and the same usage errors
        for (String[] line : List.of(new String[] {"timelock", "schedule", "--eta", "soon"},
                new String[] {"safe", "merge", "one.json"}, new String[] {"shamir", "split", "--group", "2/3"},
                new String[] {"safe", "hash", "--bogus"})) {
            String r = usageError(reflective(line), line);
            assertTrue(r.startsWith("picocli.CommandLine$"), String.join(" ", line) + ": " + r);
            assertEquals(r, usageError(generated(line), line), String.join(" ", line));
        }
    }

    private static String usageError(CommandLine cli, String[] line) {
        try {
            cli.parseArgs(line);
            return "parsed";
        } catch (CommandLine.ParameterException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The value of every option and parameter of each command the line ran through. */
    private static Map<String, String> values(CommandLine.ParseResult result) {
        Map<String, String> v = new TreeMap<>();
        for (CommandLine.ParseResult level = result; level != null; level = level.subcommand()) {
            CommandSpec spec = level.commandSpec();
            for (ArgSpec a : spec.args()) {
                Object value = a.getValue();
                String key = spec.qualifiedName() + " " + (a instanceof OptionSpec o ? o.longestName() : a.paramLabel());
                v.put(key, value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value));
            }
        }
        return v;
    }

    /** Path::of, which Cli registers for Path, converts as picocli's own Paths.get did. */
    @Test
    void pathOptionsAreConvertedByPathOf() {
        String[] line = {"safe", "hash", "dir/../req.json"};
        CommandLine cli = Cli.commandLine(new CountersignCommand(NOWHERE, NOWHERE, Map.of()), line);
        CommandLine.ParseResult r = cli.parseArgs(line);
        Object value = r.subcommand().subcommand().matchedPositional(0).getValue();
        assertEquals(java.nio.file.Paths.get("dir/../req.json"), value);
    }

    /**
     * The model records the CRC-32 of each class file it was made from; a class compiled since
     * (here, a wrong CRC) makes {@link CommandModel#load} refuse it, and Cli then builds by reflection.
     */
    @Test
    void aModelMadeFromOtherClassFilesIsNotUsed() throws IOException {
        long crc = crcOfClassFile(SafeCommand.Hash.class);
        String name = SafeCommand.Hash.class.getName();
        CommandModel model = CommandModel.load();
        assertNotNull(model);
        assertEquals(crc, model.classFileCrcs().get(name), "the model's CRC is the class file's");
        assertTrue(CommandModel.classFilesMatch(Map.of(name, crc)));
        assertFalse(CommandModel.classFilesMatch(Map.of(name, crc ^ 1)));
        assertFalse(CommandModel.classFilesMatch(Map.of("io.countersign.app.cli.NoSuchCommand", crc)));

        // the reflective fallback runs commands as the model does
        CommandLine cli = reflective("safe", "hash", "--help");
        assertNotNull(cli.getSubcommands().get("safe"));
        var out = new ByteArrayOutputStream();
        cli.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        assertEquals(0, cli.execute("safe", "hash", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: countersign safe hash"), out.toString(StandardCharsets.UTF_8));
    }

    private static long crcOfClassFile(Class<?> c) throws IOException {
        String file = c.getName().substring(c.getPackageName().length() + 1) + ".class";
        try (InputStream in = c.getResourceAsStream(file)) {
            CRC32 crc = new CRC32();
            crc.update(in.readAllBytes());
            return crc.getValue();
        }
    }
}
