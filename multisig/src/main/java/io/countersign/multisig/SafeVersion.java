package io.countersign.multisig;

import io.countersign.eth.EthException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Safe contract version as the Transaction Service writes it ({@code 1.3.0}, {@code
 * 1.3.0+L2}, {@code 1.4.1}), with the rules that change the EIP-712 hashing:
 *
 * <ul>
 *   <li>0.1.0: the sixth SafeTx field is named {@code dataGas}; operation CREATE (2) allowed;
 *       domain {@code EIP712Domain(address verifyingContract)}.
 *   <li>1.0.0 – 1.2.0: {@code baseGas}; same domain without chainId. 1.0.0 still accepts
 *       operation CREATE (2); 1.1.0 removed it ({@code Enum.Operation} of each release).
 *   <li>1.3.0 and later (1.4.1): domain {@code EIP712Domain(uint256 chainId,address
 *       verifyingContract)}.
 * </ul>
 *
 * Source: Safe contracts {@code GnosisSafe.sol}/{@code Safe.sol} DOMAIN_SEPARATOR_TYPEHASH and
 * SAFE_TX_TYPEHASH per release.
 *
 * @param text the version as given, e.g. {@code "1.3.0+L2"}
 */
public record SafeVersion(int major, int minor, int patch, String text) {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(\\+L2)?");
    public static final SafeVersion V1_4_1 = parse("1.4.1");

    /**
     * @throws EthException.InvalidInputException if the text is not {@code X.Y.Z} or
     *     {@code X.Y.Z+L2}, or names a version Countersign does not know how to hash
     */
    public static SafeVersion parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new EthException.InvalidInputException("Safe version must look like 1.4.1 or 1.3.0+L2, got " + text);
        }
        SafeVersion v = new SafeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), text.trim());
        boolean known = v.is(0, 1, 0) || (v.major == 1 && v.minor <= 4);
        if (!known) {
            throw new EthException.InvalidInputException("Safe version " + text
                    + " is not one Countersign can hash (known: 0.1.0, 1.0.0 to 1.4.1)");
        }
        return v;
    }

    private boolean is(int ma, int mi, int pa) {
        return major == ma && minor == mi && patch == pa;
    }

    private boolean atLeast(int ma, int mi) {
        return major > ma || (major == ma && minor >= mi);
    }

    /** True from 1.3.0 on: the domain separator includes the chain id. */
    public boolean domainHasChainId() {
        return atLeast(1, 3);
    }

    /** {@code dataGas} for 0.1.0, {@code baseGas} after. */
    public String sixthFieldName() {
        return major == 0 ? "dataGas" : "baseGas";
    }

    /** Only 0.1.0 and 1.0.0 accept operation CREATE (2); 1.1.0 removed it. */
    public boolean allowsCreate() {
        return major == 0 || (major == 1 && minor == 0);
    }

    @Override
    public String toString() {
        return text;
    }
}
