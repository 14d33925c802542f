package io.countersign.policy;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A YAML node with its path, for strict reading with messages that name the field.
 *
 * @param scan what the YAML text says beyond the tree (which scalars were unquoted)
 */
record YamlNode(JsonNode node, String path, YamlScan scan) {

    static PolicyException.InvalidPolicyException error(String path, String message) {
        return new PolicyException.InvalidPolicyException(path + ": " + message);
    }

    /** Requires a mapping whose keys are all in {@code allowed}. */
    YamlNode object(Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw error(path, "expected a mapping");
        }
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw error(path, "unknown field \"" + key + "\" (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    Optional<YamlNode> opt(String key) {
        JsonNode child = node.get(key);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(new YamlNode(child, path + "." + key, scan));
    }

    YamlNode req(String key) {
        return opt(key).orElseThrow(() -> error(path, "missing field \"" + key + "\""));
    }

    List<YamlNode> list() {
        if (!node.isArray()) {
            throw error(path, "expected a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(node.get(i), path + "[" + i + "]", scan));
        }
        return out;
    }

    /** A scalar's text; numbers only when integral (floats lose decimal precision). */
    String text() {
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            throw error(path, "write decimal numbers in quotes, e.g. \"1500.25\"");
        }
        if (node.isBoolean()) {
            return String.valueOf(node.booleanValue());
        }
        throw error(path, "expected a scalar");
    }

    /**
     * An integer in {@code min..max}; anything else (a float, text, a number out of range) is an
     * error naming the field and the range. Never wraps: 4294967297 is not 1.
     */
    long integer(long min, long max) {
        if (!node.isIntegralNumber()) {
            throw error(path, "expected a whole number from " + min + " to " + max);
        }
        java.math.BigInteger v = node.bigIntegerValue();
        if (v.compareTo(java.math.BigInteger.valueOf(min)) < 0 || v.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw error(path, "must be from " + min + " to " + max + ", got " + v);
        }
        return v.longValueExact();
    }

    /** As {@link #integer(long, long)} for an {@code int} field. */
    int intValue(int min, int max) {
        return (int) integer(min, max);
    }

    Address address() {
        if (!node.isString() || scan.plain(path)) {
            throw error(path, "quote addresses in YAML (\"0x…\"): unquoted 0x… is read as a number");
        }
        try {
            return Address.parse(node.stringValue(), path);
        } catch (EthException e) {
            throw new PolicyException.InvalidPolicyException(e.getMessage(), e);
        }
    }
}
