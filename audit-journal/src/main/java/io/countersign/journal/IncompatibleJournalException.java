package io.countersign.journal;

/**
 * The file given to {@link AuditJournal#open} is an SQLite database but not a Countersign
 * journal (a different application id or foreign tables), or a journal whose format
 * version this build does not understand. Nothing in the file was changed. The user can
 * point {@code --data-dir} at the right folder, or upgrade Countersign when the journal
 * was written by a newer version; the file must not be deleted to "fix" this, it is
 * audit evidence.
 */
public final class IncompatibleJournalException extends JournalException {
    private static final long serialVersionUID = 1L;

    IncompatibleJournalException(String message) {
        super(message);
    }
}
