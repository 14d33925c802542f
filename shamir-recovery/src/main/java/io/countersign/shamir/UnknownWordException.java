package io.countersign.shamir;

import java.util.List;

/**
 * Thrown when a word of a share is not in the SLIP-0039 word list and is not an
 * unambiguous abbreviation (at least four letters) of a word in it. The exception names the
 * share, the 1-based word position and up to three nearest words from the list; the user
 * should compare the word on the share card with the suggestions and re-enter it. The
 * suggestions are hints only: the checksum decides whether the corrected share is right.
 */
public final class UnknownWordException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int sharePosition;
    private final int wordPosition;
    private final String word;
    private final List<String> suggestions;

    UnknownWordException(int sharePosition, int wordPosition, String word, List<String> suggestions) {
        super(shareName(sharePosition) + ": word " + wordPosition + " \"" + word
                + "\" is not in the SLIP-39 word list"
                + (suggestions.isEmpty() ? "" : "; nearest: " + String.join(", ", suggestions)));
        this.sharePosition = sharePosition;
        this.wordPosition = wordPosition;
        this.word = word;
        this.suggestions = List.copyOf(suggestions);
    }

    /** 1-based position of the share in the input, 0 if unknown. */
    public int sharePosition() { return sharePosition; }

    /** 1-based position of the word in the share. */
    public int wordPosition() { return wordPosition; }

    /** The word as entered (lower-cased). */
    public String word() { return word; }

    /** Up to three nearest words of the list, nearest first. */
    public List<String> suggestions() { return suggestions; }
}
