package io.countersign.shamir;

/**
 * Thrown when the padding bits in front of a share value are not all zero (SLIP-0039,
 * "Format of the share mnemonic": the value is left-padded with "0" bits). The checksum
 * passed, so the share was most likely made by a faulty tool rather than mis-typed; the
 * user should check the share with the tool that created it.
 */
public final class InvalidPaddingException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int sharePosition;

    InvalidPaddingException(int sharePosition) {
        super(shareName(sharePosition) + ": invalid padding (non-zero padding bits)");
        this.sharePosition = sharePosition;
    }

    /** 1-based position of the share in the input, 0 if unknown. */
    public int sharePosition() { return sharePosition; }
}
