package io.countersign.journal;

import static io.countersign.journal.DocumentedHash.bytes;
import static io.countersign.journal.DocumentedHash.entryHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.journal.VerifyResult.Reason;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampers the SQLite file through raw JDBC, with the triggers dropped, then verifies. */
class TamperTest {

    private static final EntryKind[] KINDS = {EntryKind.REQUEST, EntryKind.DECISION, EntryKind.SIGNATURE, EntryKind.BROADCAST};

    @TempDir
    Path dir;

    private Path file;
    /** hashes.get(i) is the entry hash of sequence i + 1, as returned by append. */
    private final List<String> hashes = new ArrayList<>();
    private Checkpoint checkpoint;

    @BeforeEach
    void tenEntries() {
        file = dir.resolve("j.db");
        MutableClock clock = new MutableClock("2026-03-01T00:00:00Z");
        try (AuditJournal journal = AuditJournal.open(file, clock)) {
            for (int i = 1; i <= 10; i++) {
                hashes.add(journal.append(KINDS[i % KINDS.length], Map.of("i", i)).entryHash());
                clock.advance(Duration.ofSeconds(1));
            }
            VerifyResult before = journal.verify();
            assertTrue(before.ok());
            checkpoint = before.checkpoint();
        }
    }

    private interface Tamper {
        void apply(RawDb db) throws SQLException;
    }

    private VerifyResult tamperThenVerify(Tamper tamper) throws SQLException {
        return tamperThenVerify(tamper, null);
    }

    private VerifyResult tamperThenVerify(Tamper tamper, Checkpoint expected) throws SQLException {
        try (RawDb db = RawDb.openWithoutTriggers(file)) {
            tamper.apply(db);
        }
        try (AuditJournal journal = AuditJournal.open(file)) {
            return expected == null ? journal.verify() : journal.verify(expected);
        }
    }

    private static void assertBad(VerifyResult r, long firstBad, Reason reason) {
        assertFalse(r.ok(), "tampering went unnoticed");
        assertEquals(reason, r.reason(), r.detail());
        assertEquals(firstBad, r.firstBadSequence(), r.detail());
    }

    private String time(long sequence) {
        return Instant.parse("2026-03-01T00:00:00Z").plusSeconds(sequence - 1).toString().replace("Z", ".000Z");
    }

