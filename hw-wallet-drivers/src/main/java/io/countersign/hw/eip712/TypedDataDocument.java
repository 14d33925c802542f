package io.countersign.hw.eip712;

import io.countersign.eth.TypedData;
import io.countersign.hw.DeviceException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@code eth_signTypedData_v4} document read in document order, for the drivers that send typed
 * data field by field (Ledger full EIP-712, Trezor EthereumSignTypedData). Hashing stays in
 * eth-core's {@link TypedData}.
 *
 * @param types struct name to its members, in the document's order
 * @param primaryType the root struct of {@code message}
 * @param domain the EIP712Domain values
 * @param message the primary type's values
 */
public record TypedDataDocument(Map<String, List<Member>> types, String primaryType, JsonNode domain, JsonNode message) {
    /** The domain struct's name. */
    public static final String DOMAIN = "EIP712Domain";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TYPE = Pattern.compile("^([^\\[\\]]*)((?:\\[\\d*\\])*)$");
    private static final Pattern ARRAY_LEVEL = Pattern.compile("\\[(\\d*)\\]");
    private static final Pattern NAME_BITS = Pattern.compile("^(\\D*)(\\d*)$");

    /** One struct member: {@code name} of Solidity type {@code type}. */
    public record Member(String name, String type) {}

    /**
     * A parsed member type: {@code uint256[][3]} is base {@code uint}, size 256, arrays
     * {@code [null, 3]} (outermost last, as written).
     *
     * @param base {@code int}, {@code uint}, {@code address}, {@code bool}, {@code string},
     *     {@code bytes}, or a struct name
     * @param size bits for int/uint, bytes for bytesN, else {@code null}
     * @param arrays array levels as written, {@code null} for a dynamic level
     */
    public record FieldType(String base, Integer size, List<Integer> arrays) {
        public boolean isArray() {
            return !arrays.isEmpty();
        }

        /** The type of one element of this array type. */
        public FieldType element() {
            return new FieldType(base, size, arrays.subList(0, arrays.size() - 1));
        }

        public boolean isAtomic(Map<String, List<Member>> types) {
            return !types.containsKey(base) || isPrimitive(base);
        }

        static boolean isPrimitive(String base) {
            return switch (base) {
                case "int", "uint", "address", "bool", "string", "bytes" -> true;
                default -> false;
            };
        }

        /** Parses a Solidity type name as used in EIP-712. */
        public static FieldType parse(String text) {
            Matcher m = TYPE.matcher(text.strip());
            if (!m.matches()) {
                throw new DeviceException.DeviceFailure("not an EIP-712 type: " + text);
            }
            List<Integer> arrays = new ArrayList<>();
            Matcher a = ARRAY_LEVEL.matcher(m.group(2));
            while (a.find()) {
                arrays.add(a.group(1).isEmpty() ? null : Integer.parseInt(a.group(1)));
            }
            Matcher nb = NAME_BITS.matcher(m.group(1));
            String base = m.group(1);
            Integer size = null;
            if (nb.matches() && !nb.group(2).isEmpty() && isPrimitive(nb.group(1))) {
                base = nb.group(1);
                size = Integer.parseInt(nb.group(2));
            }
            return new FieldType(base, size, Collections.unmodifiableList(arrays));
        }
    }

    /**
     * Reads the JSON of {@code typedData}.
     *
     * @throws DeviceException.DeviceFailure if a member or type is malformed
     */
    public static TypedDataDocument of(TypedData typedData) {
        JsonNode root = JSON.readTree(typedData.json());
        Map<String, List<Member>> types = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.get("types").properties()) {
            List<Member> members = new ArrayList<>();
            for (JsonNode m : e.getValue()) {
                members.add(new Member(m.get("name").asText(), m.get("type").asText()));
            }
            types.put(e.getKey(), List.copyOf(members));
        }
        types.putIfAbsent(DOMAIN, List.of());
        JsonNode domain = root.path("domain");
        JsonNode message = root.path("message");
        return new TypedDataDocument(Collections.unmodifiableMap(types), root.get("primaryType").asText(), domain, message);
    }

    /** A JSON number, decimal string or 0x-hex string as an integer. */
    public static BigInteger integer(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return BigInteger.ZERO;
        }
        if (value.isNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? BigInteger.ONE : BigInteger.ZERO;
        }
        String s = value.asText().strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return s.length() == 2 ? BigInteger.ZERO : new BigInteger(s.substring(2), 16);
        }
        if (s.startsWith("-0x")) {
            return new BigInteger(s.substring(3), 16).negate();
        }
        return new BigInteger(s);
    }

    /** A 0x-hex string's bytes ({@code ""} and missing values are empty). */
    public static byte[] hex(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return new byte[0];
        }
        String s = value.asText().strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.length() % 2 == 1) {
            s = "0" + s;
        }
        return HexFormat.of().parseHex(s);
    }

    /** {@code v} as big-endian two's complement in exactly {@code bytes} bytes. */
    public static byte[] fixedWidth(BigInteger v, int bytes) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[bytes];
        byte fill = (byte) (v.signum() < 0 ? 0xff : 0x00);
        java.util.Arrays.fill(out, fill);
        int n = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - n, out, bytes - n, n);
        return out;
    }

    /** {@code v ≥ 0} as minimal big-endian bytes; zero is one 0x00 byte. */
    public static byte[] minimal(BigInteger v) {
        byte[] raw = v.toByteArray();
        if (raw.length > 1 && raw[0] == 0) {
            return java.util.Arrays.copyOfRange(raw, 1, raw.length);
        }
        return raw;
    }
}
