package io.countersign.shamir;

/**
 * Thrown when a share with a valid checksum carries parameters that contradict each other,
 * namely a group threshold greater than its group count (SLIP-0039, "Combining the
 * shares": G MUST be greater than or equal to GT). Such a share cannot belong to any valid
 * set; the user should check it with the tool that created it.
 */
public final class InvalidShareException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int sharePosition;

    InvalidShareException(int sharePosition, String why) {
        super(shareName(sharePosition) + ": " + why);
        this.sharePosition = sharePosition;
    }

    /** 1-based position of the share in the input, 0 if unknown. */
    public int sharePosition() { return sharePosition; }
}
