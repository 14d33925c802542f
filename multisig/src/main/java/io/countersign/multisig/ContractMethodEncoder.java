package io.countersign.multisig;

import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.AbiTypes;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticArray;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;

/**
 * Encodes a Transaction Builder {@code contractMethod} with its {@code contractInputsValues} into
 * calldata, reading the values as the Builder does (safe-global/safe-react-apps,
 * {@code apps/tx-builder/src/utils.ts} {@code parseInputValue} and {@code encodeToHexData}); the
 * ABI encoding itself is web3j's ({@link FunctionEncoder}), the selector is Keccak-256 of the
 * canonical signature (Solidity ABI spec, "Function Selector").
 *
 * <p>Values are strings keyed by input name (or position when the name is empty):
 * <ul>
 *   <li>{@code bool}: {@code true}/{@code false}/{@code 1}/{@code 0}, any case;
 *   <li>{@code uintN}/{@code intN}: decimal, or {@code 0x} hex, quotes ignored; checked against N
 *       bits;
 *   <li>{@code tuple…} and {@code string[]…}: JSON ({@code ["0xabc", "12", [true]]} or an object by
 *       component name);
 *   <li>other arrays: {@code [a, b, [c]]} with or without quotes around elements (the Builder
 *       splits on top-level commas and drops quotes and white space);
 *   <li>{@code address}, {@code bytes}, {@code bytesN}, {@code string}: the text itself
 *       ({@code bytesN} shorter than N is right-padded with zeros, as web3 does).
 * </ul>
 *
 * <p>Where the Builder would silently produce different or empty calldata (hex numbers without
 * {@code 0x}, which it reads as hex; booleans written as strings inside tuples, which it reads as
 * true; numbers above 2^53 inside tuples, which it cannot encode), this encoder refuses instead.
 */
final class ContractMethodEncoder {
    private ContractMethodEncoder() {}

    /** An ABI type: an elementary name, an array of a type, or a tuple. */
    sealed interface AbiType {
        String canonical();
    }

    record Elementary(String name) implements AbiType {
        public String canonical() {
            return name;
        }
    }

    /** {@code length} −1 for {@code T[]}. */
    record ArrayOf(AbiType element, int length) implements AbiType {
        public String canonical() {
            return element.canonical() + "[" + (length < 0 ? "" : Integer.toString(length)) + "]";
        }
    }

    record Tuple(List<String> names, List<AbiType> components) implements AbiType {
        public String canonical() {
            return "(" + String.join(",", components.stream().map(AbiType::canonical).toList()) + ")";
        }
    }

    private static final Pattern ELEMENTARY = Pattern.compile("address|bool|string|bytes([1-9]|[12][0-9]|3[0-2])?|(u?int)(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)?");
    private static final Pattern DIMENSION = Pattern.compile("\\[([1-9][0-9]*)?\\]$");
    private static final Pattern NUMBER = Pattern.compile("-?(0[xX][0-9a-fA-F]+|[0-9]+)");
    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.TWO.pow(53).subtract(BigInteger.ONE);

