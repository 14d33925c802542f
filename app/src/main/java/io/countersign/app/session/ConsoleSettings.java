package io.countersign.app.session;

import io.countersign.multisig.RequestFile;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's settings, kept in the data folder as {@code settings.json}:
 *
 * <pre>{"version":1,"chainId":"1","nodes":{"1":"https://…","11155111":"http://…"},
 *  "offline":false,"defaultSigner":"ledger"}</pre>
 *
 * <p>{@code nodes} maps a chain id (decimal) to its JSON-RPC endpoint; the console connects to
 * the node of {@code chainId}. A flag on the command line ({@code --rpc}, {@code --offline}) or
 * its environment variable wins over the file. {@code defaultSigner} is what the signer picker
 * pre-selects: a demo key's label or a signer URI ({@code ledger}, {@code keystore:FILE}). The
 * file is read strictly (unknown fields, a non-http(s) node, a non-decimal chain id are errors),
 * and written atomically.
 *
 * @param chainId the chain whose node the console uses, or {@code null}
 * @param nodes endpoint per chain id, in the order given
 * @param defaultSigner label or URI, or {@code null}
 */
public record ConsoleSettings(BigInteger chainId, Map<BigInteger, String> nodes, boolean offline, String defaultSigner) {
    /** The file's name inside the data folder. */
    public static final String FILE = "settings.json";

    public ConsoleSettings {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        nodes.forEach((chain, url) -> requireUrl(url, "node for chain " + chain));
    }

    /** No node, online, no default signer. */
    public static ConsoleSettings defaults() {
        return new ConsoleSettings(null, Map.of(), false, null);
    }

    /** The node of {@link #chainId()}, if one is set. */
    public Optional<String> node() {
        return chainId == null ? Optional.empty() : Optional.ofNullable(nodes.get(chainId));
    }

    /**
     * Reads {@code DATA_DIR/settings.json}; the defaults when there is none.
     *
     * @throws CountersignException.Usage naming the file and what is wrong in it
     */
    public static ConsoleSettings load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return defaults();
        }
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            for (Iterator<String> names = root.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                if (!java.util.Set.of("version", "chainId", "nodes", "offline", "defaultSigner").contains(name)) {
                    throw new IllegalArgumentException("unknown field \"" + name + "\"");
                }
            }
            if (root.path("version").asInt(0) != 1) {
                throw new IllegalArgumentException("\"version\" must be 1");
            }
            Map<BigInteger, String> nodes = new LinkedHashMap<>();
            JsonNode n = root.path("nodes");
            if (!n.isMissingNode() && !n.isObject()) {
                throw new IllegalArgumentException("\"nodes\" must map chain ids to URLs");
            }
            for (var e : n.properties()) {
                if (!e.getValue().isString()) {
                    throw new IllegalArgumentException("the node of chain " + e.getKey() + " must be a URL string");
                }
                nodes.put(chain(e.getKey()), e.getValue().asString());
            }
            JsonNode chain = root.path("chainId");
            JsonNode offline = root.path("offline");
            if (!offline.isMissingNode() && !offline.isBoolean()) {
                throw new IllegalArgumentException("\"offline\" must be true or false");
            }
            JsonNode signer = root.path("defaultSigner");
            return new ConsoleSettings(chain.isMissingNode() || chain.isNull() ? null : chain(chain.asString("")), nodes,
                    offline.asBoolean(false), signer.isMissingNode() || signer.isNull() ? null : signer.asString(""));
        } catch (IOException | RuntimeException e) {
            throw new CountersignException.Usage(file + " is not a valid settings file: " + e.getMessage()
                    + "; fix it or delete it (the console then starts with its defaults)");
        }
    }

    /** Writes {@code DATA_DIR/settings.json} atomically. */
    public void save(Path dataDir) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("version", 1);
        if (chainId != null) {
            root.put("chainId", chainId.toString());
        }
        ObjectNode n = root.putObject("nodes");
        nodes.forEach((c, url) -> n.put(c.toString(), url));
        root.put("offline", offline);
        if (defaultSigner != null && !defaultSigner.isBlank()) {
            root.put("defaultSigner", defaultSigner);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        RequestFile.writeAtomically(dataDir.resolve(FILE), root.toPrettyString() + "\n");
    }

    /** A chain id: a positive decimal number. */
    public static BigInteger chain(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("chain id \"" + text + "\" is not a positive decimal number");
        }
        return new BigInteger(text);
    }

    /** An http(s) URL with a host, else an error naming {@code what}. */
    public static String requireUrl(String url, String what) {
        try {
            URI u = new URI(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException(what + " must be an http:// or https:// URL, not \"" + url + "\"");
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a URL: " + e.getMessage());
        }
    }
}
