package io.countersign.shamir;

/**
 * Thrown when a share has a word count no SLIP-0039 share can have: fewer than 20 words,
 * or a count whose share value would need more than 8 padding bits (SLIP-0039, "Format of
 * the share mnemonic"; e.g. 21 or 22 words). A 128-bit secret gives 20-word shares and a
 * 256-bit secret 33-word shares. The user has most likely skipped or repeated a word.
 */
public final class InvalidMnemonicLengthException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int sharePosition;
    private final int wordCount;

    InvalidMnemonicLengthException(int sharePosition, int wordCount, String why) {
        super(shareName(sharePosition) + ": " + wordCount + " words is not a valid share length (" + why + ")");
        this.sharePosition = sharePosition;
        this.wordCount = wordCount;
    }

    /** 1-based position of the share in the input, 0 if unknown. */
    public int sharePosition() { return sharePosition; }

    /** Number of words found. */
    public int wordCount() { return wordCount; }
}
