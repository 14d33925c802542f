package io.countersign.shamir;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Where a recovery ceremony stands: which groups are complete, how many more shares each
 * group needs and how many more groups are needed. Built from the shares entered so far
 * (which must be consistent with each other); a face shows {@link #summary()}, e.g.
 * {@code group 1: 2 of 2 ✓ · group 2: 1 of 3}, and {@link #remaining()}.
 *
 * <p>Only groups with at least one share appear: a group's member threshold is known only
 * from one of its shares.
 */
public final class CeremonyStatus {

    /**
     * The state of one group.
     *
     * @param groupIndex      SLIP-0039 group index (0-based); people see {@code groupIndex + 1}
     * @param memberThreshold shares needed for this group
     * @param sharesGiven     distinct shares of this group entered
     */
    public record GroupStatus(int groupIndex, int memberThreshold, int sharesGiven) {
        /** Whether the group has at least its threshold of shares. */
        public boolean complete() { return sharesGiven >= memberThreshold; }

        /** How many more shares the group needs (0 when complete). */
        public int missing() { return Math.max(0, memberThreshold - sharesGiven); }

        /** E.g. {@code group 2: 1 of 3} or {@code group 1: 2 of 2 ✓}. */
        public String label() {
            return "group " + (groupIndex + 1) + ": " + sharesGiven + " of " + memberThreshold + (complete() ? " ✓" : "");
        }
    }

    private final ShareSet set;
    private final List<GroupStatus> groups;

    private CeremonyStatus(ShareSet set) {
        this.set = set;
        List<GroupStatus> list = new ArrayList<>();
        set.groups.forEach((index, shares) ->
                list.add(new GroupStatus(index, shares.get(0).share().memberThreshold(), shares.size())));
        this.groups = List.copyOf(list);
    }

    /**
     * The status of a set of shares (duplicates of a share count once).
     *
     * @param shares shares in input order; errors name them by 1-based position
     * @throws NoSharesException                 the list is empty
     * @throws MixedIdentifiersException         shares of different backups
     * @throws MixedIterationExponentsException  differing iteration exponents
     * @throws MismatchedParameterException      differing extendable flag, group threshold, group count,
     *                                           share length, or member threshold within a group
     * @throws DuplicateMemberIndexException     two different shares with one member index in a group
     */
    public static CeremonyStatus of(List<Share> shares) throws ShamirException {
        return new CeremonyStatus(ShareSet.of(shares));
    }

    /** 15-bit identifier of the backup. */
    public int identifier() { return set.first.identifier(); }

    /** Extendable backup flag of the backup. */
    public boolean extendable() { return set.first.extendable(); }

    /** Iteration exponent of the backup (0..15). */
    public int iterationExponent() { return set.first.iterationExponent(); }

    /** Group threshold GT: how many complete groups are needed. */
    public int groupThreshold() { return set.first.groupThreshold(); }

    /** Group count G of the backup. */
    public int groupCount() { return set.first.groupCount(); }

    /** Groups with at least one share, by group index. */
    public List<GroupStatus> groups() { return groups; }

    /** Number of complete groups. */
    public int completeGroups() {
        return (int) groups.stream().filter(GroupStatus::complete).count();
    }

    /** How many more complete groups are needed (0 when the set suffices). */
    public int groupsNeeded() {
        return Math.max(0, groupThreshold() - completeGroups());
    }

    /** Whether at least GT groups are complete, so {@link #minimalShares()} can be combined. */
    public boolean isComplete() {
        return groupsNeeded() == 0;
    }

    /** The group line, e.g. {@code group 1: 2 of 2 ✓ · group 2: 1 of 3}. */
    public String summary() {
        StringJoiner j = new StringJoiner(" · ");
        groups.forEach(g -> j.add(g.label()));
        return j.toString();
    }

    /** What is still missing, e.g. {@code need 1 more group (2 of 3 groups)}, or {@code complete}. */
    public String remaining() {
        if (isComplete()) {
            return "complete";
        }
        int n = groupsNeeded();
        return "need " + n + " more complete group" + (n == 1 ? "" : "s") + " (" + groupThreshold() + " of "
                + groupCount() + " groups)";
    }

    /**
     * Exactly GT complete groups with exactly T shares each, taken in input order: the subset a
     * SLIP-0039 combiner accepts (as Trezor and python-shamir-mnemonic's RecoveryState do when
     * more shares than needed were entered).
     *
     * @throws IllegalStateException if the set is not complete
     */
    public List<Share> minimalShares() {
        if (!isComplete()) {
            throw new IllegalStateException(remaining());
        }
        List<Share> out = new ArrayList<>();
        int taken = 0;
        for (var shares : set.groups.values()) {
            int t = shares.get(0).share().memberThreshold();
            if (shares.size() >= t && taken < groupThreshold()) {
                shares.stream().limit(t).forEach(p -> out.add(p.share()));
                taken++;
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return summary() + " — " + remaining();
    }
}
