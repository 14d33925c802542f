package io.countersign.shamir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consistency-checked set of shares, grouped by group index (SLIP-0039, "Combining the
 * shares", step 1, except the count rules, which {@link Slip39#combine} and
 * {@link CeremonyStatus} apply in their own ways). Positions are 1-based list positions.
 * Exact duplicates of a share are dropped (the first occurrence is kept).
 */
final class ShareSet {
    /** A share with its 1-based position in the caller's input. */
    record Positioned(Share share, int position) { }

    final Share first;
    /** Group index -> shares of that group, in input order; iteration in group-index order. */
    final Map<Integer, List<Positioned>> groups = new TreeMap<>();

    private ShareSet(Share first) {
        this.first = first;
    }

    static ShareSet of(List<Share> shares) throws ShamirException {
        if (shares.isEmpty()) {
            throw new NoSharesException();
        }
        ShareSet set = new ShareSet(shares.get(0));
        Share a = set.first;
        for (int i = 0; i < shares.size(); i++) {
            Share s = shares.get(i);
            int pos = i + 1;
            if (s.identifier() != a.identifier()) {
                throw new MixedIdentifiersException(pos, a.identifier(), s.identifier());
            }
            if (s.extendable() != a.extendable()) {
                throw new MismatchedParameterException(pos, 1, MismatchedParameterException.Parameter.EXTENDABLE,
                        a.extendable(), s.extendable());
            }
            if (s.iterationExponent() != a.iterationExponent()) {
                throw new MixedIterationExponentsException(pos, a.iterationExponent(), s.iterationExponent());
            }
            if (s.groupThreshold() != a.groupThreshold()) {
                throw new MismatchedParameterException(pos, 1, MismatchedParameterException.Parameter.GROUP_THRESHOLD,
                        a.groupThreshold(), s.groupThreshold());
            }
            if (s.groupCount() != a.groupCount()) {
                throw new MismatchedParameterException(pos, 1, MismatchedParameterException.Parameter.GROUP_COUNT,
                        a.groupCount(), s.groupCount());
            }
            if (s.valueLength() != a.valueLength()) {
                throw new MismatchedParameterException(pos, 1, MismatchedParameterException.Parameter.VALUE_LENGTH,
                        a.valueLength() * 8 + " bits", s.valueLength() * 8 + " bits");
            }
            List<Positioned> group = set.groups.computeIfAbsent(s.groupIndex(), g -> new ArrayList<>());
            if (!group.isEmpty() && group.get(0).share().memberThreshold() != s.memberThreshold()) {
                Positioned g0 = group.get(0);
                throw new MismatchedParameterException(pos, g0.position(),
                        MismatchedParameterException.Parameter.MEMBER_THRESHOLD,
                        g0.share().memberThreshold(), s.memberThreshold());
            }
            boolean duplicate = false;
            for (Positioned p : group) {
                if (p.share().memberIndex() == s.memberIndex()) {
                    if (!p.share().equals(s)) {
                        throw new DuplicateMemberIndexException(pos, p.position(), s.groupIndex(), s.memberIndex());
                    }
                    duplicate = true;
                }
            }
            if (!duplicate) {
                group.add(new Positioned(s, pos));
            }
        }
        return set;
    }

    int groupThreshold() { return first.groupThreshold(); }
}
