package io.countersign.journal;

/**
 * An append was refused before touching the file because its payload is not a JSON
 * object, holds a value JSON cannot carry (NaN, infinity, binary, an unserialisable
 * object), or has a property whose name marks a secret (see
 * {@link AuditJournal#append(EntryKind, tools.jackson.databind.JsonNode)}). This is a
 * programming error in the caller: record a description of the secret (an address, a
 * fingerprint, a share count), never the secret itself, and amounts as decimal strings.
 */
public final class InvalidPayloadException extends JournalException {
    private static final long serialVersionUID = 1L;

    InvalidPayloadException(String message) {
        super(message);
    }

    InvalidPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
