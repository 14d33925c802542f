package io.countersign.journal;

/**
 * A query ({@link AuditJournal#since}, {@link AuditJournal#latest}) met a stored row it
 * cannot read as an entry: an unknown kind, an unparsable time, or a hash that is not
 * 32 bytes. That only happens when the file was changed outside Countersign. The user
 * should run {@code countersign audit verify}, which names the first bad entry, and keep
 * the file as evidence.
 */
public final class CorruptJournalException extends JournalException {
    private static final long serialVersionUID = 1L;

    CorruptJournalException(String message) {
        super(message);
    }
}
