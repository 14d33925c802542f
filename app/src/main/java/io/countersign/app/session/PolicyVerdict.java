package io.countersign.app.session;

import java.util.List;

/**
 * What the gate decided, with its reasons (rule id, the intent, the numbers compared).
 *
 * @param requiredSignatures for REQUIRE_APPROVAL: how many distinct officers must sign before
 *     execution; otherwise 0
 * @param policy which policy decided, e.g. {@code "policy v7"} or {@code "dev mode"}
 * @param detail the gate's own decision object (for the spend record), or {@code null}
 */
public record PolicyVerdict(Outcome outcome, List<String> reasons, int requiredSignatures, String policy, Object detail) {
    public PolicyVerdict {
        reasons = List.copyOf(reasons);
    }

    /** A verdict with no gate-specific detail. */
    public PolicyVerdict(Outcome outcome, List<String> reasons, int requiredSignatures, String policy) {
        this(outcome, reasons, requiredSignatures, policy, null);
    }

    /** The gate's four decisions. */
    public enum Outcome {
        ALLOW("allow"), DENY("deny"), REQUIRE_TIMELOCK("require-timelock"), REQUIRE_APPROVAL("require-approval");

        private final String id;

        Outcome(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** True when a signature may be made. */
    public boolean permitsSigning() {
        return outcome == Outcome.ALLOW || outcome == Outcome.REQUIRE_APPROVAL;
    }
}
