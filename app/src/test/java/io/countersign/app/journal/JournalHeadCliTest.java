package io.countersign.app.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Eip191;
import io.countersign.eth.Signature;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The journal's head kept outside the journal, through the real command line, offline, with a
 * signed policy installed: a cut-off tail passes the chain alone but not `audit verify --head`;
 * a journal cut back before the policy install record, or rolled back past a device checkpoint,
 * fails `audit verify` with the first missing sequence named, and `safe sign` refuses on it.
 * Entries are deleted behind the journal's back with raw JDBC (the append-only trigger dropped).
 */
class JournalHeadCliTest {
    static final String VAR = "COUNTERSIGN_TEST_MNEMONIC";
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");

    @TempDir
    Path dir;

    static Address account(int i) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + i), "t").address();
    }

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).env(VAR, Anvil.MNEMONIC).global("--json");
    }

    Path journalFile() {
        return dir.resolve("data").resolve("journal.sqlite");
    }

    Path propose(String name, String nonce) {
        Path out = dir.resolve(name);
        CliRunner.Result r = cli().run("safe", "propose", "--offline", "--safe", SAFE.toString(), "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", "1000", "--chain-id", "31337", "--safe-version", "1.4.1",
                "--owners", account(5) + "," + account(6) + "," + account(7), "--threshold", "2", "--nonce", nonce, "--out",
                out.toString());
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    CliRunner.Result sign(Path req, int owner) {
        return cli().run("safe", "sign", req.toString(), "--offline", "--signer", "mnemonic-env:" + VAR, "--path",
                "m/44'/60'/0'/0/" + owner);
    }

    void installPolicy() throws Exception {
        StringBuilder admins = new StringBuilder();
        for (int a : new int[] {10, 11, 12}) {
            admins.append("    - \"").append(account(a)).append("\"\n");
        }
        Path yaml = dir.resolve("policy.yaml");
        Files.writeString(yaml, "version: 1\nname: Heads\ntimeZone: UTC\nadmins:\n  threshold: 2\n  addresses:\n" + admins
                + "scope:\n  chains: [31337]\n  safes: [\"" + SAFE + "\"]\nrules:\n"
                + "  - {id: eth-limits, kind: limit, asset: native, perTransaction: \"10\", perDay: \"8\"}\n");
        Path bundle = Path.of(yaml + ".bundle.json");
        for (int i = 0; i < 2; i++) {
            CliRunner.Result r = cli().run("policy", "sign", (i == 0 ? yaml : bundle).toString(), "--signer", "mnemonic-env:" + VAR,
                    "--path", "m/44'/60'/0'/0/" + (10 + i));
            assertEquals(0, r.code(), r.toString());
        }
        CliRunner.Result r = cli().run("policy", "install", bundle.toString());
        assertEquals(0, r.code(), r.toString());
    }

    List<JournalEntry> entries() {
        try (AuditJournal j = AuditJournal.open(journalFile())) {
            return j.latest(100_000).reversed();
        }
    }

    /** Deletes every entry from {@code sequence} on, behind the journal's back. */
    void cutFrom(long sequence) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journalFile()); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER IF EXISTS journal_no_delete");
            s.executeUpdate("DELETE FROM journal WHERE sequence >= " + sequence);
        }
        assertEquals(sequence - 1, entries().size(), "the cut applied");
    }

    @Test
    void aCutOffTailPassesTheChainButNotTheHeadKeptElsewhere() throws Exception {
        Path req = propose("a.json", "0");
        assertEquals(0, cli().global("--dev-mode").run("safe", "sign", req.toString(), "--offline", "--signer", "mnemonic-env:" + VAR,
                "--path", "m/44'/60'/0'/0/5").code());
        CliRunner.Result v = cli().run("audit", "verify");
        assertEquals(0, v.code(), v.toString());
        long n = v.json().get("entries").asLong();
        String head = v.json().get("head").asString();
        assertEquals(entries().getLast().entryHash(), head);
        assertEquals(4, n, "REQUEST (propose), REQUEST, DECISION, SIGNATURE");

        CliRunner human = new CliRunner(dir.resolve("data"));
        assertTrue(human.run("audit", "verify").out().contains("countersign audit verify --head " + n + ":" + head));

        cutFrom(3);
        CliRunner.Result chainOnly = cli().run("audit", "verify");
        assertEquals(0, chainOnly.code(), "the chain alone cannot see a cut-off tail: " + chainOnly);
        assertEquals(2, chainOnly.json().get("entries").asLong());

        CliRunner.Result withHead = cli().run("audit", "verify", "--head", n + ":" + head);
        assertEquals(1, withHead.code(), withHead.toString());
        JsonNode w = withHead.json();
        assertFalse(w.get("ok").asBoolean());
        assertEquals("truncated", w.get("reason").asString());
        assertEquals(3, w.get("firstMissingSequence").asLong());
        assertTrue(w.get("detail").asString().contains("entry 3 is the first missing"), w.toString());
        assertTrue(withHead.err().contains("the head given with --head " + n + ":" + head), withHead.err());

        CliRunner.Result badHead = cli().run("audit", "verify", "--head", "4:abc");
        assertEquals(2, badHead.code(), badHead.toString());
        assertTrue(badHead.err().contains("--head must be SEQ:HASH"), badHead.err());
    }

    @Test
    void aJournalCutBackBeforeThePolicyInstallFailsAndSigningRefuses() throws Exception {
        installPolicy();
        List<JournalEntry> before = entries();
        JournalEntry install = before.getLast();
        assertEquals(EntryKind.POLICY_INSTALL, install.kind());
        JsonNode record = new tools.jackson.databind.ObjectMapper().readTree(
                Files.readString(dir.resolve("data").resolve("anchors").resolve("policy-install.json")));
        assertEquals(install.sequence(), record.get("sequence").asLong());
        assertEquals(install.entryHash(), record.get("head").asString());

        Path req = propose("b.json", "0");
        assertEquals(0, cli().run("audit", "verify").code());
        cutFrom(install.sequence());

        CliRunner.Result v = cli().run("audit", "verify");
        assertEquals(1, v.code(), v.toString());
        assertEquals(install.sequence(), v.json().get("firstMissingSequence").asLong());
        assertTrue(v.json().get("anchor").asString().startsWith("the policy install record "), v.toString());
        assertTrue(v.err().contains("entry " + install.sequence() + " is the first missing"), v.err());

        long entriesBefore = entries().size();
        CliRunner.Result s = sign(req, 5);
        assertEquals(1, s.code(), s.toString());
        assertTrue(s.err().contains("the journal is behind the policy install record "), s.err());
        assertTrue(s.err().contains("nothing was signed"), s.err());
        assertEquals(entriesBefore, entries().size(), "nothing was journalled");
        assertFalse(Files.readString(req).contains("\"signer\""), "the request holds no signature");
    }

    @Test
    void aJournalRolledBackPastADeviceCheckpointFailsAndSigningRefuses() throws Exception {
        installPolicy();
        Path req = propose("c.json", "0");
        // a request never signed here: it records no head, so only the checkpoint stands behind it
        Path unsigned = propose("d.json", "1");
        assertEquals(0, sign(req, 5).code());
        List<JournalEntry> before = entries();
        JournalEntry signature = before.getLast();
        assertEquals(EntryKind.SIGNATURE, signature.kind());
        Path exported = dir.resolve("checkpoint.json");

        CliRunner.Result cp = cli().run("audit", "checkpoint", "--signer", "mnemonic-env:" + VAR, "--path", "m/44'/60'/0'/0/5",
                "--out", exported.toString());
        assertEquals(0, cp.code(), cp.toString());
        JsonNode c = cp.json();
        String message = signature.sequence() + ":" + signature.entryHash();
        assertEquals(message, c.get("message").asString());
        assertEquals(account(5).toString(), c.get("signer").asString());
        // the signature is checked with the EIP-191 hash of the ASCII message, independently of the command
        Signature sig = Signature.parse(c.get("signature").asString());
        assertEquals(account(5), sig.recover(Eip191.hashPersonalMessage(message.getBytes(StandardCharsets.US_ASCII))));
        JournalEntry entry = entries().getLast();
        assertEquals(EntryKind.CHECKPOINT, entry.kind());
        assertEquals(signature.sequence() + 1, entry.sequence());
        assertEquals(c.get("signature").asString(), entry.payload().get("signature").asString());
        JsonNode export = cli().run("audit", "export").json().get("entries");
        assertEquals("CHECKPOINT", export.get(export.size() - 1).get("kind").asString(), "exported with the journal");

        // roll back past the checkpoint: the SIGNATURE it covers and everything after
        cutFrom(signature.sequence());
        CliRunner.Result v = cli().run("audit", "verify");
        assertEquals(1, v.code(), v.toString());
        assertEquals(signature.sequence(), v.json().get("firstMissingSequence").asLong());
        assertTrue(v.json().get("anchor").asString().startsWith("the device checkpoint signed by " + account(5)), v.toString());

        CliRunner.Result s = sign(unsigned, 6);
        assertEquals(1, s.code(), s.toString());
        assertTrue(s.err().contains("the journal is behind the device checkpoint signed by " + account(5)), s.err());
        assertTrue(s.err().contains("entry " + signature.sequence() + " is the first missing"), s.err());

        // moving the checkpoint back without the device: its signature no longer matches
        Path kept = dir.resolve("data").resolve("anchors").resolve("device-checkpoint.json");
        JsonNode prior = entries().getLast().payload();
        Files.writeString(kept, Files.readString(kept).replace("\"sequence\" : " + signature.sequence(),
                "\"sequence\" : " + (signature.sequence() - 1)).replace(signature.entryHash(), entries().getLast().entryHash()));
        CliRunner.Result forged = cli().run("audit", "verify");
        assertEquals(1, forged.code(), forged.toString());
        assertTrue(forged.err().contains("was altered"), forged.err());
        assertTrue(prior.isObject());

        // the exported copy checks the same on its own
        Files.delete(kept);
        CliRunner.Result withCopy = cli().run("audit", "verify", "--checkpoint", exported.toString());
        assertEquals(1, withCopy.code(), withCopy.toString());
        assertEquals(signature.sequence(), withCopy.json().get("firstMissingSequence").asLong());
    }

    @Test
    void aJournalBehindASignedRequestFileFailsAndSigningRefusesNamingTheFile() throws Exception {
        installPolicy();
        // one request in the queue of the data folder, one written elsewhere with --out
        CliRunner.Result queued = cli().run("safe", "propose", "--offline", "--safe", SAFE.toString(), "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", "1000", "--chain-id", "31337", "--safe-version", "1.4.1",
                "--owners", account(5) + "," + account(6) + "," + account(7), "--threshold", "2", "--nonce", "0");
        assertEquals(0, queued.code(), queued.toString());
        Path inQueue = Path.of(queued.json().get("file").asString());
        assertTrue(inQueue.startsWith(dir.resolve("data").resolve("requests")), inQueue.toString());
        Path outside = propose("outside.json", "1");

        assertEquals(0, sign(inQueue, 5).code());
        JournalEntry queuedSignature = entries().getLast();
        assertEquals(EntryKind.SIGNATURE, queuedSignature.kind());
        assertEquals(0, sign(outside, 5).code());
        JournalEntry outsideSignature = entries().getLast();
        assertEquals(EntryKind.SIGNATURE, outsideSignature.kind());

        // each file records this journal's head after its SIGNATURE entry, named by entry 1's hash
        JsonNode heads = new tools.jackson.databind.ObjectMapper().readTree(Files.readString(inQueue)).get("meta").get("journalHeads");
        assertEquals(1, heads.size(), heads.toString());
        assertEquals(entries().getFirst().entryHash(), heads.get(0).get("journal").asString());
        assertEquals(queuedSignature.sequence(), heads.get(0).get("sequence").asLong());
        assertEquals(queuedSignature.entryHash(), heads.get(0).get("head").asString());
        assertEquals(0, cli().run("audit", "verify").code());

        // today's signatures deleted behind the journal's back: the queue's request file is ahead of it
        cutFrom(queuedSignature.sequence());
        CliRunner.Result v = cli().run("audit", "verify");
        assertEquals(1, v.code(), v.toString());
        assertEquals(queuedSignature.sequence(), v.json().get("firstMissingSequence").asLong());
        assertEquals("the request file " + inQueue, v.json().get("anchor").asString());

        String before = Files.readString(outside);
        long entriesBefore = entries().size();
        CliRunner.Result s = sign(outside, 6);
        assertEquals(1, s.code(), s.toString());
        assertTrue(s.err().contains("the journal is behind the request file "), s.err());
        assertTrue(s.err().contains("entry " + queuedSignature.sequence() + " is the first missing"), s.err());
        assertTrue(s.err().contains("nothing was signed"), s.err());
        assertEquals(before, Files.readString(outside), "the request file is untouched");
        assertEquals(entriesBefore, entries().size(), "nothing was journalled");
    }

    @Test
    void signingRefusesOnAJournalBehindTheFileBeingSignedEvenOutsideTheDataFolder() throws Exception {
        installPolicy();
        Path outside = propose("elsewhere.json", "0");
        assertEquals(0, sign(outside, 5).code());
        JournalEntry signature = entries().getLast();
        cutFrom(signature.sequence());
        assertEquals(0, cli().run("audit", "verify").code(), "the data folder holds no head past the cut");

        CliRunner.Result s = sign(outside, 6);
        assertEquals(1, s.code(), s.toString());
        assertTrue(s.err().contains("the journal is behind the request file " + outside), s.err());
        assertTrue(s.err().contains("entry " + signature.sequence() + " is the first missing"), s.err());
    }
}
