package io.countersign.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code safe propose}, {@code safe import} and {@code safe approve} take the Safe's offline facts
 * through one mixin ({@link SafeFactsOptions}): the same help text, and the same error for each
 * missing or inconsistent fact, with nothing written. No node: every run is {@code --offline}.
 */
class SafeFactsOptionsCliTest {
    static final String SAFE = "0x1111111111111111111111111111111111111111";
    static final String PARENT = "0x2222222222222222222222222222222222222222";
    /** The Safe the Transaction Builder batch in test-vectors/safe-import names. */
    static final String DAO_SAFE = "0x10A19e7eE7d7F8a52822f6817de8ea18204F2e4f";
    static final String ONE = "0x0000000000000000000000000000000000000001";
    static final String TWO = "0x0000000000000000000000000000000000000002";

    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--offline");
    }

    Path out() {
        return dir.resolve("out.json");
    }

    /** A child request for approve to work on, proposed offline with all its Safe's facts. */
    Path child() {
        Path child = dir.resolve("child.json");
        CliRunner.Result r = cli().run("safe", "propose", "--safe", SAFE, "--to", TWO, "--value", "0", "--chain-id", "31337",
                "--safe-version", "1.4.1", "--owners", ONE + "," + TWO, "--threshold", "1", "--nonce", "0", "--out", child.toString());
        assertEquals(0, r.code(), r.toString());
        return child;
    }

    /** Each command with everything but the Safe's facts; which Safe's facts it needs; the command's name. */
    record Command(String name, String safe, List<String> args) {
        String[] with(String... facts) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of(facts));
            return all.toArray(String[]::new);
        }
    }

    List<Command> commands() {
        return List.of(
                new Command("propose", SAFE, List.of("safe", "propose", "--safe", SAFE, "--to", TWO, "--value", "0", "--nonce", "3",
                        "--out", out().toString())),
                new Command("import", DAO_SAFE, List.of("safe", "import",
                        TestPaths.vectors().resolve("safe-import").resolve("builder").resolve("balancer-BIP-299.json").toString(),
                        "--safe", DAO_SAFE, "--nonce", "3", "--out", out().toString())),
                new Command("approve", PARENT, List.of("safe", "approve", child().toString(), "--via-safe", PARENT, "--nonce", "3",
                        "--out", out().toString())));
    }

    void refused(Command c, String expected, String... facts) {
        CliRunner.Result r = cli().run(c.with(facts));
        assertEquals(2, r.code(), c.name() + ": " + r);
        assertEquals("error: " + expected, r.err().strip(), c.name());
        assertFalse(Files.exists(out()), c.name() + " wrote a file");
    }

    @Test
    void missingFactsAreNamedTheSameWayByEachCommand() {
        for (Command c : commands()) {
            // approve's chain is the child request's: it never asks for --chain-id
            String missing = c.name().equals("approve") ? "--safe-version, --owners, --threshold"
                    : "--chain-id, --safe-version, --owners, --threshold";
            refused(c, "offline (or without --rpc), " + c.name() + " reads no facts of Safe " + c.safe()
                    + " from a node: give " + missing + ", or give --rpc URL to read them from the chain");
            refused(c, "offline (or without --rpc), " + c.name() + " reads no facts of Safe " + c.safe()
                    + " from a node: give --threshold, or give --rpc URL to read them from the chain",
                    "--chain-id", "31337", "--safe-version", "1.3.0", "--owners", ONE + "," + TWO);
        }
    }

    @Test
    void aThresholdAboveTheOwnersIsRefusedByEachCommand() {
        for (Command c : commands()) {
            refused(c, "--threshold 3 is not between 1 and the 2 owners",
                    "--chain-id", "31337", "--safe-version", "1.3.0", "--owners", ONE + "," + TWO, "--threshold", "3");
            refused(c, "--threshold 0 is not between 1 and the 2 owners",
                    "--chain-id", "31337", "--safe-version", "1.3.0", "--owners", ONE + "," + TWO, "--threshold", "0");
        }
    }

    @Test
    void anOwnerListedTwiceIsRefusedByEachCommand() {
        for (Command c : commands()) {
            refused(c, "--owners lists an owner twice",
                    "--chain-id", "31337", "--safe-version", "1.3.0", "--owners", ONE + "," + ONE, "--threshold", "1");
        }
    }

    @Test
    void approveRefusesAChainIdOtherThanTheChildRequests() {
        Command approve = commands().get(2);
        refused(approve, "--chain-id 1 is not the chain of " + dir.resolve("child.json") + " (31337): the parent Safe approves "
                + "on its child's chain", "--chain-id", "1", "--safe-version", "1.3.0", "--owners", ONE + "," + TWO, "--threshold", "1");
    }

    @Test
    void theFactsHaveOneHelpText() {
        Map<String, String> help = new java.util.TreeMap<>();
        for (String command : List.of("propose", "import", "approve")) {
            CliRunner.Result r = cli().run("safe", command, "--help");
            assertEquals(0, r.code(), r.toString());
            StringBuilder facts = new StringBuilder();
            boolean in = false;
            for (String line : r.out().split("\n")) {
                // an option's own line: its name, then two or more blanks and its help, or nothing (the help on
                // the next lines); a synopsis line has more names after single blanks
                boolean option = line.matches("\\s*(-\\w, )?--[\\w-]+(=\\S+)?(\\s{2,}\\S.*)?");
                if (option) {
                    in = line.contains("--chain-id=") || line.contains("--safe-version=") || line.contains("--owners=")
                            || line.contains("--threshold=");
                } else if (!line.startsWith("          ") || line.stripLeading().startsWith("-") || line.stripLeading().startsWith("[")) {
                    in = false; // not the continuation of an option's help
                }
                if (in) {
                    facts.append(line.strip().replaceAll("\\s+", " ")).append(' '); // the columns differ per command
                }
            }
            help.put(command, facts.toString());
        }
        assertTrue(help.get("propose").contains("--owners=A,B,…[,A,B,…...] Offline: the Safe's owners"), help.toString());
        assertEquals(help.get("propose"), help.get("import"), help.toString());
        assertEquals(help.get("propose"), help.get("approve"), help.toString());
    }
}
