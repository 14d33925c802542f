package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.intent.Intent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Step 5 of the signing pipeline: the policy gate decides before any signer is called. A
 * decision that does not {@link DecisionLines#signable signing} stops the
 * session with exit code 3 and no device is touched.
 */
public interface PolicyStep {

    /**
     * @param chainId the chain the signature is for
     * @param safe the Safe that will perform the calls (for a plain transaction, its recipient)
     * @param intents the calls decoded into intents (every MultiSend leg, timelock inner call)
     * @param now the decision time, for time windows and rolling limits
     * @param approvals distinct officers who will have signed, counting the one about to sign
     */
    io.countersign.policy.Decision evaluate(BigInteger chainId, Address safe, List<Intent> intents, Instant now, int approvals);

    /**
     * As above, for the Safe request {@code safeTxHash}: spend the journal already holds for this
     * very request (an earlier officer's signature of it) is not counted again.
     */
    default io.countersign.policy.Decision evaluate(BigInteger chainId, Address safe, String safeTxHash, List<Intent> intents, Instant now,
            int approvals) {
        return evaluate(chainId, safe, intents, now, approvals);
    }

    /**
     * As above, with what a simulation of the request showed (or why there is none), which an
     * enforcing step cross-checks against the intents ({@code policy.SimulationCheck}). Steps
     * that enforce nothing ignore it.
     */
    default io.countersign.policy.Decision evaluate(BigInteger chainId, Address safe, String safeTxHash, List<Intent> intents,
            Instant now, int approvals, io.countersign.policy.SimulationCheck.Evidence simulation) {
        return evaluate(chainId, safe, safeTxHash, intents, now, approvals);
    }

    /**
     * A personal message or EIP-712 document that is not a SafeTx: it moves nothing by itself
     * but may authorise anything (permits, orders), so it is its own decision.
     *
     * @param what a one-line description for the reasons and the journal
     */
    io.countersign.policy.Decision evaluateMessage(BigInteger chainId, String what, Instant now);

    /**
     * What the journal's SIGNATURE entry must carry so rolling limits count this request's
     * spend next time (empty when nothing is enforced).
     */
    default Map<String, Object> spendRecord(io.countersign.policy.Decision decision, BigInteger chainId, Address safe, String safeTxHash) {
        return Map.of();
    }

    /**
     * The policy this step decides by, when it has one (its address book and tokens also label
     * what the console shows); empty in dev mode and with no policy installed.
     */
    default java.util.Optional<io.countersign.policy.Policy> policyDocument() {
        return java.util.Optional.empty();
    }

    /** Which policy decides, for messages and the journal: {@code "policy v7"}, {@code "dev mode"} or {@code "none"}. */
    String name();

    /** Whether this step enforces a signed policy (false: dev mode, and the console shows a red banner). */
    boolean enforcing();

    /** One line for the console's status bar, e.g. {@code "policy v7 enforced"}. */
    String summary();
}
