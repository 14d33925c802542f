package io.countersign.eth;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/** ERC-20 calldata and unit conversion. Amounts on chain are token base units. */
public final class Erc20 {
    private Erc20() {}

    /** {@code transfer(address,uint256)} calldata; {@code amount} in base units. */
    public static byte[] transfer(Address to, BigInteger amount) {
        return encode(new Function("transfer",
                List.of(new org.web3j.abi.datatypes.Address(to.toLowerHex()), new Uint256(amount)), List.of()));
    }

    /** {@code balanceOf(address)} calldata. */
    public static byte[] balanceOf(Address owner) {
        return encode(new Function("balanceOf", List.of(new org.web3j.abi.datatypes.Address(owner.toLowerHex())), List.of()));
    }

    /** {@code decimals()} calldata. */
    public static byte[] decimals() {
        return encode(new Function("decimals", List.of(), List.of()));
    }

    /**
     * Token units to base units: {@code "1.5"} with 6 decimals is 1,500,000.
     *
     * @throws EthException.InvalidInputException if the amount is negative or has more
     *     fractional digits than the token has decimals
     */
    public static BigInteger toBaseUnits(String amount, int decimals) {
        BigDecimal units;
        try {
            units = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new EthException.InvalidInputException("amount is not a number: " + amount);
        }
        if (units.signum() < 0) {
            throw new EthException.InvalidInputException("amount must not be negative: " + amount);
        }
        BigDecimal base = units.movePointRight(decimals);
        try {
            return base.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new EthException.InvalidInputException("amount " + amount + " has more than " + decimals
                    + " decimal places, the token's precision");
        }
    }

    /** Base units to a plain decimal string in token units. */
    public static String toTokenUnits(BigInteger baseUnits, int decimals) {
        return new BigDecimal(baseUnits).movePointLeft(decimals).stripTrailingZeros().toPlainString();
    }

    private static byte[] encode(Function f) {
        return Hex.decode(FunctionEncoder.encode(f), f.getName());
    }
}
