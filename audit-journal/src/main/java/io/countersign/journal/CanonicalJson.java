package io.countersign.journal;

import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a payload in the journal's canonical JSON: object keys sorted by
 * {@link String#compareTo} (UTF-16 code units, as RFC 8785), no whitespace, strings with
 * Jackson's standard escaping, numbers as Jackson writes them. The stored text is what is
 * hashed, so later changes in Jackson's number formatting cannot break old entries.
 */
final class CanonicalJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * Property names, compared lowercased with '_' and '-' removed, that mark a secret.
     * A journal is read by auditors and exported; it must never hold key material.
     */
    static final Set<String> SECRET_NAMES = Set.of(
            "privatekey", "mnemonic", "mnemonics", "seed", "seedphrase", "passphrase",
            "password", "secret", "secrethex", "xprv", "share", "shares");

    private CanonicalJson() {
    }

    /** Converts a map (or any Jackson-serialisable value) to a tree, then canonicalises it. */
    static String of(Map<String, ?> payload) {
        JsonNode tree;
        try {
            tree = MAPPER.valueToTree(payload);
        } catch (JacksonException e) {
            throw new InvalidPayloadException("payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        return of(tree);
    }

    /** @throws InvalidPayloadException see {@link InvalidPayloadException} */
    static String of(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new InvalidPayloadException("payload must be a JSON object");
        }
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            write(g, payload, "$");
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode node, String path) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                TreeMap<String, JsonNode> sorted = new TreeMap<>();
                for (Map.Entry<String, JsonNode> p : node.properties()) {
                    if (isSecretName(p.getKey())) {
                        throw new InvalidPayloadException("payload property " + path + "." + p.getKey()
                                + " names a secret; journal entries must never hold secrets");
                    }
                    sorted.put(p.getKey(), p.getValue());
                }
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> p : sorted.entrySet()) {
                    g.writeName(p.getKey());
                    write(g, p.getValue(), path + "." + p.getKey());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                int i = 0;
                for (JsonNode v : node.values()) {
                    write(g, v, path + "[" + i++ + "]");
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.stringValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> {
                if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                    throw new InvalidPayloadException("payload value at " + path + " is not a finite number");
                }
                g.writeTree(node);
            }
            default -> throw new InvalidPayloadException(
                    "payload value at " + path + " is " + node.getNodeType() + ", which JSON cannot carry");
        }
    }

    static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return SECRET_NAMES.contains(n);
    }
}
