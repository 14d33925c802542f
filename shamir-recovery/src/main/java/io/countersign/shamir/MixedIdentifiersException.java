package io.countersign.shamir;

/**
 * Thrown when the shares given together do not all carry the same 15-bit identifier, i.e.
 * they come from different splits (their first word differs). The user has mixed shares of
 * two backups; every share of one backup starts with the same first two words. Remove the
 * named share, or the ones that do not match the majority.
 */
public final class MixedIdentifiersException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int sharePosition;
    private final int expected;
    private final int actual;

    MixedIdentifiersException(int sharePosition, int expected, int actual) {
        super(shareName(sharePosition) + ": belongs to a different backup (identifier " + actual
                + ", share 1 has " + expected + ")");
        this.sharePosition = sharePosition;
        this.expected = expected;
        this.actual = actual;
    }

    /** 1-based position of the first share that differs from share 1. */
    public int sharePosition() { return sharePosition; }

    /** Identifier of share 1 (0..32767). */
    public int expected() { return expected; }

    /** Identifier of the differing share (0..32767). */
    public int actual() { return actual; }
}