    /**
     * The calldata for one Builder transaction.
     *
     * @param method the {@code contractMethod} object ({@code name}, {@code inputs})
     * @param values the {@code contractInputsValues} object (may be missing or null for no inputs)
     * @param where names the transaction in messages, e.g. {@code "transaction 3 (approve)"}
     * @return selector + ABI-encoded arguments; empty for {@code receive}/{@code fallback}
     * @throws EthException.InvalidInputException for an unsupported type, a missing value, or a
     *     value the type cannot hold
     */
    static byte[] encode(JsonNode method, JsonNode values, String where) {
        String name = text(method.get("name"));
        if (name == null || name.isEmpty()) {
            throw new EthException.InvalidInputException(where + ": contractMethod has no name");
        }
        if (name.equals("receive") || name.equals("fallback")) {
            return new byte[0];
        }
        JsonNode inputs = method.path("inputs");
        List<Type> args = new ArrayList<>();
        List<String> signature = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            AbiType type = type(input, where);
            String inputName = text(input.get("name"));
            String key = inputName == null || inputName.isEmpty() ? Integer.toString(i) : inputName;
            JsonNode v = values == null ? null : values.get(key);
            String label = where + ", input " + key + " (" + type.canonical() + ")";
            if (v == null || v.isNull()) {
                throw new EthException.InvalidInputException(label + ": no value in contractInputsValues");
            }
            String raw = v.isString() ? v.asString() : v.toString();
            try {
                args.add(fromField(type, text(input.get("type")), raw, label));
            } catch (EthException.InvalidInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EthException.InvalidInputException(label + ": " + raw + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
            signature.add(type.canonical());
        }
        byte[] selector = Hash.sha3((name + "(" + String.join(",", signature) + ")").getBytes(StandardCharsets.UTF_8));
        byte[] params = Hex.decode("0x" + FunctionEncoder.encodeConstructor(args), where);
        byte[] out = new byte[4 + params.length];
        System.arraycopy(selector, 0, out, 0, 4);
        System.arraycopy(params, 0, out, 4, params.length);
        return out;
    }

    /** The canonical signature of a contractMethod, e.g. {@code transfer(address,uint256)}. */
    static String signature(JsonNode method, String where) {
        List<String> types = new ArrayList<>();
        for (JsonNode input : method.path("inputs")) {
            types.add(type(input, where).canonical());
        }
        return text(method.get("name")) + "(" + String.join(",", types) + ")";
    }

    static AbiType type(JsonNode input, String where) {
        String t = text(input.get("type"));
        if (t == null) {
            throw new EthException.InvalidInputException(where + ": an input has no type");
        }
        List<Integer> dims = new ArrayList<>();
        String base = t.trim();
        Matcher m;
        while ((m = DIMENSION.matcher(base)).find()) {
            dims.addFirst(m.group(1) == null ? -1 : Integer.parseInt(m.group(1)));
            base = base.substring(0, m.start());
        }
        AbiType type;
        if (base.equals("tuple")) {
            List<String> names = new ArrayList<>();
            List<AbiType> comps = new ArrayList<>();
            JsonNode components = input.path("components");
            if (!components.isArray() || components.isEmpty()) {
                throw new EthException.InvalidInputException(where + ": tuple input " + text(input.get("name")) + " has no components");
            }
            for (JsonNode c : components) {
                names.add(text(c.get("name")));
                comps.add(type(c, where));
            }
            type = new Tuple(names, comps);
        } else if (ELEMENTARY.matcher(base).matches()) {
            type = new Elementary(base.equals("uint") ? "uint256" : base.equals("int") ? "int256" : base);
        } else {
            throw new EthException.InvalidInputException(where + ": input type " + t
                    + " is not one the Transaction Builder encodes; give the calldata in \"data\" instead");
        }
        for (int d : dims) {
            type = new ArrayOf(type, d);
        }
        return type;
    }

    // ---- the Builder's parseInputValue: a contractInputsValues string -> a value ----

    private static Type<?> fromField(AbiType type, String declared, String raw, String label) {
        String trimmed = raw.trim();
        if (type instanceof Elementary e) {
            if (e.name().equals("bool")) {
                return new Bool(builderBoolean(trimmed, label));
            }
            if (e.name().contains("int")) {
                return integer(e.name(), builderNumber(trimmed.replace("\"", "").replace("'", "").trim(), label), label);
            }
            return scalar(e, raw, label);
        }
        if (declared.trim().startsWith("tuple") || isStringArray(type)) {
            return fromJson(type, json(trimmed, label), label);
        }
        if (!(trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            throw new EthException.InvalidInputException(label + ": " + raw + " is not an array ([a, b, …])");
        }
        return fromBuilderArray(type, trimmed, label);
    }

    private static boolean isStringArray(AbiType type) {
        AbiType t = type;
        while (t instanceof ArrayOf a) {
            t = a.element();
        }
        return t instanceof Elementary e && e.name().equals("string") && type instanceof ArrayOf;
    }

    /** The Builder's parseStringToArray/parseArrayOfValues for arrays of non-string elementary types. */
    private static Type<?> fromBuilderArray(AbiType type, String text, String label) {
        if (!(type instanceof ArrayOf array)) {
            throw new EthException.InvalidInputException(label + ": an array was given where " + type.canonical() + " is expected");
        }
        List<String> items = splitTopLevel(text.substring(1, text.length() - 1), label);
        List<Type<?>> elements = new ArrayList<>();
        for (String item : items) {
            if (item.startsWith("[") && item.endsWith("]")) {
                elements.add(fromBuilderArray(array.element(), item, label));
            } else if (array.element() instanceof Elementary e) {
                String v = item.replace("\"", "").replace("'", "");
                elements.add(switch (e.name()) {
                    case "bool" -> new Bool(builderBoolean(v, label));
                    default -> e.name().contains("int") ? integer(e.name(), builderNumber(v, label), label) : scalar(e, v, label);
                });
            } else {
                throw new EthException.InvalidInputException(label + ": element " + item + " is not an array, but "
                        + array.element().canonical() + " is expected");
            }
        }
        return array(array, elements, label);
    }

    /** Splits at commas outside brackets; white space is dropped, as the Builder's character-wise trim does. */
    private static List<String> splitTopLevel(String body, String label) {
        List<String> items = new ArrayList<>();
        StringBuilder current = null;
        int depth = 0;
        int index = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == ',' && depth == 0) {
                if (current == null) {
                    throw new EthException.InvalidInputException(label + ": element " + (index + 1) + " of the array is empty");
                }
                items.add(current.toString());
                current = null;
                index++;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            current = current == null ? new StringBuilder() : current;
            current.append(c);
        }
        if (current != null) {
            items.add(current.toString());
        } else if (index > 0) {
            throw new EthException.InvalidInputException(label + ": the array ends with an empty element");
        }
        return items;
    }

    // ---- values given as JSON (tuples, string arrays), read as the Builder's ethers coder reads them ----

    private static Type<?> fromJson(AbiType type, JsonNode v, String label) {
        if (type instanceof Tuple tuple) {
            List<Type<?>> parts = new ArrayList<>();
            if (v.isArray()) {
                if (v.size() != tuple.components().size()) {
                    throw new EthException.InvalidInputException(label + ": tuple " + tuple.canonical() + " has "
                            + tuple.components().size() + " components, the value has " + v.size());
                }
                for (int i = 0; i < v.size(); i++) {
                    parts.add(fromJson(tuple.components().get(i), v.get(i), label));
                }
            } else if (v.isObject()) {
                for (int i = 0; i < tuple.components().size(); i++) {
                    JsonNode part = v.get(tuple.names().get(i));
                    if (part == null) {
                        throw new EthException.InvalidInputException(label + ": the tuple value has no component "
                                + tuple.names().get(i));
                    }
                    parts.add(fromJson(tuple.components().get(i), part, label));
                }
            } else {
                throw new EthException.InvalidInputException(label + ": " + v + " is not a tuple (a JSON array or object)");
            }
            boolean dynamic = tuple.components().stream().anyMatch(ContractMethodEncoder::isDynamic);
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Type> list = (List) parts;
            return dynamic ? new DynamicStruct(list) : new StaticStruct(list);
        }
        if (type instanceof ArrayOf array) {
            if (!v.isArray()) {
                throw new EthException.InvalidInputException(label + ": " + v + " is not an array, but " + type.canonical() + " is expected");
            }
            List<Type<?>> elements = new ArrayList<>();
            for (JsonNode e : v) {
                elements.add(fromJson(array.element(), e, label));
            }
            return array(array, elements, label);
        }
        Elementary e = (Elementary) type;
        if (e.name().equals("bool")) {
            if (!v.isBoolean()) {
                throw new EthException.InvalidInputException(label + ": " + v
                        + " is not a JSON boolean; write true or false without quotes (the Builder reads any non-empty string as true)");
            }
            return new Bool(v.booleanValue());
        }
        if (e.name().contains("int")) {
            if (v.isNumber()) {
                if (!v.isIntegralNumber()) {
                    throw new EthException.InvalidInputException(label + ": " + v + " is not a whole number");
                }
                BigInteger n = v.bigIntegerValue();
                if (n.abs().compareTo(MAX_SAFE_INTEGER) > 0) {
                    throw new EthException.InvalidInputException(label + ": " + v
                            + " is above 2^53 as a bare JSON number, which the Builder cannot encode exactly; write it as a string");
                }
                return integer(e.name(), n, label);
            }
            if (v.isString()) {
                return integer(e.name(), builderNumber(v.asString().trim(), label), label);
            }
            throw new EthException.InvalidInputException(label + ": " + v + " is not a number");
        }
        if (!v.isString()) {
            throw new EthException.InvalidInputException(label + ": " + v + " is not a string, but " + e.name() + " is expected");
        }
        return scalar(e, v.asString(), label);
    }

    private static boolean isDynamic(AbiType type) {
        return switch (type) {
            case Elementary e -> e.name().equals("bytes") || e.name().equals("string");
            case ArrayOf a -> a.length() < 0 || isDynamic(a.element());
            case Tuple t -> t.components().stream().anyMatch(ContractMethodEncoder::isDynamic);
        };
    }

    // ---- scalars ----

    private static boolean builderBoolean(String value, String label) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0")) {
            return false;
        }
        throw new EthException.InvalidInputException(label + ": " + value + " is not a boolean (true, false, 1 or 0)");
    }

    private static BigInteger builderNumber(String value, String label) {
        if (!NUMBER.matcher(value).matches()) {
            throw new EthException.InvalidInputException(label + ": " + value
                    + " is not a number written as decimal digits or 0x hex (the Builder would read digits with hex letters as hex)");
        }
        boolean negative = value.startsWith("-");
        String body = negative ? value.substring(1) : value;
        BigInteger n = body.startsWith("0x") || body.startsWith("0X") ? new BigInteger(body.substring(2), 16) : new BigInteger(body);
        return negative ? n.negate() : n;
    }

    private static Type<?> integer(String typeName, BigInteger n, String label) {
        boolean signed = !typeName.startsWith("u");
        int bits = Integer.parseInt(typeName.substring(signed ? 3 : 4));
        BigInteger min = signed ? BigInteger.TWO.pow(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed ? BigInteger.TWO.pow(bits - 1) : BigInteger.TWO.pow(bits);
        if (n.compareTo(min) < 0 || n.compareTo(max) >= 0) {
            throw new EthException.InvalidInputException(label + ": " + n + " does not fit " + typeName);
        }
        return instantiate(typeName, BigInteger.class, n);
    }

    private static Type<?> scalar(Elementary e, String value, String label) {
        String name = e.name();
        if (name.equals("string")) {
            return new Utf8String(value);
        }
        if (name.equals("address")) {
            return new org.web3j.abi.datatypes.Address(io.countersign.eth.Address.parse(value, label).toLowerHex());
        }
        if (!value.startsWith("0x") && !value.startsWith("0X")) {
            throw new EthException.InvalidInputException(label + ": " + value + " is not 0x-prefixed hex");
        }
        String digits = value.substring(2);
        int size = name.equals("bytes") ? 0 : Integer.parseInt(name.substring(5));
        // web3's formatParam: a bytesN shorter than N is right-padded first, then an odd number of
        // digits gets a leading 0 ("0xabc" as bytes4 is 0xabc00000; as bytes, 0x0abc).
        if (digits.length() < 2 * size) {
            digits = digits + "0".repeat(2 * size - digits.length());
        }
        if (digits.length() % 2 == 1) {
            digits = "0" + digits;
        }
        byte[] bytes = Hex.decode("0x" + digits, label);
        if (name.equals("bytes")) {
            return new DynamicBytes(bytes);
        }
        if (bytes.length > size) {
            throw new EthException.InvalidInputException(label + ": " + value + " is " + bytes.length + " bytes, longer than " + name);
        }
        return instantiate(name, byte[].class, bytes);
    }

    private static Type<?> instantiate(String typeName, Class<?> argType, Object arg) {
        try {
            return AbiTypes.getType(typeName).getConstructor(argType).newInstance(arg);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("web3j has no type " + typeName, ex);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Type<?> array(ArrayOf array, List<Type<?>> elements, String label) {
        Class<Type> cls = (Class<Type>) elementClass(array.element());
        List<Type> list = (List) elements;
        if (array.length() < 0) {
            return new DynamicArray<>(cls, list);
        }
        if (elements.size() != array.length()) {
            throw new EthException.InvalidInputException(label + ": " + array.canonical() + " needs " + array.length()
                    + " elements, the value has " + elements.size());
        }
        return new StaticArray<Type>(cls, list) {};
    }

    private static Class<? extends Type> elementClass(AbiType type) {
        return switch (type) {
            case Elementary e -> AbiTypes.getType(e.name());
            case ArrayOf a -> a.length() < 0 ? DynamicArray.class : StaticArray.class;
            case Tuple t -> isDynamic(t) ? DynamicStruct.class : StaticStruct.class;
        };
    }

    private static JsonNode json(String text, String label) {
        try {
            return RequestFile.JSON.readTree(text);
        } catch (RuntimeException e) {
            throw new EthException.InvalidInputException(label + ": " + text + " is not valid JSON");
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asString();
    }
}
