package io.countersign.shamir;

/**
 * Thrown when shares with the same identifier carry different iteration exponents (the
 * second word differs). Shares of one backup always agree on it, so at least one share is
 * from another backup or was altered; the user should remove the named share.
 */
public final class MixedIterationExponentsException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int sharePosition;
    private final int expected;
    private final int actual;

    MixedIterationExponentsException(int sharePosition, int expected, int actual) {
        super(shareName(sharePosition) + ": iteration exponent " + actual
                + " does not match share 1 (" + expected + ")");
        this.sharePosition = sharePosition;
        this.expected = expected;
        this.actual = actual;
    }

    /** 1-based position of the first share that differs from share 1. */
    public int sharePosition() { return sharePosition; }

    /** Iteration exponent of share 1 (0..15). */
    public int expected() { return expected; }

    /** Iteration exponent of the differing share (0..15). */
    public int actual() { return actual; }
}
