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
        MessageDigest md = ChainHash.sha256();
        byte[] previous = ChainHash.GENESIS;
        long expectedSequence = 1;
        byte[] hashAtCheckpoint = expected != null && expected.entries() == 0 ? ChainHash.GENESIS : null;
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
                if (expected != null && sequence == expected.entries()) {
                    hashAtCheckpoint = entryHash;
                }
                previous = entryHash;
                expectedSequence++;
            }
        }
        long entries = expectedSequence - 1;
        if (expected != null) {
            if (entries < expected.entries()) {
                return bad(entries, previous, entries + 1, Reason.TRUNCATED, "the checkpoint recorded "
                        + expected.entries() + " entries but only " + entries + " remain: the tail was cut off");
            }
            if (!HEX.formatHex(hashAtCheckpoint).equals(expected.head())) {
                return bad(entries, previous, Math.max(1, expected.entries()), Reason.CHECKPOINT_MISMATCH,
                        "entry " + expected.entries() + " does not have the recorded head hash: the chain was rebuilt");
            }
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
