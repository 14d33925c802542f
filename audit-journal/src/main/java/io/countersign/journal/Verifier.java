package io.countersign.journal;

import static io.countersign.journal.ChainHash.HASH_BYTES;
import static io.countersign.journal.ChainHash.HEX;

import io.countersign.journal.VerifyResult.Reason;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Walks the chain from entry 1 in one SQLite read transaction (a single SELECT, so a
 * consistent snapshot even while another process appends) and stops at the first bad
 * entry.
 */
final class Verifier {

    private static final String SELECT_ALL =
            "SELECT sequence, time, kind, payload, previous_hash, entry_hash FROM journal ORDER BY sequence";

    private Verifier() {
    }

    /** @param expected a checkpoint recorded elsewhere, or null */
    static VerifyResult run(Connection c, Checkpoint expected) throws SQLException {
        return run(c, expected == null ? List.of() : List.of(expected));
    }

    /**
     * One walk against any number of checkpoints: the first entry (lowest sequence) whose hash
     * differs from a checkpoint's is reported as {@code CHECKPOINT_MISMATCH}; else, if some
     * checkpoint records more entries than remain, {@code TRUNCATED} with the first missing
     * sequence.
     */
    static VerifyResult run(Connection c, Collection<Checkpoint> checkpoints) throws SQLException {
        return run(c, checkpoints, null);
    }

    /** How many entries pass between two progress reports. */
    static final int PROGRESS_STEP = 1000;

    /**
     * As {@link #run(Connection, Collection)}, telling {@code progress} (when not null) the number of
     * entries checked so far every {@link #PROGRESS_STEP} entries and once at the end of the walk.
     */
    static VerifyResult run(Connection c, Collection<Checkpoint> checkpoints, java.util.function.LongConsumer progress)
            throws SQLException {
        MessageDigest md = ChainHash.sha256();
        byte[] previous = ChainHash.GENESIS;
        long expectedSequence = 1;
        TreeMap<Long, Checkpoint> expected = new TreeMap<>();
        for (Checkpoint cp : checkpoints) {
            Checkpoint other = expected.putIfAbsent(cp.entries(), cp);
            if (other != null && !other.head().equals(cp.head())) {
                return bad(0, ChainHash.GENESIS, Math.max(1, cp.entries()), Reason.CHECKPOINT_MISMATCH, "two recorded heads "
                        + "for entry " + cp.entries() + " differ (" + other.head() + " and " + cp.head() + "): one chain was rebuilt");
            }
        }
        Checkpoint genesis = expected.remove(0L);
        if (genesis != null && !genesis.head().equals(HEX.formatHex(ChainHash.GENESIS))) {
            return bad(0, ChainHash.GENESIS, 1, Reason.CHECKPOINT_MISMATCH, "the recorded head of an empty journal is not 64 zeros");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SELECT_ALL)) {
            while (rs.next()) {
                long good = expectedSequence - 1;
                long sequence = rs.getLong(1);
                String time = rs.getString(2);
                String kind = rs.getString(3);
                String payload = rs.getString(4);
                byte[] previousHash = rs.getBytes(5);
                byte[] entryHash = rs.getBytes(6);
                if (sequence > expectedSequence) {
                    return bad(good, previous, expectedSequence, Reason.MISSING_ENTRY,
                            "entry " + expectedSequence + " is missing; the next stored entry is " + sequence);
                }
                if (sequence < expectedSequence) {
                    return bad(good, previous, sequence, Reason.UNEXPECTED_SEQUENCE,
                            "a row with sequence " + sequence + " was inserted; sequences start at 1");
                }
                if (previousHash == null || previousHash.length != HASH_BYTES
                        || entryHash == null || entryHash.length != HASH_BYTES) {
                    return bad(good, previous, sequence, Reason.MALFORMED_ENTRY,
                            "entry " + sequence + " has a stored hash that is not 32 bytes");
                }
                if (!Arrays.equals(previousHash, previous)) {
                    return bad(good, previous, sequence, Reason.BROKEN_LINK, sequence == 1
                            ? "entry 1 does not start from the genesis hash (32 zero bytes)"
                            : "entry " + sequence + " does not link to the hash of entry " + (sequence - 1)
                                    + " (entries reordered, inserted, or entry " + (sequence - 1) + " rewritten)");
                }
                byte[] recomputed = ChainHash.hash(md, sequence, time, kind, previousHash, payload);
                if (!MessageDigest.isEqual(recomputed, entryHash)) {
                    return bad(good, previous, sequence, Reason.HASH_MISMATCH,
                            "entry " + sequence + " was changed after it was written (its hash no longer matches)");
                }
                if (!isKnownKind(kind)) {
                    return bad(good, previous, sequence, Reason.UNKNOWN_KIND,
                            "entry " + sequence + " has kind '" + kind + "', unknown to this build");
                }
                if (!isValidTime(time)) {
                    return bad(good, previous, sequence, Reason.MALFORMED_ENTRY,
                            "entry " + sequence + " has an unreadable time '" + time + "'");
                }
                Checkpoint here = expected.get(sequence);
                if (here != null && !HEX.formatHex(entryHash).equals(here.head())) {
                    return bad(good, previous, sequence, Reason.CHECKPOINT_MISMATCH,
                            "entry " + sequence + " does not have the recorded head hash: the chain was rebuilt");
                }
                previous = entryHash;
                expectedSequence++;
                if (progress != null && sequence % PROGRESS_STEP == 0) {
                    progress.accept(sequence);
                }
            }
        }
        if (progress != null) {
            progress.accept(expectedSequence - 1);
        }
        long entries = expectedSequence - 1;
        if (!expected.isEmpty() && expected.lastKey() > entries) {
            return bad(entries, previous, entries + 1, Reason.TRUNCATED, "the checkpoint recorded "
                    + expected.lastKey() + " entries but only " + entries + " remain: the tail was cut off (entry "
                    + (entries + 1) + " is the first missing)");
        }
        return new VerifyResult(entries, HEX.formatHex(previous), 0, Reason.OK, "");
    }

    private static VerifyResult bad(long good, byte[] lastGoodHash, long sequence, Reason reason, String detail) {
        return new VerifyResult(good, HEX.formatHex(lastGoodHash), sequence, reason, detail);
    }

    static boolean isKnownKind(String kind) {
        for (EntryKind k : EntryKind.values()) {
            if (k.name().equals(kind)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isValidTime(String time) {
        try {
            Instant t = Instant.parse(time);
            return ChainHash.formatTime(t).equals(time);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
