package io.countersign.shamir;

/**
 * Thrown when interpolation succeeded but the recovered secret does not match the digest
 * stored at index 254 (SLIP-0039, "RecoverSecret" step 5). Every share passed its checksum,
 * so this means one of the shares was fabricated or belongs to a different split that
 * happens to use the same identifier. The user should try another combination of shares
 * of the named group (or of the groups) to find the bad one.
 */
public final class DigestMismatchException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int groupIndex;

    DigestMismatchException(int groupIndex) {
        super(groupIndex >= 0
                ? "group " + (groupIndex + 1) + ": digest mismatch; one of its shares is not genuine"
                : "digest mismatch when combining the groups; one of the group shares is not genuine");
        this.groupIndex = groupIndex;
    }

    /** SLIP-0039 group index whose member shares failed (0-based), or -1 for the group level. */
    public int groupIndex() { return groupIndex; }
}
