package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.intent.Intent;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * Step 5 of the signing pipeline: the policy gate decides before any signer is called. A
 * decision that does not {@link PolicyVerdict#permitsSigning() permit signing} stops the
 * session with exit code 3 and no device is touched.
 */
public interface PolicyStep {

    /**
     * @param chainId the chain the signature is for
     * @param safe the Safe that will perform the calls, or {@code null} for a plain transaction
     * @param intents the calls decoded into intents (every MultiSend leg, timelock inner call)
     * @param now the decision time, for time windows and rolling limits
     */
    PolicyVerdict evaluate(BigInteger chainId, Address safe, List<Intent> intents, Instant now);

    /**
     * A personal message or EIP-712 document that is not a SafeTx: it moves nothing by itself
     * but may authorise anything (permits, orders), so it is its own decision.
     *
     * @param what a one-line description for the reasons and the journal
     */
    PolicyVerdict evaluateMessage(BigInteger chainId, String what, Instant now);

    /** A Safe request: its chain, its Safe, its decoded calls. */
    default PolicyVerdict evaluate(SafeRequest request, List<Intent> intents, Instant now) {
        return evaluate(request.chainId(), request.safe(), intents, now);
    }

    /** Whether this step enforces a signed policy (false: dev mode, and the console shows a red banner). */
    boolean enforcing();
}
