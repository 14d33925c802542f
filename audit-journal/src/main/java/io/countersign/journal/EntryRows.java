package io.countersign.journal;

import static io.countersign.journal.ChainHash.HASH_BYTES;
import static io.countersign.journal.ChainHash.HEX;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Turns stored rows ({@code sequence, time, kind, payload, previous_hash, entry_hash}) into entries. */
final class EntryRows {

    private EntryRows() {
    }

    static List<JournalEntry> readAll(ResultSet rs) throws SQLException {
        List<JournalEntry> out = new ArrayList<>();
        while (rs.next()) {
            out.add(read(rs));
        }
        return out;
    }

    private static JournalEntry read(ResultSet rs) throws SQLException {
        long sequence = rs.getLong(1);
        String kind = rs.getString(3);
        if (sequence < 1 || !Verifier.isKnownKind(kind)) {
            throw new CorruptJournalException("journal row " + sequence + " has an invalid sequence or unknown kind '"
                    + kind + "'; run `countersign audit verify`");
        }
        Instant time;
        try {
            time = Instant.parse(rs.getString(2));
        } catch (DateTimeParseException e) {
            throw new CorruptJournalException("journal entry " + sequence + " has an unreadable time; run `countersign audit verify`");
        }
        byte[] previous = rs.getBytes(5);
        byte[] hash = rs.getBytes(6);
        if (previous == null || previous.length != HASH_BYTES || hash == null || hash.length != HASH_BYTES) {
            throw new CorruptJournalException("journal entry " + sequence + " has a hash that is not 32 bytes; run `countersign audit verify`");
        }
        return new JournalEntry(sequence, time, EntryKind.valueOf(kind), rs.getString(4),
                HEX.formatHex(previous), HEX.formatHex(hash));
    }
}
