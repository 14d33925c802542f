package io.countersign.journal;

/**
 * SQLite could not open, read or write the journal file: missing or read-only folder,
 * disk full, an I/O error, or another process holding the write lock for longer than the
 * busy timeout (30 seconds). An append that throws this has written nothing. The user can
 * check the data folder's permissions and free space, close other Countersign processes
 * using the same data folder, and retry; the cause carries SQLite's own message.
 */
public final class JournalStorageException extends JournalException {
    private static final long serialVersionUID = 1L;

    JournalStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
