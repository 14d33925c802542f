package io.countersign.journal;

/**
 * Root of every exception the audit journal throws. Unchecked, but each public method
 * names the subtypes it can throw. The set is closed: callers can switch over it.
 */
public abstract sealed class JournalException extends RuntimeException
        permits JournalStorageException, IncompatibleJournalException, InvalidPayloadException,
                CorruptJournalException, JournalClosedException {

    JournalException(String message) {
        super(message);
    }

    JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
