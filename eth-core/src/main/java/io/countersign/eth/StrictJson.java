package io.countersign.eth;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Strict reading of JSON that an attacker may have written (request files, policy bundles, the
 * admin pin): a key that appears twice in one object is an error naming the field, because
 * Jackson's tree model would keep the last value and silently drop the first one a reviewer
 * may have read. Also bounded integer fields, each error naming the field.
 */
public final class StrictJson {
    /**
     * The largest chain id accepted: {@code floor(MAX_UINT64 / 2) - 36 = 9223372036854775771},
     * the bound of EIP-2294 (a chain id above it makes EIP-155's {@code v} overflow 64 bits).
     */
    public static final BigInteger MAX_CHAIN_ID = new BigInteger("9223372036854775771");

    private StrictJson() {}

    /** An object (keys seen so far, the current key) or an array (the next index) being read. */
    private static final class Level {
        final String path;
        final Set<String> keys;
        String name = "";
        int index;

        Level(String path, Set<String> keys) {
            this.path = path;
            this.keys = keys;
        }
    }

    /**
     * Reads {@code text} into a tree after checking that no object repeats a key.
     *
     * @param mapper the mapper whose parser reads the text (JSON, or a JSON-compatible format)
     * @param root the name of the document in messages, e.g. {@code "request"}
     * @throws EthException.InvalidInputException {@code "request.tx.value: the field appears twice
     *     (line 7, column 5)…"} for a duplicate key
     * @throws JacksonException when the text is not well-formed (the caller's message applies)
     */
    public static JsonNode readTree(ObjectMapper mapper, String text, String root) {
        requireNoDuplicateKeys(mapper, text, root);
        return mapper.readTree(text);
    }

    /**
     * Walks the token stream and throws at the first key repeated within one object. Text that
     * is not well-formed is left to the caller's tree reading, which reports it.
     *
     * @throws EthException.InvalidInputException naming the repeated field's path, line and column
     */
    public static void requireNoDuplicateKeys(ObjectMapper mapper, String text, String root) {
        Deque<Level> stack = new ArrayDeque<>();
        try (JsonParser p = mapper.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Level top = stack.peek();
                switch (t) {
                    case PROPERTY_NAME -> {
                        String name = p.currentName();
                        top.name = name;
                        if (!top.keys.add(name)) {
                            TokenStreamLocation at = p.currentTokenLocation();
                            throw new EthException.InvalidInputException(top.path + "." + name
                                    + ": the field appears twice (line " + at.getLineNr() + ", column " + at.getColumnNr()
                                    + "); a second value would silently replace the first: keep one");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> stack.pop();
                    default -> {
                        String path = top == null ? root
                                : top.keys != null ? top.path + "." + top.name : top.path + "[" + top.index++ + "]";
                        if (t == JsonToken.START_OBJECT) {
                            stack.push(new Level(path, new HashSet<>()));
                        } else if (t == JsonToken.START_ARRAY) {
                            stack.push(new Level(path, null));
                        }
                    }
                }
            }
        } catch (JacksonException e) {
            // not well-formed: the caller's own reading reports it with its message
        }
    }

    /**
     * A chain id from text: decimal (or {@code 0x} hex), in {@code 1..}{@link #MAX_CHAIN_ID}.
     *
     * @param field the field's name for the message
     * @throws EthException.InvalidInputException naming the field when it is not in range
     */
    public static BigInteger chainId(BigInteger value, String field) {
        if (value.signum() <= 0 || value.compareTo(MAX_CHAIN_ID) > 0) {
            throw new EthException.InvalidInputException(field + " must be a chain id from 1 to " + MAX_CHAIN_ID
                    + " (EIP-2294), got " + value);
        }
        return value;
    }

    /**
     * An integer JSON value within {@code min..max}: a JSON number without fraction, or a decimal
     * string. Jackson's {@code asInt()} would wrap 4294967297 to 1; this refuses it.
     *
     * @throws EthException.InvalidInputException naming the field when absent-but-required, not an
     *     integer, or out of range
     */
    public static long integer(JsonNode node, String field, long min, long max) {
        BigInteger v;
        if (node != null && node.isIntegralNumber()) {
            v = node.bigIntegerValue();
        } else if (node != null && node.isString() && node.stringValue().matches("-?[0-9]{1,80}")) {
            v = new BigInteger(node.stringValue());
        } else {
            throw new EthException.InvalidInputException(field + " must be a whole number from " + min + " to " + max
                    + ", got " + (node == null ? "nothing" : node.toString()));
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new EthException.InvalidInputException(field + " must be from " + min + " to " + max + ", got " + v);
        }
        return v.longValueExact();
    }
}
