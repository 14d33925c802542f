package io.countersign.shamir;

/**
 * Thrown when shares given together disagree on a parameter that all shares of one backup
 * (or of one group) share: the extendable backup flag, group threshold, group count or
 * value length (all shares), or the member threshold (shares of one group). SLIP-0039,
 * "Combining the shares", step 1. The user has mixed backups or one share was altered;
 * remove the named share.
 */
public final class MismatchedParameterException extends ShamirException {
    private static final long serialVersionUID = 1L;

    /** The parameter that differs. */
    public enum Parameter {
        EXTENDABLE("extendable backup flag"),
        GROUP_THRESHOLD("group threshold"),
        GROUP_COUNT("group count"),
        VALUE_LENGTH("share length"),
        MEMBER_THRESHOLD("member threshold");

        private final String label;

        Parameter(String label) { this.label = label; }

        /** Human wording, e.g. "group threshold". */
        public String label() { return label; }
    }

    private final int sharePosition;
    private final Parameter parameter;

    MismatchedParameterException(int sharePosition, int otherPosition, Parameter parameter,
                                 Object expected, Object actual) {
        super(shareName(sharePosition) + ": " + parameter.label() + " " + actual
                + " does not match share " + otherPosition + " (" + expected + ")");
        this.sharePosition = sharePosition;
        this.parameter = parameter;
    }

    /** 1-based position of the first share that differs. */
    public int sharePosition() { return sharePosition; }

    /** Which parameter differs. */
    public Parameter parameter() { return parameter; }
}