    /** Inserts a row whose hash is correct for its own fields, as a forger who read the Javadoc would. */
    private static String forge(RawDb db, long sequence, String time, String kind, String previousHex, String payload)
            throws SQLException {
        String hash = entryHash(sequence, time, kind, previousHex, payload);
        try (PreparedStatement s = db.connection.prepareStatement(
                "INSERT INTO journal (sequence, time, kind, payload, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, sequence);
            s.setString(2, time);
            s.setString(3, kind);
            s.setString(4, payload);
            s.setBytes(5, bytes(previousHex));
            s.setBytes(6, bytes(hash));
            s.executeUpdate();
        }
        return hash;
    }

    @Test
    void editedPayloadIsTheFirstBadEntry() throws SQLException {
        VerifyResult r = tamperThenVerify(db -> db.exec("UPDATE journal SET payload = '{\"i\":400}' WHERE sequence = 4"));
        assertBad(r, 4, Reason.HASH_MISMATCH);
        assertEquals(3, r.entries());
        assertEquals(hashes.get(2), r.head());
    }

    @Test
    void editedTimeIsDetected() throws SQLException {
        assertBad(tamperThenVerify(db -> db.exec("UPDATE journal SET time = '2026-02-01T00:00:00.000Z' WHERE sequence = 7")),
                7, Reason.HASH_MISMATCH);
    }

    @Test
    void editedKindIsDetected() throws SQLException {
        assertBad(tamperThenVerify(db -> db.exec("UPDATE journal SET kind = 'REQUEST' WHERE sequence = 2")),
                2, Reason.HASH_MISMATCH);
    }

    @Test
    void editedLastHashIsDetected() throws SQLException {
        assertBad(tamperThenVerify(db -> db.exec("UPDATE journal SET entry_hash = zeroblob(32) WHERE sequence = 10")),
                10, Reason.HASH_MISMATCH);
    }

    @Test
    void deletedEntryIsNamed() throws SQLException {
        VerifyResult r = tamperThenVerify(db -> db.exec("DELETE FROM journal WHERE sequence = 5"));
        assertBad(r, 5, Reason.MISSING_ENTRY);
        assertEquals(4, r.entries());
    }

    @Test
    void deletedFirstEntryIsNamed() throws SQLException {
        assertBad(tamperThenVerify(db -> db.exec("DELETE FROM journal WHERE sequence = 1")), 1, Reason.MISSING_ENTRY);
    }

    @Test
    void deletionWithRenumberingBreaksTheLink() throws SQLException {
        assertBad(tamperThenVerify(db -> {
            db.exec("DELETE FROM journal WHERE sequence = 5");
            db.exec("UPDATE journal SET sequence = sequence - 1 WHERE sequence > 5");
        }), 5, Reason.BROKEN_LINK);
    }

    @Test
    void insertedEntryWithAGarbageHashIsNamed() throws SQLException {
        assertBad(tamperThenVerify(db -> {
            for (long s = 10; s >= 6; s--) {
                db.exec("UPDATE journal SET sequence = sequence + 1 WHERE sequence = " + s);
            }
            db.exec("INSERT INTO journal VALUES (6, '" + time(6) + "', 'SIGNATURE', '{\"i\":99}', x'"
                    + hashes.get(4) + "', zeroblob(32))");
        }), 6, Reason.HASH_MISMATCH);
    }

    @Test
    void insertedForgedEntryBreaksTheLinkOfTheNext() throws SQLException {
        VerifyResult r = tamperThenVerify(db -> {
            for (long s = 10; s >= 6; s--) {
                db.exec("UPDATE journal SET sequence = sequence + 1 WHERE sequence = " + s);
            }
            forge(db, 6, time(6), "SIGNATURE", hashes.get(4), "{\"i\":99}");
        });
        assertBad(r, 7, Reason.BROKEN_LINK);
        assertEquals(6, r.entries());
    }

    @Test
    void rowBeforeTheFirstIsNamed() throws SQLException {
        assertBad(tamperThenVerify(db -> forge(db, 0, time(1), "REQUEST", DocumentedHash.ZERO_HASH, "{}")),
                0, Reason.UNEXPECTED_SEQUENCE);
    }

    @Test
    void swappedEntriesBreakTheLinkAtTheFirstOfThem() throws SQLException {
        assertBad(tamperThenVerify(db -> {
            db.exec("UPDATE journal SET sequence = 100 WHERE sequence = 3");
            db.exec("UPDATE journal SET sequence = 3 WHERE sequence = 4");
            db.exec("UPDATE journal SET sequence = 4 WHERE sequence = 100");
        }), 3, Reason.BROKEN_LINK);
    }

    @Test
    void rewrittenEntryWithARecomputedHashBreaksTheNextLink() throws SQLException {
        assertBad(tamperThenVerify(db -> {
            db.exec("DELETE FROM journal WHERE sequence = 4");
            forge(db, 4, time(4), "REQUEST", hashes.get(2), "{\"i\":4000}");
        }), 5, Reason.BROKEN_LINK);
    }

    @Test
    void firstEntryMustStartFromTheZeroHash() throws SQLException {
        assertBad(tamperThenVerify(db -> {
            db.exec("DELETE FROM journal");
            forge(db, 1, time(1), "REQUEST", "11".repeat(32), "{}");
        }), 1, Reason.BROKEN_LINK);
    }

    @Test
    void unknownKindWithAMatchingHashIsNamedAndQueriesRefuseIt() throws SQLException {
        assertBad(tamperThenVerify(db -> forge(db, 11, time(11), "WITHDRAW_ALL", hashes.get(9), "{}")),
                11, Reason.UNKNOWN_KIND);
        try (AuditJournal journal = AuditJournal.open(file)) {
            assertThrows(CorruptJournalException.class, () -> journal.latest(1));
        }
    }

    @Test
    void truncatedTailPassesTheChainButNotTheCheckpoint() throws SQLException {
        VerifyResult chainOnly = tamperThenVerify(db -> db.exec("DELETE FROM journal WHERE sequence >= 9"));
        assertTrue(chainOnly.ok(), "the chain alone cannot see a cut-off tail");
        assertEquals(8, chainOnly.entries());
        try (AuditJournal journal = AuditJournal.open(file)) {
            VerifyResult r = journal.verify(checkpoint);
            assertBad(r, 9, Reason.TRUNCATED);
            assertEquals(8, r.entries());
        }
    }

    @Test
    void rebuiltChainPassesTheChainButNotTheCheckpoint() throws SQLException {
        VerifyResult chainOnly = tamperThenVerify(db -> {
            db.exec("DELETE FROM journal WHERE sequence >= 4");
            String previous = hashes.get(2);
            for (long s = 4; s <= 10; s++) {
                previous = forge(db, s, time(s), "REQUEST", previous, "{\"i\":" + (s * 1000) + "}");
            }
        });
        assertTrue(chainOnly.ok(), "a consistent rebuild is only visible against a checkpoint");
        try (AuditJournal journal = AuditJournal.open(file)) {
            assertBad(journal.verify(checkpoint), 10, Reason.CHECKPOINT_MISMATCH);
        }
    }

    @Test
    void anOlderCheckpointStillMatchesAfterMoreAppends() {
        try (AuditJournal journal = AuditJournal.open(file)) {
            journal.append(EntryKind.EXPORT, Map.of("file", "req.json"));
            VerifyResult r = journal.verify(checkpoint);
            assertTrue(r.ok(), r.detail());
            assertEquals(11, r.entries());
            assertTrue(journal.verify(new Checkpoint(5, hashes.get(4))).ok());
            assertBad(journal.verify(new Checkpoint(5, hashes.get(5))), 5, Reason.CHECKPOINT_MISMATCH);
        }
    }

    @Test
    void severalCheckpointsInOneWalkNameTheFirstMissingEntryOrTheFirstRebuiltOne() throws SQLException {
        Checkpoint older = new Checkpoint(5, hashes.get(4));
        VerifyResult cut = tamperThenVerify(db -> db.exec("DELETE FROM journal WHERE sequence >= 7"));
        assertTrue(cut.ok());
        try (AuditJournal journal = AuditJournal.open(file)) {
            assertTrue(journal.verify(List.of(older)).ok(), "entry 5 is still there");
            VerifyResult r = journal.verify(List.of(older, checkpoint));
            assertBad(r, 7, Reason.TRUNCATED);
            assertEquals(6, r.entries());
            assertTrue(r.detail().contains("entry 7 is the first missing"), r.detail());
            assertBad(journal.verify(List.of(checkpoint, new Checkpoint(5, hashes.get(3)))), 5, Reason.CHECKPOINT_MISMATCH);
        }
    }
}
