package io.countersign.shamir;

import java.util.List;

/**
 * Thrown when a BIP-39 phrase cannot be turned into entropy, or entropy into a phrase: a
 * word count other than 12, 15, 18, 21 or 24; a word outside the English BIP-39 list (with
 * up to three nearest words); a failed BIP-39 checksum; or entropy not 16, 20, 24, 28 or 32
 * bytes. The user should re-read the phrase; a checksum failure means a word is wrong or
 * the words are out of order.
 */
public final class InvalidBip39Exception extends ShamirException {
    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    public enum Reason { WORD_COUNT, UNKNOWN_WORD, CHECKSUM, ENTROPY_LENGTH }

    private final Reason reason;
    private final int wordPosition;
    private final List<String> suggestions;

    InvalidBip39Exception(Reason reason, String message, int wordPosition, List<String> suggestions) {
        super(message);
        this.reason = reason;
        this.wordPosition = wordPosition;
        this.suggestions = List.copyOf(suggestions);
    }

    /** What is wrong. */
    public Reason reason() { return reason; }

    /** 1-based position of the unknown word, 0 for other reasons. */
    public int wordPosition() { return wordPosition; }

    /** Nearest words of the BIP-39 list for an unknown word, otherwise empty. */
    public List<String> suggestions() { return suggestions; }
}
