package io.countersign.shamir;

/**
 * Thrown when shares of fewer groups than the group threshold are given. The message says
 * how many more groups are needed and the state of each group present ("need 1 more group
 * (2 needed): group 1: 2 of 2 ✓"). The user should gather shares from the named number of
 * further groups, each up to its member threshold.
 */
public final class InsufficientGroupsException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int groupsGiven;
    private final int groupThreshold;

    InsufficientGroupsException(int groupsGiven, int groupThreshold, String status) {
        super("need " + (groupThreshold - groupsGiven) + " more group"
                + (groupThreshold - groupsGiven == 1 ? "" : "s") + " (" + groupThreshold + " needed): " + status);
        this.groupsGiven = groupsGiven;
        this.groupThreshold = groupThreshold;
    }

    /** Number of distinct groups among the shares given. */
    public int groupsGiven() { return groupsGiven; }

    /** Group threshold of the backup. */
    public int groupThreshold() { return groupThreshold; }

    /** How many more groups are needed. */
    public int missing() { return groupThreshold - groupsGiven; }
}
