package io.countersign.shamir;

/**
 * Thrown when enough groups are present but a group has fewer shares than its member
 * threshold. The message names the group and says how many more shares it needs
 * ("group 2: need 1 more share, 1 of 2 given"). The user should collect that many more
 * shares of the named group (shares of a group start with the same three words).
 */
public final class InsufficientSharesException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int groupIndex;
    private final int given;
    private final int memberThreshold;

    InsufficientSharesException(int groupIndex, int given, int memberThreshold) {
        super("group " + (groupIndex + 1) + ": need " + (memberThreshold - given) + " more share"
                + (memberThreshold - given == 1 ? "" : "s") + ", " + given + " of " + memberThreshold + " given");
        this.groupIndex = groupIndex;
        this.given = given;
        this.memberThreshold = memberThreshold;
    }

    /** SLIP-0039 group index (0-based); the message says group {@code groupIndex + 1}. */
    public int groupIndex() { return groupIndex; }

    /** Shares of this group given. */
    public int given() { return given; }

    /** Member threshold of this group. */
    public int memberThreshold() { return memberThreshold; }

    /** How many more shares this group needs. */
    public int missing() { return memberThreshold - given; }
}
