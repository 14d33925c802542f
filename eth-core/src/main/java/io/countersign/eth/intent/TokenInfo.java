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

    /**
     * An exact decimal with its whole part grouped by thousands with commas, the fraction kept
     * digit for digit: {@code 250000} → {@code "250,000"}, {@code -1234.5678} → {@code "-1,234.5678"}.
     */
    public static String grouped(BigDecimal value) {
        String plain = value.toPlainString();
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                b.append(',');
            }
            b.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + b + (dot < 0 ? "" : digits.substring(dot));
    }

    /** Base units to token units, exact (e.g. 1500000 with 6 decimals is 1.5). */
    public BigDecimal toTokenUnits(BigInteger baseUnits) {
        return new BigDecimal(baseUnits, decimals).stripTrailingZeros();
    }
}
