package io.countersign.app.cli;

import io.countersign.app.session.CountersignException;
import io.countersign.eth.intent.TokenInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code safe propose --value} accepts: a native amount ({@link NativeAmount}: wei as an
 * integer, or {@code 1.5ether}, {@code 20gwei}) or a token amount in token units followed by the
 * symbol of a token in the installed policy's {@code tokens} table ({@code 1.5USDC},
 * {@code 250000 USDC}). A token amount is converted to base units with exact decimal arithmetic:
 * the digits after the point are moved by the token's {@code decimals}, never through a binary
 * floating-point number. Refused, each with a one-line reason: a negative amount, more digits
 * after the point than the token has decimals, a symbol the policy does not list, and a symbol
 * that is also a native unit word ({@code ETH}, {@code wei}, …) when the policy lists a token of
 * that name.
 */
final class ValueAmount {
    /** The --value help of {@code safe propose}. */
    static final String HELP = "Native value: wei as an integer (1500000000000000000) or a number with its unit "
            + "(1.5ether, 20gwei); a bare decimal such as 1.5 is refused. Or a token amount in token units with the symbol "
            + "of a token in the policy's tokens table (1.5USDC): then the request transfers that token to --to.";

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(\\p{L}\\S*)");
    private static final List<String> NATIVE_UNITS = List.of("ether", "eth", "gwei", "wei");

    private ValueAmount() {
    }

    /** A parsed --value: wei of the native coin, or base units of a policy token. */
    sealed interface Amount {
    }

    /** @param wei the native amount, exact */
    record Native(BigInteger wei) implements Amount {
    }

    /**
     * @param token the policy's entry (address, symbol, decimals)
     * @param units the amount as typed, in token units
     * @param baseUnits {@code units × 10^decimals}, exact
     */
    record Token(TokenInfo token, String units, BigInteger baseUnits) implements Amount {
    }

    /**
     * @param text what the officer typed
     * @param field the option, for messages
     * @param tokens the installed policy's {@code tokens} table (empty when none is installed)
     * @throws CountersignException.Usage naming the field, the text and what to write instead
     */
    static Amount parse(String text, String field, List<TokenInfo> tokens) {
        String t = text.strip().replace("_", "");
        if (t.startsWith("-")) {
            throw new CountersignException.Usage(field + " " + text + ": an amount cannot be negative; a Safe request sends "
                    + "value, it never takes it");
        }
        Optional<Token> token = token(t, text, field, tokens);
        if (token.isPresent()) {
            return token.get();
        }
        Matcher m = NUMBER_AND_UNIT.matcher(t);
        if (m.matches() && !t.toLowerCase(Locale.ROOT).startsWith("0x") && !NATIVE_UNITS.contains(m.group(2).toLowerCase(Locale.ROOT))) {
            String known = tokens.isEmpty() ? "no policy with a tokens table is installed, so no token symbol is known"
                    : "the policy's tokens are " + tokens.stream().map(TokenInfo::symbol).collect(Collectors.joining(", "));
            throw new CountersignException.Usage(field + " " + text + ": '" + m.group(2) + "' is neither a native unit (ether, gwei, wei) "
                    + "nor a token of the policy in force (" + known + "); for another token give --erc20 TOKEN_ADDRESS --amount "
                    + m.group(1) + " --to RECIPIENT");
        }
        return new Native(NativeAmount.parse(text, field));
    }

    /** A policy token whose symbol ends the text after a plain number; the longest symbol wins, exact case first. */
    private static Optional<Token> token(String t, String text, String field, List<TokenInfo> tokens) {
        List<TokenInfo> bySuffix = tokens.stream()
                .filter(k -> t.length() > k.symbol().length()
                        && t.regionMatches(true, t.length() - k.symbol().length(), k.symbol(), 0, k.symbol().length())
                        && NUMBER.matcher(t.substring(0, t.length() - k.symbol().length()).strip()).matches())
                .sorted(Comparator.comparing((TokenInfo k) -> !t.endsWith(k.symbol())).thenComparing(k -> -k.symbol().length()))
                .toList();
        if (bySuffix.isEmpty()) {
            return Optional.empty();
        }
        TokenInfo k = bySuffix.getFirst();
        if (NATIVE_UNITS.contains(k.symbol().toLowerCase(Locale.ROOT))) {
            throw new CountersignException.Usage(field + " " + text + " is ambiguous: the policy lists a token " + k.symbol() + " ("
                    + k.address() + ") and " + k.symbol() + " is also a native unit; for the token give --erc20 " + k.address()
                    + " --amount N, for the native coin give wei as an integer");
        }
        String units = t.substring(0, t.length() - k.symbol().length()).strip();
        int point = units.indexOf('.');
        int fraction = point < 0 ? 0 : units.length() - point - 1;
        if (fraction > k.decimals()) {
            throw new CountersignException.Usage(field + " " + text + " has " + fraction + " digits after the point but " + k.symbol()
                    + " has " + k.decimals() + " decimals: its smallest amount is "
                    + (k.decimals() == 0 ? "1" : BigDecimal.ONE.movePointLeft(k.decimals()).toPlainString()) + " " + k.symbol());
        }
        BigInteger base = new BigDecimal(units).movePointRight(k.decimals()).toBigIntegerExact();
        return Optional.of(new Token(k, units, base));
    }
}
