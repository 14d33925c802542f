package io.countersign.timelock;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The batch file of {@code countersign timelock schedule|execute --batch FILE}: a JSON array of
 * calls, {@code [{"target": "0x…", "value": "0", "data": "0x…"}]}, value in wei as a decimal string
 * (a JSON integer is accepted too), data as {@code 0x} hex ({@code "0x"} or absent for none).
 */
public final class TimelockCallsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TimelockCallsJson() {}

    /**
     * Parses a batch file's text.
     *
     * @throws TimelockException.InvalidOperationException if it is not a non-empty array of such
     *     objects (the message names the entry and field)
     * @throws EthException.InvalidInputException for a malformed address or hex (EIP-55 checked)
     */
    public static List<TimelockCall> parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new TimelockException.InvalidOperationException("the batch file is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new TimelockException.InvalidOperationException(
                    "the batch file must be a non-empty JSON array of {\"target\", \"value\", \"data\"} objects");
        }
        List<TimelockCall> calls = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode c = root.get(i);
            String where = "calls[" + i + "]";
            if (!c.isObject() || !c.hasNonNull("target")) {
                throw new TimelockException.InvalidOperationException(where + " must be an object with a \"target\"");
            }
            Address target = Address.parse(c.get("target").asString(), where + ".target");
            BigInteger value = value(c.get("value"), where);
            byte[] data = c.hasNonNull("data") ? Hex.decode(c.get("data").asString(), where + ".data") : new byte[0];
            calls.add(new TimelockCall(target, value, data));
        }
        return calls;
    }

    /** The same format, pretty-printed, addresses EIP-55 checksummed. */
    public static String write(List<TimelockCall> calls) {
        ArrayNode array = MAPPER.createArrayNode();
        for (TimelockCall c : calls) {
            array.addObject().put("target", c.target().toString()).put("value", c.value().toString())
                    .put("data", Hex.encode(c.data()));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array);
    }

    private static BigInteger value(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return BigInteger.ZERO;
        }
        try {
            BigInteger v = node.isIntegralNumber() ? node.bigIntegerValue() : new BigInteger(node.asString().trim());
            if (v.signum() < 0) {
                throw new TimelockException.InvalidOperationException(where + ".value must not be negative: " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new TimelockException.InvalidOperationException(where + ".value must be a whole number of wei in "
                    + "decimal, got " + node);
        }
    }
}
