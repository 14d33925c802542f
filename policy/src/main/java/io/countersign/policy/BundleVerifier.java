package io.countersign.policy;

import io.countersign.eth.Address;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a signed bundle against the pinned admins (docs/policy.md, Install). The checks run in
 * this order and the first failure is thrown: intact text, policy parses, every signature
 * recovers to the signer it names, no signer outside the pinned and declared admins, a quorum of
 * pinned admins (of the bundle's own admins on first install), a quorum of the newly declared
 * admins when the bundle changes the admin set, a strictly higher version.
 */
public final class BundleVerifier {
    private BundleVerifier() {}

    /**
     * A bundle that passed.
     *
     * @param policy the parsed policy
     * @param bundleHash {@code 0x} + 64 hex
     * @param signers the distinct admins whose signatures verified, in bundle order
     */
    public record Verified(Policy policy, String bundleHash, List<Address> signers) {}

    /**
     * @param bundle the bundle
     * @param pinned the pinned admin set, empty on first install (trust on first use)
     * @param installedVersion the installed policy's version, empty when none (or when
     *     re-checking the installed bundle itself)
     * @throws PolicyException the subtype says which check failed
     */
    public static Verified verify(SignedBundle bundle, Optional<AdminSet> pinned, Optional<Long> installedVersion) {
        bundle.requireIntact();
        Policy policy = PolicyParser.parse(bundle.policyYaml());
        byte[] digest = SignedBundle.signingDigest(bundle.bundleHash());
        Set<Address> signers = new LinkedHashSet<>();
        for (SignedBundle.BundleSignature s : bundle.signatures()) {
            Address recovered;
            try {
                recovered = s.signature().recover(digest);
            } catch (RuntimeException e) {
                recovered = null;
            }
            if (!s.signer().equals(recovered)) {
                throw new PolicyException.TamperedBundleException("the signature attributed to " + s.signer()
                        + " does not match bundle hash " + bundle.bundleHash()
                        + ": the bundle or the signature was changed after signing");
            }
            signers.add(s.signer());
        }
        AdminSet authority = pinned.orElse(policy.admins());
        for (Address s : signers) {
            if (!authority.contains(s) && !policy.admins().contains(s)) {
                throw new PolicyException.UnknownSignerException("bundle is signed by " + s
                        + ", who is not a " + (pinned.isPresent() ? "pinned" : "declared") + " policy admin");
            }
        }
        requireQuorum(authority, signers, pinned.isPresent() ? "pinned" : "declared (first install)");
        if (pinned.isPresent() && !sameSet(pinned.get(), policy.admins())) {
            requireQuorum(policy.admins(), signers, "newly declared");
        }
        long installed = installedVersion.orElse(Long.MIN_VALUE);
        if (installedVersion.isPresent() && policy.version() <= installed) {
            throw new PolicyException.VersionNotIncreasingException("bundle version " + policy.version()
                    + " is not higher than the installed version " + installed);
        }
        return new Verified(policy, bundle.bundleHash(), List.copyOf(signers));
    }

    static boolean sameSet(AdminSet a, AdminSet b) {
        return a.threshold() == b.threshold() && Set.copyOf(a.admins()).equals(Set.copyOf(b.admins()));
    }

    private static void requireQuorum(AdminSet admins, Set<Address> signers, String which) {
        List<Address> counted = signers.stream().filter(admins::contains).toList();
        if (counted.size() < admins.threshold()) {
            throw new PolicyException.InsufficientSignaturesException("bundle has " + counted.size() + " of the "
                    + admins.threshold() + " signatures required from the " + which + " admins "
                    + admins.admins() + (counted.isEmpty() ? "" : "; signed by " + counted));
        }
    }
}
