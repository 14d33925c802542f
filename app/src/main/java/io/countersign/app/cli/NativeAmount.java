package io.countersign.app.cli;

import io.countersign.app.session.CountersignException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A native amount as an officer types it: wei as a plain integer ({@code 1500000000000000000}),
 * or a number with its unit ({@code 1.5ether}, {@code 1.5 eth}, {@code 20gwei}, {@code 7wei}).
 * A bare decimal ({@code 1.5}) is refused: it says no unit, and reading it as wei or as ether
 * would be a guess a factor of 10^18 apart.
 */
final class NativeAmount {
    /** What every --value option's help says. */
    static final String HELP = "Native value: wei as an integer (1500000000000000000) or a number with its unit "
            + "(1.5ether, 20gwei); a bare decimal such as 1.5 is refused.";

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ether|eth|gwei|wei)");

    private NativeAmount() {
    }

    /**
     * @param field the option, for the message
     * @return the amount in wei, exact
     * @throws CountersignException.Usage naming the field, the text and the accepted forms
     */
    static BigInteger parse(String text, String field) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace("_", "");
        if (t.matches("\\d+")) {
            return new BigInteger(t);
        }
        Matcher m = WITH_UNIT.matcher(t);
        if (m.matches()) {
            int scale = switch (m.group(2)) {
                case "ether", "eth" -> 18;
                case "gwei" -> 9;
                default -> 0;
            };
            BigDecimal wei = new BigDecimal(m.group(1)).movePointRight(scale);
            try {
                return wei.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new CountersignException.Usage(field + " " + text + " is a fraction of a wei; the smallest unit is 1 wei");
            }
        }
        if (t.matches("\\d*\\.\\d+|\\d+\\.")) {
            BigDecimal asEther = new BigDecimal(t);
            throw new CountersignException.Usage(field + " " + text + " says no unit: amounts are wei integers unless they name "
                    + "their unit; for " + text + " ether write " + text + "ether"
                    + (asEther.movePointRight(18).stripTrailingZeros().scale() <= 0
                            ? " (= " + asEther.movePointRight(18).toBigIntegerExact() + " wei)" : ""));
        }
        throw new CountersignException.Usage(field + " '" + text + "' is not an amount: give wei as an integer "
                + "(1500000000000000000) or a number with its unit (1.5ether, 20gwei)");
    }
}
