package io.countersign.eth.intent;

import io.countersign.eth.Address;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An ERC-20 token the officer's configuration knows by symbol and decimals.
 *
 * @param address the token contract
 * @param symbol display symbol, e.g. {@code "USDC"}
 * @param decimals the token's {@code decimals()}: 1 token unit = 10^decimals base units (0..77)
 */
public record TokenInfo(Address address, String symbol, int decimals) {
    public TokenInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(symbol, "symbol");
        if (decimals < 0 || decimals > 77) {
            throw new IllegalArgumentException("decimals must be 0..77, got " + decimals);
        }
    }

    /** Base units to token units, exact (e.g. 1500000 with 6 decimals is 1.5). */
    public BigDecimal toTokenUnits(BigInteger baseUnits) {
        return new BigDecimal(baseUnits, decimals).stripTrailingZeros();
    }
}
