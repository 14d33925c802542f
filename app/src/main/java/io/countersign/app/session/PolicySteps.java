package io.countersign.app.session;

import io.countersign.policy.PolicyException;
import io.countersign.policy.PolicyStore;

/** Finds the installed signed policy in the data folder; anything wrong with it fails closed. */
public final class PolicySteps {
    private PolicySteps() {}

    /**
     * A policy step over a given file: a signed bundle (verified against the pinned admins when
     * a policy was installed before) or a draft YAML, labelled as an unsigned draft.
     */
    public static PolicyStep fromFile(AppContext ctx, String text, String name) {
        if (text.stripLeading().startsWith("{")) {
            var bundle = io.countersign.policy.SignedBundle.fromJson(text, name);
            var verified = io.countersign.policy.BundleVerifier.verify(bundle, new PolicyStore(ctx.dataDir(), ctx.journal()).pinnedAdmins(), java.util.Optional.empty());
            return new GatePolicyStep(ctx, io.countersign.policy.PolicyGate.of(verified.policy()), "policy v" + verified.policy().version() + " from " + name);
        }
        var draft = io.countersign.policy.PolicyParser.parse(text, name);
        return new GatePolicyStep(ctx, io.countersign.policy.PolicyGate.of(draft), "unsigned draft v" + draft.version() + " from " + name);
    }

    static PolicyStep installed(AppContext ctx) {
        try {
            return new PolicyStore(ctx.dataDir(), ctx.journal()).loadIfPresent()
                    .<PolicyStep>map(installed -> new GatePolicyStep(ctx, installed))
                    .orElseGet(() -> new NoPolicyInstalled("no signed policy is installed in " + ctx.dataDir()
                            + ": install one with `countersign policy install FILE` (or run with --dev-mode for testing only)"));
        } catch (PolicyException e) {
            return new NoPolicyInstalled("the installed policy is refused, so nothing is signed: " + e.getMessage());
        }
    }
}
