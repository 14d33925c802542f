package io.countersign.journal;

/**
 * A method was called on an {@link AuditJournal} after {@link AuditJournal#close()}.
 * A programming error: open the journal again with {@link AuditJournal#open}.
 */
public final class JournalClosedException extends JournalException {
    private static final long serialVersionUID = 1L;

    JournalClosedException(String message) {
        super(message);
    }
}
