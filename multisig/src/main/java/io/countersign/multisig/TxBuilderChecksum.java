package io.countersign.multisig;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Safe Transaction Builder's {@code meta.checksum}, computed exactly as the Builder does
 * (safe-global/safe-react-apps, {@code apps/tx-builder/src/lib/checksum.ts}):
 *
 * <ol>
 *   <li>take the batch with {@code meta.name} set to {@code null} (and, when validating, with
 *       {@code meta.checksum} removed);
 *   <li>serialize it: an object becomes {@code "{" + JSON.stringify(sortedKeys)} followed by each
 *       value's serialization and a comma, then {@code "}"}; an array becomes {@code "["} + its
 *       serialized elements joined by commas + {@code "]"}; anything else is
 *       {@code JSON.stringify(value)} (JavaScript's number and string forms);
 *   <li>the checksum is Keccak-256 of the serialization's UTF-8 bytes, {@code 0x}-prefixed lower
 *       hex ({@code web3.utils.sha3}).
 * </ol>
 *
 * <p>The Builder warns when the checksum is absent or differs; so does the importer.
 */
public final class TxBuilderChecksum {
    private TxBuilderChecksum() {}

    /**
     * The checksum of {@code batch} as it stands (its {@code meta.checksum}, if any, included),
     * as the Builder's {@code addChecksum} computes it.
     *
     * @param batch the parsed batch file (not modified)
     * @return {@code 0x} + 64 lower-case hex digits
     */
    public static String compute(JsonNode batch) {
        JsonNode copy = batch.deepCopy();
        if (copy instanceof ObjectNode root) {
            JsonNode meta = root.get("meta");
            ObjectNode m = meta instanceof ObjectNode o ? o : root.putObject("meta");
            m.putNull("name");
        }
        StringBuilder out = new StringBuilder();
        serialize(copy, out);
        return io.countersign.eth.Hex.encode(Hash.sha3(out.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The checksum the Builder's {@code validateChecksum} compares {@code meta.checksum} with:
     * the batch's checksum with {@code meta.checksum} removed.
     */
    public static String expected(JsonNode batch) {
        JsonNode copy = batch.deepCopy();
        if (copy.get("meta") instanceof ObjectNode meta) {
            meta.remove("checksum");
        }
        return compute(copy);
    }

    private static void serialize(JsonNode node, StringBuilder out) {
        if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                serialize(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                keys.add(e.getKey());
            }
            // JavaScript's default sort compares UTF-16 code units, as String.compareTo does.
            keys.sort(String::compareTo);
            out.append("{[");
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                jsString(keys.get(i), out);
            }
            out.append(']');
            for (String k : keys) {
                serialize(node.get(k), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNumber()) {
            out.append(jsNumber(node.decimalValue()));
        } else {
            jsString(node.asString(), out);
        }
    }

    /** JSON.stringify of a string (ECMA-262 QuoteJSONString). */
    static void jsString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * JavaScript's Number::toString of the double nearest to {@code value} (ECMA-262
     * Number::toString: shortest round-tripping digits; exponent form below 1e-6 and from 1e21).
     */
    static String jsNumber(BigDecimal value) {
        double d = value.doubleValue();
        if (d == 0) {
            return "0";
        }
        // Double.toString gives the shortest digits that round-trip (JDK 19+), as JavaScript does.
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits × 10^n
        StringBuilder s = new StringBuilder(d < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            s.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            s.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            s.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            s.append(digits.charAt(0));
            if (k > 1) {
                s.append('.').append(digits, 1, k);
            }
            s.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return s.toString();
    }
}
