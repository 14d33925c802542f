package io.countersign.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code safe propose} and {@code safe import} show all ten SafeTx fields of the request they
 * wrote, as {@code safe hash} and {@code safe sign} do: in text one line each, non-zero refund
 * fields marked {@code !}; in {@code --json} as {@code safeTx} with {@code refundFields}.
 * (The timelock steps: {@code TimelockOzCliTest}.) Expected values come from the command's
 * arguments and from the recorded Safe Transaction Service page, not from the code under test.
 */
class TenFieldsOutputCliTest {
    static final List<String> FIELDS = List.of("to", "value", "data", "operation", "safeTxGas", "baseGas", "gasPrice", "gasToken",
            "refundReceiver", "nonce");
    static final String ZERO = "0x0000000000000000000000000000000000000000";

    @TempDir
    Path dir;

    /** Every field name starts a line of {@code text} (after the optional {@code !} mark). */
    static void assertTenLines(String text) {
        for (String field : FIELDS) {
            assertTrue(text.lines().anyMatch(l -> l.trim().replaceFirst("^! ", "").startsWith(field + " ")), field + " missing in:\n" + text);
        }
    }

    /** The {@code safeTx} object has exactly the ten fields. */
    static void assertTenKeys(JsonNode json) {
        List<String> keys = new ArrayList<>(json.get("safeTx").propertyNames());
        assertEquals(FIELDS, keys, json.toString());
    }

    @Test
    void proposeShowsTheTenFields() {
        Path out = dir.resolve("p.json");
        String[] args = {"safe", "propose", "--offline", "--safe", "0x1111111111111111111111111111111111111111", "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", "7", "--data", "0xdeadbeef", "--chain-id", "31337",
                "--safe-version", "1.4.1", "--owners", "0x0000000000000000000000000000000000000001,0x0000000000000000000000000000000000000002",
                "--threshold", "2", "--nonce", "4"};
        CliRunner cli = new CliRunner(dir.resolve("data"));
        CliRunner.Result json = cli.run(concat(args, "--json", "--out", out.toString()));
        assertEquals(0, json.code(), json.toString());
        JsonNode j = json.json();
        assertTenKeys(j);
        JsonNode f = j.get("safeTx");
        assertEquals("0x000000000000000000000000000000000000b0b0", f.get("to").asString().toLowerCase());
        assertEquals("7", f.get("value").asString());
        assertEquals("0xdeadbeef", f.get("data").asString());
        assertEquals(0, f.get("operation").asInt());
        assertEquals("0", f.get("gasPrice").asString());
        assertEquals(ZERO, f.get("refundReceiver").asString());
        assertEquals("4", f.get("nonce").asString());
        assertEquals(0, j.get("refundFields").size());

        CliRunner.Result text = cli.run(concat(args, "--out", dir.resolve("p2.json").toString()));
        assertEquals(0, text.code(), text.toString());
        assertTenLines(text.out());
        assertTrue(text.out().contains("  data            0xdeadbeef (4 bytes)"), text.out());
    }

    @Test
    void importShowsTheTenFieldsOfTheSource() throws IOException {
        Path page = new SafeImportCliTest() {
            {
                dir = TenFieldsOutputCliTest.this.dir;
            }
        }.historyPage();
        JsonNode source = new ObjectMapper().readTree(Files.readString(page)).get("results").get(0);
        String[] args = {"safe", "import", page.toString(), "--safe", SafeImportCliTest.HISTORY_SAFE, "--chain-id", "4",
                "--safe-version", "1.3.0", "--owners", SafeImportCliTest.HISTORY_OWNERS, "--threshold", "4", "--offline"};
        CliRunner cli = new CliRunner(dir.resolve("data"));
        CliRunner.Result json = cli.run(concat(args, "--json", "--out", dir.resolve("i.json").toString()));
        assertEquals(0, json.code(), json.toString());
        assertTenKeys(json.json());
        JsonNode f = json.json().get("safeTx");
        for (String field : FIELDS) {
            assertEquals(source.get(field).asString().toLowerCase(), f.get(field).asString().toLowerCase(), field);
        }
        assertEquals(List.of("safeTxGas"), json.json().get("refundFields").valueStream().map(JsonNode::asString).toList(),
                "the page's safeTxGas is 60850, its other refund fields zero");

        CliRunner.Result text = cli.run(concat(args, "--out", dir.resolve("i2.json").toString()));
        assertEquals(0, text.code(), text.toString());
        assertTenLines(text.out());
        assertTrue(text.out().contains("! safeTxGas       60850"), text.out());
    }

    static String[] concat(String[] a, String... more) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
