package io.countersign.journal;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One journal entry as stored.
 *
 * @param sequence     1-based position in the journal; contiguous, never reused
 * @param time         UTC wall-clock time of the append, millisecond precision
 * @param kind         what the entry records
 * @param payloadJson  the payload in canonical JSON (object keys sorted, no whitespace),
 *                     exactly the text that was hashed
 * @param previousHash lowercase hex (64 characters) of the previous entry's hash; for
 *                     entry 1, 64 zeros
 * @param entryHash    lowercase hex (64 characters) SHA-256 of this entry's canonical
 *                     form, see {@link AuditJournal} for the exact preimage
 */
public record JournalEntry(long sequence, Instant time, EntryKind kind, String payloadJson,
                           String previousHash, String entryHash) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Checks that no component is null and the sequence is positive. */
    public JournalEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(entryHash, "entryHash");
    }

    /**
     * Parses the payload.
     *
     * @return the payload as a Jackson tree (always an object node)
     */
    public JsonNode payload() {
        return MAPPER.readTree(payloadJson);
    }
}
