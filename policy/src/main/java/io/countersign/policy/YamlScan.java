package io.countersign.policy;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * What Jackson's YAML tree forgets and strict reading needs, from the YAML node graph
 * (snakeyaml-engine, the parser under Jackson's YAML module): a key repeated in one mapping
 * (Jackson keeps the last value, so a reviewed limit could be shadowed by a second one further
 * down) is an error naming the field, and which scalars were written <em>plain</em> (unquoted),
 * so an unquoted {@code 0x…} address can be refused as docs/policy.md says. Paths are in
 * {@link YamlNode}'s form: {@code policy.rules[3].perDay}.
 */
final class YamlScan {
    private final Set<String> plainScalars = new HashSet<>();

    private YamlScan() {}

    /**
     * @throws PolicyException.InvalidPolicyException naming the first repeated field, its line and column
     */
    static YamlScan of(String yaml, String root) {
        YamlScan scan = new YamlScan();
        Optional<Node> node;
        try {
            node = new Compose(LoadSettings.builder().setAllowDuplicateKeys(true).build()).composeString(yaml);
        } catch (YamlEngineException e) {
            return scan; // not valid YAML: Jackson's reading reports it
        }
        node.ifPresent(n -> scan.walk(n, root, new IdentityHashMap<>()));
        return scan;
    }

    /** Whether the scalar at {@code path} was written without quotes. */
    boolean plain(String path) {
        return plainScalars.contains(path);
    }

    private void walk(Node node, String path, Map<Node, Boolean> onPath) {
        if (onPath.put(node, Boolean.TRUE) != null) {
            throw YamlNode.error(path, "a YAML alias refers to a node that contains it; write the value out");
        }
        switch (node) {
            case ScalarNode s -> {
                if (s.isPlain()) {
                    plainScalars.add(path);
                }
            }
            case SequenceNode seq -> {
                for (int i = 0; i < seq.getValue().size(); i++) {
                    walk(seq.getValue().get(i), path + "[" + i + "]", onPath);
                }
            }
            case MappingNode map -> {
                Set<String> keys = new HashSet<>();
                for (NodeTuple t : map.getValue()) {
                    if (!(t.getKeyNode() instanceof ScalarNode key)) {
                        throw YamlNode.error(path, "a key must be a plain name" + at(t.getKeyNode()));
                    }
                    String child = path + "." + key.getValue();
                    if (!keys.add(key.getValue())) {
                        throw YamlNode.error(child, "the field appears twice" + at(key)
                                + "; a second value would silently replace the first one: keep one");
                    }
                    walk(t.getValueNode(), child, onPath);
                }
            }
            default -> { }
        }
        onPath.remove(node);
    }

    private static String at(Node n) {
        return n.getStartMark().map((Mark m) -> " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")")
                .orElse("");
    }
}
