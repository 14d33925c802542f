package io.countersign.hw.ledger;

import io.countersign.eth.Hex;
import io.countersign.eth.TypedData;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test-fixture half of the emulated Ledger: rebuilds an {@code eth_signTypedData_v4} document from
 * the EIP712 struct-definition (0x1A) and struct-implementation (0x1C) APDUs, the way the app does
 * it on the device, so the emulator can sign the digest of what it was actually sent.
 */
final class Eip712Rebuilder {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, List<String[]>> types = new LinkedHashMap<>();
    private String currentStruct;
    private final List<Object> events = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    byte[] definition(int p2, byte[] data) {
        if (p2 == 0x00) {
            if (types.isEmpty() || !events.isEmpty()) {
                types.clear();
                events.clear();
            }
            currentStruct = new String(data, StandardCharsets.UTF_8);
            types.put(currentStruct, new ArrayList<>());
        } else {
            types.get(currentStruct).add(parseField(data));
        }
        return EmulatedSpeculos.sw(new byte[0], 0x9000);
    }

    private static String[] parseField(byte[] d) {
        int i = 0;
        int desc = d[i++] & 0xff;
        boolean array = (desc & 0x80) != 0;
        boolean sized = (desc & 0x40) != 0;
        int key = desc & 0x0f;
        String base;
        if (key == 0) {
            int n = d[i++] & 0xff;
            base = new String(d, i, n, StandardCharsets.UTF_8);
            i += n;
        } else {
            base = switch (key) {
                case 1 -> "int";
                case 2 -> "uint";
                case 3 -> "address";
                case 4 -> "bool";
                case 5 -> "string";
                default -> "bytes";
            };
        }
        if (sized) {
            int size = d[i++] & 0xff;
            base += (key == 1 || key == 2) ? String.valueOf(size * 8) : String.valueOf(size);
        }
        StringBuilder type = new StringBuilder(base);
        if (array) {
            int levels = d[i++] & 0xff;
            for (int l = 0; l < levels; l++) {
                type.append(d[i++] == 0 ? "[]" : "[" + (d[i++] & 0xff) + "]");
            }
        }
        int n = d[i++] & 0xff;
        return new String[] {new String(d, i, n, StandardCharsets.UTF_8), type.toString()};
    }

    byte[] implementation(int p1, int p2, byte[] data) {
        switch (p2) {
            case 0x00 -> events.add("root:" + new String(data, StandardCharsets.UTF_8));
            case 0x0F -> events.add(data[0] & 0xff);
            default -> {
                partial.writeBytes(data);
                if (p1 == 0x00) {
                    byte[] all = partial.toByteArray();
                    partial.reset();
                    events.add(java.util.Arrays.copyOfRange(all, 2, all.length));
                }
            }
        }
        return EmulatedSpeculos.sw(new byte[0], 0x9000);
    }

    /** The EIP-712 digest of the rebuilt document. */
    byte[] digest() {
        Deque<Object> queue = new ArrayDeque<>(events);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode typesNode = root.putObject("types");
        types.forEach((name, fields) -> {
            ArrayNode a = typesNode.putArray(name);
            for (String[] f : fields) {
                a.addObject().put("name", f[0]).put("type", f[1]);
            }
        });
        String domainRoot = ((String) queue.poll()).substring(5);
        root.set("domain", struct(domainRoot, queue));
        String primary = ((String) queue.poll()).substring(5);
        root.put("primaryType", primary);
        root.set("message", struct(primary, queue));
        events.clear();
        return new TypedData(root.toString()).digest();
    }

    private JsonNode struct(String name, Deque<Object> queue) {
        ObjectNode o = JSON.createObjectNode();
        for (String[] f : types.get(name)) {
            o.set(f[0], value(f[1], queue));
        }
        return o;
    }

    private JsonNode value(String type, Deque<Object> queue) {
        if (type.endsWith("]")) {
            int count = (Integer) queue.poll();
            String element = type.substring(0, type.lastIndexOf('['));
            ArrayNode a = JSON.createArrayNode();
            for (int i = 0; i < count; i++) {
                a.add(value(element, queue));
            }
            return a;
        }
        if (types.containsKey(type)) {
            return struct(type, queue);
        }
        byte[] b = (byte[]) queue.poll();
        if (type.startsWith("uint")) {
            return JSON.getNodeFactory().stringNode(new BigInteger(1, b).toString());
        }
        if (type.startsWith("int")) {
            return JSON.getNodeFactory().stringNode(new BigInteger(b).toString());
        }
        if (type.equals("bool")) {
            return JSON.getNodeFactory().booleanNode(b.length > 0 && b[0] != 0);
        }
        if (type.equals("string")) {
            return JSON.getNodeFactory().stringNode(new String(b, StandardCharsets.UTF_8));
        }
        return JSON.getNodeFactory().stringNode(Hex.encode(b));
    }
}
