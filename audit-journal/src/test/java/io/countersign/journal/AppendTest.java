package io.countersign.journal;

import static io.countersign.journal.DocumentedHash.ZERO_HASH;
import static io.countersign.journal.DocumentedHash.entryHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendTest {

    @TempDir
    Path dir;

    @Test
    void firstEntryIsHashedInTheDocumentedCanonicalForm() {
        MutableClock clock = new MutableClock("2026-03-01T09:30:00.123456789Z");
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1);
        nested.put("a", Arrays.asList(true, null, "x\ny"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("safeTxHash", "0xab");
        payload.put("nested", nested);
        payload.put("amount", "100");

        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"), clock)) {
            JournalEntry e = journal.append(EntryKind.REQUEST, payload);

            String canonical = "{\"amount\":\"100\",\"nested\":{\"a\":[true,null,\"x\\ny\"],\"z\":1},\"safeTxHash\":\"0xab\"}";
            assertEquals(canonical, e.payloadJson());
            assertEquals(1, e.sequence());
            assertEquals(Instant.parse("2026-03-01T09:30:00.123Z"), e.time());
            assertEquals(EntryKind.REQUEST, e.kind());
            assertEquals(ZERO_HASH, e.previousHash());
            assertEquals(entryHash(1, "2026-03-01T09:30:00.123Z", "REQUEST", ZERO_HASH, canonical), e.entryHash());
        }
    }

    @Test
    void secondEntryChainsToTheFirstAndTimeAlwaysHasThreeFractionDigits() {
        MutableClock clock = new MutableClock("2026-03-01T09:30:00Z");
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"), clock)) {
            JournalEntry first = journal.append(EntryKind.DECISION, Map.of("decision", "allow"));
            clock.set("2026-03-01T09:31:00.500Z");
            JournalEntry second = journal.append(EntryKind.SIGNATURE, Map.of("signer", "0x01"));

            String h1 = entryHash(1, "2026-03-01T09:30:00.000Z", "DECISION", ZERO_HASH, "{\"decision\":\"allow\"}");
            assertEquals(h1, first.entryHash());
            assertEquals(h1, second.previousHash());
            assertEquals(2, second.sequence());
            assertEquals(entryHash(2, "2026-03-01T09:31:00.500Z", "SIGNATURE", h1, "{\"signer\":\"0x01\"}"),
                    second.entryHash());
        }
    }

    @Test
    void sequencesAreContiguousAcrossReopenAndVerifyReportsTheHead() {
        Path file = dir.resolve("j.db");
        JournalEntry last;
        try (AuditJournal journal = AuditJournal.open(file)) {
            for (int i = 0; i < 5; i++) {
                journal.append(EntryKind.REQUEST, Map.of("i", i));
            }
        }
        try (AuditJournal journal = AuditJournal.open(file)) {
            last = journal.append(EntryKind.BROADCAST, Map.of("txHash", "0xff"));
            assertEquals(6, last.sequence());
            List<Long> sequences = journal.latest(10).stream().map(JournalEntry::sequence).toList();
            assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), sequences);

            VerifyResult result = journal.verify();
            assertTrue(result.ok(), result.detail());
            assertEquals(6, result.entries());
            assertEquals(last.entryHash(), result.head());
            assertEquals(0, result.firstBadSequence());
            assertEquals(new Checkpoint(6, last.entryHash()), result.checkpoint());
        }
    }

    @Test
    void emptyJournalVerifiesWithTheZeroHead() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            VerifyResult result = journal.verify();
            assertTrue(result.ok());
            assertEquals(0, result.entries());
            assertEquals(ZERO_HASH, result.head());
        }
    }

    @Test
    void fileUsesWalAndEveryConnectionSyncsFully() throws SQLException {
        Path file = dir.resolve("j.db");
        try (AuditJournal journal = AuditJournal.open(file); RawDb raw = RawDb.open(file)) {
            assertEquals("wal", raw.string("PRAGMA journal_mode"));
            assertEquals("2", journal.pragma("synchronous"), "2 is FULL");
            assertEquals(Integer.toString(0x43534A4E), raw.string("PRAGMA application_id"));
        }
    }

    @Test
    void triggersRefuseUpdateAndDelete() throws SQLException {
        Path file = dir.resolve("j.db");
        try (AuditJournal journal = AuditJournal.open(file)) {
            journal.append(EntryKind.REQUEST, Map.of("a", 1));
        }
        try (RawDb raw = RawDb.open(file)) {
            SQLException update = assertThrows(SQLException.class,
                    () -> raw.exec("UPDATE journal SET payload = '{\"a\":2}' WHERE sequence = 1"));
            assertTrue(update.getMessage().contains("journal is append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> raw.exec("DELETE FROM journal"));
            assertTrue(delete.getMessage().contains("journal is append-only"), delete.getMessage());
            assertEquals("{\"a\":1}", raw.string("SELECT payload FROM journal WHERE sequence = 1"));
        }
    }

    @Test
    void openingRestoresDroppedTriggers() throws SQLException {
        Path file = dir.resolve("j.db");
        AuditJournal.open(file).close();
        try (RawDb raw = RawDb.openWithoutTriggers(file)) {
            assertEquals("0", raw.string("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"));
        }
        AuditJournal.open(file).close();
        try (RawDb raw = RawDb.open(file)) {
            assertEquals("2", raw.string("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"));
        }
    }

    @Test
    void failedInsertLeavesNothingAndTheNextAppendContinuesTheChain() throws SQLException {
        Path file = dir.resolve("j.db");
        try (AuditJournal journal = AuditJournal.open(file)) {
            journal.append(EntryKind.REQUEST, Map.of("a", 1));
            try (RawDb raw = RawDb.open(file)) {
                raw.exec("CREATE TRIGGER fail_broadcast BEFORE INSERT ON journal WHEN NEW.kind = 'BROADCAST'"
                        + " BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
            }
            JournalStorageException e = assertThrows(JournalStorageException.class,
                    () -> journal.append(EntryKind.BROADCAST, Map.of("txHash", "0x01")));
            assertTrue(e.getMessage().contains("disk says no"), e.getMessage());
            try (RawDb raw = RawDb.open(file)) {
                assertEquals(1, raw.count());
            }
            JournalEntry next = journal.append(EntryKind.DECISION, Map.of("decision", "deny"));
            assertEquals(2, next.sequence());
            assertTrue(journal.verify().ok());
        }
    }

    @Test
    void closedJournalRefusesCalls() {
        AuditJournal journal = AuditJournal.open(dir.resolve("j.db"));
        journal.close();
        journal.close();
        assertThrows(JournalClosedException.class, () -> journal.append(EntryKind.REQUEST, Map.of("a", 1)));
        assertThrows(JournalClosedException.class, journal::verify);
        assertThrows(JournalClosedException.class, () -> journal.latest(1));
    }
}
