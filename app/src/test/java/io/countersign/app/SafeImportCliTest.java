package io.countersign.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.testing.TestPaths;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code safe import} offline on the real files of test-vectors/safe-import (PROVENANCE.md there):
 * the Safe's facts given as {@code safe propose} takes them, no node at all.
 */
class SafeImportCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HISTORY_SAFE = "0x1230B3d59858296A31053C1b8562Ecf89A2f888b";
    static final String HISTORY_OWNERS = "0xF2CeA96575d6b10f51d9aF3b10e3e4E5738aa6bd,0x6169b3e26fac6870208e12074d91DF7eD124339e,"
            + "0x65F8236309e5A99Ff0d129d04E486EBCE20DC7B0,0x8bc9Ab35a2A8b20ad8c23410C61db69F2e5d8164";
    static final String DAO_SAFE = "0x10A19e7eE7d7F8a52822f6817de8ea18204F2e4f";
    static final String SOME_OWNERS = "0x0000000000000000000000000000000000000001,0x0000000000000000000000000000000000000002";

    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--offline", "--json");
    }

    static Path vector(String name) {
        return TestPaths.vectors().resolve("safe-import").resolve(name);
    }

    Path write(String name, JsonNode content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content.toString(), StandardCharsets.UTF_8);
        return p;
    }

    /** The gateway's recorded page with the Safe's address (from its own next URL) back in safe and to. */
    Path historyPage() throws IOException {
        ObjectNode page = (ObjectNode) JSON.readTree(Files.readString(vector("service/last_history_tx.json")));
        ObjectNode tx = (ObjectNode) page.get("results").get(0);
        tx.put("safe", HISTORY_SAFE);
        tx.put("to", HISTORY_SAFE);
        return write("history.json", page);
    }

    List<JournalEntry> requests() {
        Path file = dir.resolve("data").resolve("journal.sqlite");
        if (!Files.exists(file)) {
            return List.of();
        }
        try (AuditJournal j = AuditJournal.open(file)) {
            return j.since(EntryKind.REQUEST, Instant.EPOCH);
        }
    }

    @Test
    void aServiceListImportsOfflineWithItsConfirmations() throws IOException {
        Path out = dir.resolve("req.json");
        CliRunner.Result r = cli().run("safe", "import", historyPage().toString(), "--safe", HISTORY_SAFE, "--out", out.toString(),
                "--chain-id", "4", "--safe-version", "1.3.0", "--owners", HISTORY_OWNERS, "--threshold", "4");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = r.json();
        assertEquals("0x8fb21d8f9612f33978e4b1f20740d65d38c7a6ba33109b8b7af7a5ddfd44eb6a", j.get("safeTxHash").asString());
        assertEquals(4, j.get("signatures").asInt());
        assertEquals("0xF2CeA96575d6b10f51d9aF3b10e3e4E5738aa6bd", j.get("unverifiedSignatures").get(0).asString());
        JsonNode written = JSON.readTree(Files.readString(out));
        assertEquals("0x8fb21d8f9612f33978e4b1f20740d65d38c7a6ba33109b8b7af7a5ddfd44eb6a", written.get("safeTxHash").asString());
        assertEquals(4, written.get("signatures").size());
        JsonNode entry = requests().getLast().payload();
        assertEquals("safe-transaction-service", entry.get("importSource").asString());
        assertTrue(entry.get("warnings").get(0).asString().startsWith("UNVERIFIED:"), entry.toString());
    }

    @Test
    void aTamperedBatchChecksumIsAWarningInOutputJsonAndJournal() throws IOException {
        ObjectNode batch = (ObjectNode) JSON.readTree(Files.readString(vector("builder/balancer-BIP-299.json")));
        ((ObjectNode) batch.get("transactions").get(0).get("contractInputsValues")).put("account", "0x000000000000000000000000000000000000dEaD");
        Path file = write("tampered.json", batch);
        Path out = dir.resolve("batch.json");
        String[] args = {"safe", "import", file.toString(), "--safe", DAO_SAFE, "--out", out.toString(), "--chain-id", "1",
            "--safe-version", "1.3.0", "--owners", SOME_OWNERS, "--threshold", "1", "--nonce", "12"};
        CliRunner.Result r = cli().run(args);
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.json().get("checksumValid").asBoolean());
        assertEquals("0xa221f38d898465fb29de30c50a18ffe8c5f919db38bf506c08a31310221ecd6e", r.json().get("checksum").asString());
        assertTrue(r.json().get("warnings").get(0).asString().startsWith("CHECKSUM MISMATCH"), r.toString());
        assertEquals(7, r.json().get("legs").asInt());
        JsonNode entry = requests().getLast().payload();
        assertFalse(entry.get("checksumValid").asBoolean());
        assertTrue(entry.get("warnings").get(0).asString().startsWith("CHECKSUM MISMATCH"), entry.toString());
        // Without --json the warning leads the output.
        CliRunner.Result human = new CliRunner(dir.resolve("data")).global("--offline").run(args);
        assertEquals(0, human.code(), human.toString());
        assertTrue(human.out().startsWith("!! WARNING: CHECKSUM MISMATCH"), human.out());
        assertTrue(human.out().contains("Transaction Builder checksum NOT VALID"), human.out());
        // The untouched file: valid, no warning.
        CliRunner.Result clean = cli().run("safe", "import", vector("builder/balancer-BIP-299.json").toString(), "--safe", DAO_SAFE,
                "--out", dir.resolve("clean.json").toString(), "--chain-id", "1", "--safe-version", "1.3.0", "--owners", SOME_OWNERS,
                "--threshold", "1", "--nonce", "12");
        assertEquals(0, clean.code(), clean.toString());
        assertTrue(clean.json().get("checksumValid").asBoolean());
        assertEquals(0, clean.json().get("warnings").size());
    }

    @Test
    void refusedImportsWriteNothing() throws IOException {
        // A leg whose data contradicts its contractMethod.
        ObjectNode batch = (ObjectNode) JSON.readTree(Files.readString(vector("builder/balancer-2023-W26-mainnet-dao.json")));
        ((ObjectNode) batch.get("transactions").get(1)).put("data", "0xa9059cbb000000000000000000000000811912c19eef91b9dc3ca52fc426590cfb84fc86"
                + "0000000000000000000000000000000000000000000000000000008000e8dc00");
        Path out = dir.resolve("never.json");
        CliRunner.Result r = cli().run("safe", "import", write("contradicting.json", batch).toString(), "--safe", DAO_SAFE, "--out",
                out.toString(), "--chain-id", "1", "--safe-version", "1.3.0", "--owners", SOME_OWNERS, "--threshold", "1", "--nonce", "3");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("transaction 2 (transfer)") && r.err().contains("does not match its contractMethod"), r.toString());
        assertFalse(Files.exists(out));

        // A service file whose safeTxHash does not match its fields (here: read as Safe 1.1.1).
        CliRunner.Result r2 = cli().run("safe", "import", historyPage().toString(), "--safe", HISTORY_SAFE, "--out", out.toString(),
                "--chain-id", "4", "--safe-version", "1.1.1", "--owners", HISTORY_OWNERS, "--threshold", "4");
        assertEquals(1, r2.code(), r2.toString());
        assertTrue(r2.err().contains("0x8fb21d8f9612f33978e4b1f20740d65d38c7a6ba33109b8b7af7a5ddfd44eb6a")
                && r2.err().contains("which hash to 0x"), r2.toString());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), requests(), "nothing journalled for a refused import");
    }

    @Test
    void offlineWithoutTheSafesFactsSaysWhichAreMissing() throws IOException {
        CliRunner.Result r = cli().run("safe", "import", historyPage().toString(), "--safe", HISTORY_SAFE, "--out",
                dir.resolve("x.json").toString(), "--chain-id", "4");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("import reads no facts of Safe " + HISTORY_SAFE + " from a node: give --safe-version, --owners, --threshold,"), r.toString());
        CliRunner.Result batch = cli().run("safe", "import", vector("builder/balancer-BIP-299.json").toString(), "--safe", DAO_SAFE,
                "--out", dir.resolve("y.json").toString(), "--chain-id", "1", "--safe-version", "1.3.0", "--owners", SOME_OWNERS,
                "--threshold", "1");
        assertEquals(1, batch.code(), batch.toString());
        assertTrue(batch.err().contains("give --nonce"), batch.toString());
        assertFalse(Files.exists(dir.resolve("y.json")));
    }
}
