package io.countersign.policy;

/** What a tier asks for before a request may go ahead. */
public sealed interface Requirement {

    /**
     * The spend must go through a timelock whose delay is at least {@code minDelaySeconds}.
     *
     * @param minDelaySeconds seconds, positive
     */
    record Timelock(long minDelaySeconds) implements Requirement {
        public Timelock {
            if (minDelaySeconds <= 0) {
                throw new PolicyException.InvalidPolicyException("timelock minDelay must be positive seconds");
            }
        }
    }

    /**
     * At least {@code approvals} distinct officers must sign the request.
     *
     * @param approvals count, positive
     */
    record Approvals(int approvals) implements Requirement {
        public Approvals {
            if (approvals <= 0) {
                throw new PolicyException.InvalidPolicyException("approvals must be positive");
            }
        }
    }
}
