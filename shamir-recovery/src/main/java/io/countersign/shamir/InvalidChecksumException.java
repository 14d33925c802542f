package io.countersign.shamir;

/**
 * Thrown when the RS1024 checksum of a share does not verify (SLIP-0039, "Checksum"; the
 * customization string is "shamir", or "shamir_extendable" when the extendable backup flag
 * is set). At least one word was mis-copied or mis-typed. The user should re-read the
 * share card word by word; the checksum detects any error in up to three words, and this
 * module deliberately does not guess a correction.
 */
public final class InvalidChecksumException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int sharePosition;

    InvalidChecksumException(int sharePosition) {
        super(shareName(sharePosition) + ": invalid checksum; a word is wrong, re-read the share card");
        this.sharePosition = sharePosition;
    }

    /** 1-based position of the share in the input, 0 if unknown. */
    public int sharePosition() { return sharePosition; }
}
