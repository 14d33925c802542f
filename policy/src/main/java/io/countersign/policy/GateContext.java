package io.countersign.policy;

import io.countersign.eth.Address;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate needs besides the intents.
 *
 * @param chainId EIP-155 chain id of the request
 * @param safe the Safe that would sign
 * @param now the wall-clock time of the decision (time windows, rolling limits, Compound eta)
 * @param viaTimelockDelay empty when the request's calls run as soon as it executes (direct);
 *     otherwise the request itself is executed by a timelock whose delay, in seconds, is this.
 *     The calls inside a {@code schedule}/{@code queueTransaction} of the request are always
 *     treated as delayed by that call's own delay (or eta − now), whatever this says.
 * @param approvals distinct officers who have already signed this request (counting the one
 *     about to sign)
 * @param ledger spend so far
 */
public record GateContext(BigInteger chainId, Address safe, Instant now, Optional<Long> viaTimelockDelay,
        int approvals, SpendLedger ledger) {
    public GateContext {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(safe, "safe");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(viaTimelockDelay, "viaTimelockDelay");
        Objects.requireNonNull(ledger, "ledger");
    }

    /** A direct request with one approval (the signer's own). */
    public static GateContext direct(BigInteger chainId, Address safe, Instant now, SpendLedger ledger) {
        return new GateContext(chainId, safe, now, Optional.empty(), 1, ledger);
    }

    /** This context with another approval count. */
    public GateContext withApprovals(int n) {
        return new GateContext(chainId, safe, now, viaTimelockDelay, n, ledger);
    }

    /** This context for a request that a timelock with {@code delaySeconds} executes. */
    public GateContext viaTimelock(long delaySeconds) {
        return new GateContext(chainId, safe, now, Optional.of(delaySeconds), approvals, ledger);
    }
}
