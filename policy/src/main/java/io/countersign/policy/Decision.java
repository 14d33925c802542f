package io.countersign.policy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The gate's answer for one request. Every variant carries all findings (in rule order) and
 * the spend the request counts against rolling limits, which the app journals when the request
 * is signed so the {@link SpendLedger} sees it next time.
 */
public sealed interface Decision {

    /** All findings, in rule order; includes the ALLOW findings of rules that were checked and passed. */
    List<Reason> reasons();

    /** Base units per asset this request spends (what the ledger records once signed). */
    Map<Asset, BigInteger> spend();

    /** {@code allow}, {@code deny}, {@code require-timelock} or {@code require-approval}: the JSON/CLI word. */
    String word();

    /** Whether a signature may be made now. Only {@link Allow} permits it. */
    default boolean permitsSigning() {
        return this instanceof Allow;
    }

    /** Signing may go ahead. */
    record Allow(List<Reason> reasons, Map<Asset, BigInteger> spend) implements Decision {
        public Allow {
            reasons = List.copyOf(reasons);
            spend = Map.copyOf(spend);
        }

        @Override
        public String word() {
            return "allow";
        }
    }

    /** No device is touched (CLI exit code 3). */
    record Deny(List<Reason> reasons, Map<Asset, BigInteger> spend) implements Decision {
        public Deny {
            reasons = List.copyOf(reasons);
            spend = Map.copyOf(spend);
        }

        @Override
        public String word() {
            return "deny";
        }
    }

    /**
     * The request must be routed through a timelock with a delay of at least
     * {@code minDelaySeconds} (e.g. as a {@code schedule} call); the direct request is not signed.
     */
    record RequireTimelock(long minDelaySeconds, List<Reason> reasons, Map<Asset, BigInteger> spend)
            implements Decision {
        public RequireTimelock {
            reasons = List.copyOf(reasons);
            spend = Map.copyOf(spend);
        }

        @Override
        public String word() {
            return "require-timelock";
        }
    }

    /**
     * At least {@code approvals} distinct officers must have signed the request before this
     * signature (the one that completes the set) is made; {@code have} is how many the context
     * reported. The app may collect signatures of the first officers and evaluate again.
     */
    record RequireApproval(int approvals, int have, List<Reason> reasons, Map<Asset, BigInteger> spend)
            implements Decision {
        public RequireApproval {
            reasons = List.copyOf(reasons);
            spend = Map.copyOf(spend);
        }

        @Override
        public String word() {
            return "require-approval";
        }
    }
}
