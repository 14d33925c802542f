package io.countersign.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Amounts as written in a policy (docs/policy.md, Amounts):
 * <ul>
 *   <li>{@code "1500.25"} or {@code 1500} — token units: multiplied by 10^decimals of the asset
 *       (18 for native); more fractional digits than the asset has decimals is an error;</li>
 *   <li>{@code "1500250000 base"} — base units (wei for native), a non-negative integer.</li>
 * </ul>
 * Unquoted YAML floats ({@code 1500.25}) are refused: binary floating point cannot hold every
 * decimal amount. Underscores between digits ({@code "1_000_000"}) are allowed for reading.
 */
public final class Amounts {
    private Amounts() {}

    /**
     * @param text the YAML scalar's text
     * @param decimals the asset's decimals, empty when unknown (then only {@code "N base"} works)
     * @param field the field path for messages
     * @return base units, non-negative
     * @throws PolicyException.InvalidPolicyException on any other form
     */
    public static BigInteger parse(String text, Optional<Integer> decimals, String field) {
        String t = text.trim().replace("_", "");
        try {
            if (t.endsWith(" base")) {
                BigInteger v = new BigInteger(t.substring(0, t.length() - 5).trim());
                if (v.signum() < 0) {
                    throw new NumberFormatException();
                }
                return v;
            }
            if (decimals.isEmpty()) {
                throw new PolicyException.InvalidPolicyException(field + " \"" + text
                        + "\": the token's decimals are unknown, so write base units (\"N base\") or list the token under tokens");
            }
            BigDecimal units = new BigDecimal(t);
            if (units.signum() < 0 || t.contains("e") || t.contains("E")) {
                throw new NumberFormatException();
            }
            BigDecimal base = units.movePointRight(decimals.get());
            if (base.stripTrailingZeros().scale() > 0) {
                throw new PolicyException.InvalidPolicyException(field + " \"" + text + "\" has more than "
                        + decimals.get() + " decimals, the precision of its asset");
            }
            return base.toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new PolicyException.InvalidPolicyException(field + " \"" + text
                    + "\" is not an amount: write token units like \"1500.25\" or base units like \"1500250000 base\"", e);
        }
    }
}
