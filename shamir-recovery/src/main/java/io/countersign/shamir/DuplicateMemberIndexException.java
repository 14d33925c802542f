package io.countersign.shamir;

/**
 * Thrown when two different shares of the same group carry the same member index (their
 * fourth word encodes the same index, but their values differ). SLIP-0039 requires member
 * indices within a group to be pairwise distinct. An exact duplicate of a share is not an
 * error (it is ignored); this is two conflicting shares, so one of them was altered or is
 * from another backup. Remove one of the two named shares and add a different share of
 * that group.
 */
public final class DuplicateMemberIndexException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int sharePosition;
    private final int firstPosition;
    private final int groupIndex;
    private final int memberIndex;

    DuplicateMemberIndexException(int sharePosition, int firstPosition, int groupIndex, int memberIndex) {
        super(shareName(sharePosition) + ": same member index as share " + firstPosition
                + " (group " + (groupIndex + 1) + ", member " + (memberIndex + 1) + ") but a different value");
        this.sharePosition = sharePosition;
        this.firstPosition = firstPosition;
        this.groupIndex = groupIndex;
        this.memberIndex = memberIndex;
    }

    /** 1-based position of the later share. */
    public int sharePosition() { return sharePosition; }

    /** 1-based position of the earlier share with the same index. */
    public int firstPosition() { return firstPosition; }

    /** SLIP-0039 group index (0-based). */
    public int groupIndex() { return groupIndex; }

    /** SLIP-0039 member index (0-based). */
    public int memberIndex() { return memberIndex; }
}
