package io.countersign.app.session;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Safe's {@code GSxxx} revert codes (Safe contracts {@code docs/error_codes.md}) in words. */
final class SafeErrors {
    private SafeErrors() {}

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("GS013", "GS013: the inner call reverted (with safeTxGas and gasPrice 0 the whole transaction reverts)"),
            Map.entry("GS020", "GS020: the signatures are too short for the threshold"),
            Map.entry("GS021", "GS021: a contract signature points outside the signature data"),
            Map.entry("GS024", "GS024: a contract signature was rejected by the owner contract (EIP-1271)"),
            Map.entry("GS025", "GS025: an approved-hash signature's owner has not approved this hash"),
            Map.entry("GS026", "GS026: a signature is not from an owner, or signatures are not sorted by owner"),
            Map.entry("GS010", "GS010: not enough gas for safeTxGas"),
            Map.entry("GS011", "GS011: could not pay the gas refund"),
            Map.entry("GS012", "GS012: could not pay the gas refund in tokens"));
    private static final Pattern CODE = Pattern.compile("GS0\\d\\d");

    static String explain(String nodeMessage) {
        Matcher m = CODE.matcher(nodeMessage);
        if (m.find() && CODES.containsKey(m.group())) {
            return CODES.get(m.group()) + " (" + nodeMessage + ")";
        }
        return nodeMessage;
    }
}
