package io.countersign.journal;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A journal head recorded outside the journal: the number of entries and the hash of
 * the last one. The chain alone cannot show that entries were cut off the end, nor that
 * someone with write access rebuilt the whole chain; a checkpoint kept elsewhere (printed
 * by {@code countersign audit verify}, written in a ledger, sent to a colleague) can,
 * through {@link AuditJournal#verify(Checkpoint)}.
 *
 * @param entries the number of entries, i.e. the sequence of the head entry; 0 for an
 *                empty journal
 * @param head    lowercase hex (64 characters) of the head entry's hash; 64 zeros for an
 *                empty journal
 */
public record Checkpoint(long entries, String head) {

    /**
     * Validates and normalises the hash to lowercase.
     *
     * @throws IllegalArgumentException if {@code entries} is negative or {@code head} is
     *                                  not 64 hex characters
     */
    public Checkpoint {
        if (entries < 0) {
            throw new IllegalArgumentException("entries must be >= 0, was " + entries);
        }
        Objects.requireNonNull(head, "head");
        if (head.length() != 64) {
            throw new IllegalArgumentException("head must be 64 hex characters, was " + head.length());
        }
        HexFormat.of().parseHex(head);
        head = head.toLowerCase(java.util.Locale.ROOT);
    }
}
