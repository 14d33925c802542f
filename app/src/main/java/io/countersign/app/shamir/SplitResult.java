package io.countersign.app.shamir;

import io.countersign.eth.Address;
import io.countersign.shamir.GroupSpec;
import io.countersign.shamir.Share;
import java.util.List;

/**
 * The shares of one split, with what a share card and the journal need to say about them.
 *
 * @param groups            one list per group, in group order; member i of group g is {@code groups.get(g).get(i)}
 * @param layout            the T/N of each group, in group order
 * @param groupThreshold    GT: how many groups recover the secret
 * @param kind              what the master secret is (decides the fingerprint)
 * @param fingerprint       first Ethereum address of the wallet the shares restore
 * @param secretBits        length of the master secret in bits
 */
public record SplitResult(List<List<Share>> groups, List<GroupSpec> layout, int groupThreshold, SecretKind kind,
                          Address fingerprint, int secretBits) {
    public SplitResult {
        groups = List.copyOf(groups);
        layout = List.copyOf(layout);
    }

    /** The 15-bit identifier common to all shares. */
    public int identifier() {
        return groups.getFirst().getFirst().identifier();
    }

    public int iterationExponent() {
        return groups.getFirst().getFirst().iterationExponent();
    }

    public boolean extendable() {
        return groups.getFirst().getFirst().extendable();
    }

    /** Total number of shares. */
    public int shareCount() {
        return groups.stream().mapToInt(List::size).sum();
    }

    /** E.g. {@code any 2 of 3 groups; group 1: 2 of 3 shares, group 2: 3 of 5 shares, group 3: 1 of 1 share}. */
    public String describeLayout() {
        StringBuilder s = new StringBuilder("any " + groupThreshold + " of " + layout.size() + " group"
                + (layout.size() == 1 ? "" : "s"));
        for (int g = 0; g < layout.size(); g++) {
            GroupSpec spec = layout.get(g);
            s.append(g == 0 ? "; " : ", ").append("group ").append(g + 1).append(": ").append(spec.memberThreshold())
                    .append(" of ").append(spec.memberCount()).append(spec.memberCount() == 1 ? " share" : " shares");
        }
        return s.toString();
    }
}
