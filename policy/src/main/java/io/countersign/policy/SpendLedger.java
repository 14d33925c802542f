package io.countersign.policy;

import io.countersign.eth.Address;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Spend so far, for rolling limits. The app backs it with the audit journal
 * ({@link JournalSpendLedger}); tests use a map.
 */
@FunctionalInterface
public interface SpendLedger {

    /** A ledger with no spend: for a first request, or for {@code policy check} without a journal. */
    SpendLedger NONE = (chainId, safe, asset, since) -> BigInteger.ZERO;

    /**
     * @param chainId EIP-155 chain id
     * @param safe the Safe
     * @param asset native or a token
     * @param since inclusive start of the rolling window
     * @return base units of {@code asset} the Safe spent in signed requests since {@code since}
     */
    BigInteger spentSince(BigInteger chainId, Address safe, Asset asset, Instant since);
}
