package io.countersign.journal;

import java.util.Objects;

/**
 * The outcome of {@link AuditJournal#verify()}.
 *
 * @param entries          the number of entries checked and found good, in order from
 *                         entry 1; every entry when {@link #ok()}
 * @param head             lowercase hex hash of the last good entry (64 zeros if none);
 *                         when {@link #ok()}, the journal head to record elsewhere
 * @param firstBadSequence the sequence number of the first entry that fails, or the
 *                         first missing one; 0 when {@link #ok()}
 * @param reason           why it fails; {@link Reason#OK} when nothing does
 * @param detail           a sentence for the officer; empty when {@link #ok()}
 */
public record VerifyResult(long entries, String head, long firstBadSequence, Reason reason, String detail) {

    /** Why verification failed, checked in this order for each entry. */
    public enum Reason {
        /** The whole chain (and the checkpoint, if one was given) is intact. */
        OK,
        /** An entry is missing: the next stored sequence is higher than expected (a deleted entry). */
        MISSING_ENTRY,
        /** A stored sequence is lower than expected (only possible for 0 or negative: an inserted row). */
        UNEXPECTED_SEQUENCE,
        /** A stored hash is not 32 bytes, or the stored time cannot be parsed. */
        MALFORMED_ENTRY,
        /** The entry's previous hash is not the hash of the entry before it (reordered, inserted, or a rewritten predecessor). */
        BROKEN_LINK,
        /** The entry's content (sequence, time, kind, payload or previous hash) no longer matches its hash: it was edited. */
        HASH_MISMATCH,
        /** The entry's kind is not one this build knows, although its hash matches. */
        UNKNOWN_KIND,
        /** The journal has fewer entries than the checkpoint recorded: its tail was cut off. */
        TRUNCATED,
        /** The entry at the checkpoint's sequence has a different hash: the chain was rebuilt. */
        CHECKPOINT_MISMATCH
    }

    /** Checks that no component is null. */
    public VerifyResult {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Whether the journal passed.
     *
     * @return true when no entry failed and the checkpoint, if any, matched
     */
    public boolean ok() {
        return reason == Reason.OK;
    }

    /**
     * The verified head, to keep somewhere other than the journal file.
     *
     * @return {@code (entries, head)} as a checkpoint for {@link AuditJournal#verify(Checkpoint)}
     */
    public Checkpoint checkpoint() {
        return new Checkpoint(entries, head);
    }
}
