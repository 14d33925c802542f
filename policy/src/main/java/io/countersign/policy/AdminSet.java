package io.countersign.policy;

import io.countersign.eth.Address;
import java.util.List;
import java.util.Set;

/**
 * The policy admins and how many of them must sign a bundle.
 *
 * @param threshold M: distinct admin signatures a bundle needs (1..N)
 * @param admins the N admin addresses, without duplicates
 */
public record AdminSet(int threshold, List<Address> admins) {
    public AdminSet {
        admins = List.copyOf(admins);
        if (Set.copyOf(admins).size() != admins.size()) {
            throw new PolicyException.InvalidPolicyException("admins lists an address twice");
        }
        if (threshold < 1 || threshold > admins.size()) {
            throw new PolicyException.InvalidPolicyException(
                    "admins.threshold must be 1.." + admins.size() + ", got " + threshold);
        }
    }

    /** Whether {@code a} is one of the admins. */
    public boolean contains(Address a) {
        return admins.contains(a);
    }
}
