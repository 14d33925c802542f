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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's settings, kept in the data folder as {@code settings.json}:
 *
 * <pre>{"version":1,"chainId":"1","nodes":{"1":"https://…","11155111":"http://…"},
 *  "offline":false,"defaultSigner":"ledger","theme":"dark",
 *  "window":{"x":40,"y":30,"width":1280,"height":800,"maximized":false,"tab":"Journal",
 *            "dividers":{"queue-view":[0.4]}}}</pre>
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
 * <p>{@code theme} is the console's look ({@code light}, the default, or {@code dark});
 * {@code window} is the main window's last size and position (pixels, in the screens'
 * coordinates), whether it was maximized, the title of the selected tab and the divider positions
 * (0…1) of its split panes by node id. The console writes {@code window} when its window closes.
 *
 * @param defaultSigner label or URI, or {@code null}
 * @param theme the console's look
 * @param window the main window's remembered layout, or {@code null} (the console's default size)
 */
public record ConsoleSettings(BigInteger chainId, Map<BigInteger, String> nodes, boolean offline, String defaultSigner,
        Theme theme, WindowLayout window) {
    /** The file's name inside the data folder. */
    public static final String FILE = "settings.json";

    /** The console's looks, as written in the file. */
    public enum Theme {
        LIGHT, DARK;

        /** The file's spelling: {@code light}, {@code dark}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** {@code light} or {@code dark}, else an error naming the accepted values. */
        public static Theme of(String id) {
            for (Theme t : values()) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("\"theme\" must be \"light\" or \"dark\", not \"" + id + "\"");
        }
    }

    /**
     * The main window's layout when it was last closed.
     *
     * @param x left edge, pixels
     * @param y top edge, pixels
     * @param width pixels, positive
     * @param height pixels, positive
     * @param maximized whether the window filled its screen (x, y, width, height are then its size before)
     * @param tab the selected tab's title, or {@code null}
     * @param dividers divider positions (each 0…1) of the window's split panes, by node id
     */
    public record WindowLayout(double x, double y, double width, double height, boolean maximized, String tab,
            Map<String, List<Double>> dividers) {
        public WindowLayout {
            if (!(width > 0 && height > 0) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)) {
                throw new IllegalArgumentException("\"window\" needs finite x, y and a positive width and height");
            }
            Map<String, List<Double>> d = new LinkedHashMap<>();
            dividers.forEach((id, positions) -> {
                for (Double p : positions) {
                    if (p == null || !(p >= 0 && p <= 1)) {
                        throw new IllegalArgumentException("divider positions of \"" + id + "\" must be numbers from 0 to 1");
                    }
                }
                d.put(id, List.copyOf(positions));
            });
            dividers = java.util.Collections.unmodifiableMap(d);
        }
    }

    public ConsoleSettings {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        nodes.forEach((chain, url) -> requireUrl(url, "node for chain " + chain));
        theme = theme == null ? Theme.LIGHT : theme;
    }

    /** Light theme, no remembered window. */
    public ConsoleSettings(BigInteger chainId, Map<BigInteger, String> nodes, boolean offline, String defaultSigner) {
        this(chainId, nodes, offline, defaultSigner, Theme.LIGHT, null);
    }

    /** No node, online, no default signer, light theme, no remembered window. */
    public static ConsoleSettings defaults() {
        return new ConsoleSettings(null, Map.of(), false, null);
    }

    /** These settings with the offline switch set to {@code offline}. */
    public ConsoleSettings withOffline(boolean offline) {
        return new ConsoleSettings(chainId, nodes, offline, defaultSigner, theme, window);
    }

    /** These settings with {@code theme}. */
    public ConsoleSettings withTheme(Theme theme) {
        return new ConsoleSettings(chainId, nodes, offline, defaultSigner, theme, window);
    }

    /** These settings with the main window's layout {@code window}. */
    public ConsoleSettings withWindow(WindowLayout window) {
        return new ConsoleSettings(chainId, nodes, offline, defaultSigner, theme, window);
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
                if (!java.util.Set.of("version", "chainId", "nodes", "offline", "defaultSigner", "theme", "window").contains(name)) {
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
            JsonNode theme = root.path("theme");
            if (!theme.isMissingNode() && !theme.isString()) {
                throw new IllegalArgumentException("\"theme\" must be \"light\" or \"dark\"");
            }
            return new ConsoleSettings(chain.isMissingNode() || chain.isNull() ? null : chain(chain.asString("")), nodes,
                    offline.asBoolean(false), signer.isMissingNode() || signer.isNull() ? null : signer.asString(""),
                    theme.isMissingNode() ? Theme.LIGHT : Theme.of(theme.asString()), window(root.path("window")));
        } catch (IOException | RuntimeException e) {
            throw new CountersignException.Usage(file + " is not a valid settings file: " + e.getMessage()
                    + "; fix it or delete it (the console then starts with its defaults)");
        }
    }

    private static WindowLayout window(JsonNode w) {
        if (w.isMissingNode() || w.isNull()) {
            return null;
        }
        if (!w.isObject()) {
            throw new IllegalArgumentException("\"window\" must be an object");
        }
        for (Iterator<String> names = w.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!java.util.Set.of("x", "y", "width", "height", "maximized", "tab", "dividers").contains(name)) {
                throw new IllegalArgumentException("unknown field \"window." + name + "\"");
            }
        }
        for (String n : List.of("x", "y", "width", "height")) {
            if (!w.path(n).isNumber()) {
                throw new IllegalArgumentException("\"window." + n + "\" must be a number");
            }
        }
        if (!w.path("maximized").isMissingNode() && !w.path("maximized").isBoolean()) {
            throw new IllegalArgumentException("\"window.maximized\" must be true or false");
        }
        if (!w.path("tab").isMissingNode() && !w.path("tab").isString()) {
            throw new IllegalArgumentException("\"window.tab\" must be a tab's title");
        }
        Map<String, List<Double>> dividers = new LinkedHashMap<>();
        JsonNode d = w.path("dividers");
        if (!d.isMissingNode() && !d.isObject()) {
            throw new IllegalArgumentException("\"window.dividers\" must map node ids to lists of positions");
        }
        for (var e : d.properties()) {
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException("\"window.dividers." + e.getKey() + "\" must be a list of positions");
            }
            List<Double> positions = new java.util.ArrayList<>();
            for (JsonNode p : e.getValue()) {
                if (!p.isNumber()) {
                    throw new IllegalArgumentException("\"window.dividers." + e.getKey() + "\" must hold numbers");
                }
                positions.add(p.asDouble());
            }
            dividers.put(e.getKey(), positions);
        }
        return new WindowLayout(w.path("x").asDouble(), w.path("y").asDouble(), w.path("width").asDouble(),
                w.path("height").asDouble(), w.path("maximized").asBoolean(false),
                w.path("tab").isMissingNode() ? null : w.path("tab").asString(), dividers);
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
        root.put("theme", theme.id());
        if (window != null) {
            ObjectNode w = root.putObject("window");
            w.put("x", window.x());
            w.put("y", window.y());
            w.put("width", window.width());
            w.put("height", window.height());
            w.put("maximized", window.maximized());
            if (window.tab() != null) {
                w.put("tab", window.tab());
            }
            ObjectNode d = w.putObject("dividers");
            window.dividers().forEach((id, positions) -> {
                var list = d.putArray(id);
                positions.forEach(list::add);
            });
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
