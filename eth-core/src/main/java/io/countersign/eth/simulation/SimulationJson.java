package io.countersign.eth.simulation;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Simulation} as JSON: what {@code safe simulate --json} prints and what a request file
 * carries under {@code meta.simulation.result}. Numbers are decimal strings; addresses EIP-55.
 *
 * <pre>
 * {"success": true, "revertReason": null, "gasUsed": "61234", "block": "17",
 *  "method": "eth_simulateV1", "node": "http://127.0.0.1:8545", "movementsSeen": true,
 *  "sender": "0x…",
 *  "transfers": [{"asset": "0x…" | "native", "standard": "erc20", "from": "0x…", "to": "0x…",
 *                 "amount": "1000", "tokenId": "7" (ERC-721/1155 only)}],
 *  "approvals": [{"kind": "erc20" | "erc721" | "forAll", "token": "0x…", "owner": "0x…",
 *                 "spender": "0x…", "amount": "…"}],
 *  "safeChanges": [{"change": "ownerAdded", "address": "0x…"} | {"change": "thresholdChanged", "threshold": "2"}],
 *  "notes": ["…"]}
 * </pre>
 */
public final class SimulationJson {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SimulationJson() {}

    /** The JSON object, fields in the order above. */
    public static ObjectNode toJson(Simulation s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("success", s.success());
        if (s.revertReason().isPresent()) {
            o.put("revertReason", s.revertReason().get());
        } else {
            o.putNull("revertReason");
        }
        if (s.gasUsed().isPresent()) {
            o.put("gasUsed", s.gasUsed().get().toString());
        } else {
            o.putNull("gasUsed");
        }
        o.put("block", s.block().toString());
        o.put("method", s.method());
        o.put("node", s.node());
        o.put("movementsSeen", s.movementsSeen());
        o.put("sender", s.sender().toString());
        ArrayNode transfers = o.putArray("transfers");
        for (Transfer t : s.transfers()) {
            ObjectNode j = transfers.addObject();
            j.put("asset", t.asset());
            j.put("standard", t.standard().name().toLowerCase(java.util.Locale.ROOT));
            j.put("from", t.from().toString());
            j.put("to", t.to().toString());
            j.put("amount", t.amount().toString());
            t.tokenId().ifPresent(id -> j.put("tokenId", id.toString()));
        }
        ArrayNode approvals = o.putArray("approvals");
        for (TokenApproval a : s.approvals()) {
            ObjectNode j = approvals.addObject();
            j.put("kind", switch (a.kind()) {
                case ERC20 -> "erc20";
                case ERC721 -> "erc721";
                case FOR_ALL -> "forAll";
            });
            j.put("token", a.token().toString());
            j.put("owner", a.owner().toString());
            j.put("spender", a.spender().toString());
            j.put("amount", a.amount().toString());
        }
        ArrayNode changes = o.putArray("safeChanges");
        for (SafeConfigChange c : s.safeChanges()) {
            ObjectNode j = changes.addObject();
            j.put("change", c.kind().id());
            c.address().ifPresent(a -> j.put("address", a.toString()));
            c.threshold().ifPresent(t -> j.put("threshold", t.toString()));
        }
        ArrayNode notes = o.putArray("notes");
        s.notes().forEach(notes::add);
        return o;
    }

    /** keccak256 of the compact UTF-8 text of {@link #toJson}: what the journal and the request file record. */
    public static String hash(Simulation s) {
        return Hex.encode(Hash.sha3(toJson(s).toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Reads a simulation back, strictly: every field of {@link #toJson} must be present with its
     * type; the input is treated as attacker-written.
     *
     * @param where for messages, e.g. {@code "meta.simulation.result"}
     * @throws EthException.InvalidInputException naming the first field that is wrong
     */
    public static Simulation fromJson(JsonNode o, String where) {
        if (o == null || !o.isObject()) {
            throw bad(where, "expected an object");
        }
        List<Transfer> transfers = new ArrayList<>();
        int i = 0;
        for (JsonNode t : array(o, "transfers", where)) {
            String at = where + ".transfers[" + i++ + "]";
            Transfer.Standard standard = switch (text(t, "standard", at)) {
                case "native" -> Transfer.Standard.NATIVE;
                case "erc20" -> Transfer.Standard.ERC20;
                case "erc721" -> Transfer.Standard.ERC721;
                case "erc1155" -> Transfer.Standard.ERC1155;
                default -> throw bad(at + ".standard", "expected native, erc20, erc721 or erc1155");
            };
            String asset = text(t, "asset", at);
            Optional<Address> token = asset.equals("native") ? Optional.empty() : Optional.of(address(asset, at + ".asset"));
            Optional<BigInteger> tokenId = t.has("tokenId") ? Optional.of(number(t, "tokenId", at)) : Optional.empty();
            try {
                transfers.add(new Transfer(standard, token, address(text(t, "from", at), at + ".from"),
                        address(text(t, "to", at), at + ".to"), number(t, "amount", at), tokenId));
            } catch (IllegalArgumentException e) {
                throw bad(at, e.getMessage());
            }
        }
        List<TokenApproval> approvals = new ArrayList<>();
        i = 0;
        for (JsonNode a : array(o, "approvals", where)) {
            String at = where + ".approvals[" + i++ + "]";
            TokenApproval.Kind kind = switch (text(a, "kind", at)) {
                case "erc20" -> TokenApproval.Kind.ERC20;
                case "erc721" -> TokenApproval.Kind.ERC721;
                case "forAll" -> TokenApproval.Kind.FOR_ALL;
                default -> throw bad(at + ".kind", "expected erc20, erc721 or forAll");
            };
            approvals.add(new TokenApproval(kind, address(text(a, "token", at), at + ".token"),
                    address(text(a, "owner", at), at + ".owner"), address(text(a, "spender", at), at + ".spender"),
                    number(a, "amount", at)));
        }
        List<SafeConfigChange> changes = new ArrayList<>();
        i = 0;
        for (JsonNode c : array(o, "safeChanges", where)) {
            String at = where + ".safeChanges[" + i++ + "]";
            SafeConfigChange.Kind kind = SafeConfigChange.Kind.ofId(text(c, "change", at))
                    .orElseThrow(() -> bad(at + ".change", "not a Safe configuration change this version knows"));
            changes.add(new SafeConfigChange(kind,
                    c.has("address") ? Optional.of(address(text(c, "address", at), at + ".address")) : Optional.empty(),
                    c.has("threshold") ? Optional.of(number(c, "threshold", at)) : Optional.empty()));
        }
        List<String> notes = new ArrayList<>();
        i = 0;
        for (JsonNode n : array(o, "notes", where)) {
            if (!n.isString()) {
                throw bad(where + ".notes[" + i + "]", "expected a string");
            }
            notes.add(n.asString());
            i++;
        }
        JsonNode reason = o.get("revertReason");
        if (reason == null || !(reason.isNull() || reason.isString())) {
            throw bad(where + ".revertReason", "expected a string or null");
        }
        JsonNode gas = o.get("gasUsed");
        if (gas == null || !(gas.isNull() || gas.isString())) {
            throw bad(where + ".gasUsed", "expected a decimal string or null");
        }
        return new Simulation(text(o, "method", where), text(o, "node", where), number(o, "block", where),
                bool(o, "success", where), reason.isNull() ? Optional.empty() : Optional.of(reason.asString()),
                gas.isNull() ? Optional.empty() : Optional.of(number(o, "gasUsed", where)), bool(o, "movementsSeen", where),
                address(text(o, "sender", where), where + ".sender"), transfers, approvals, changes, notes);
    }

    private static Iterable<JsonNode> array(JsonNode o, String field, String where) {
        JsonNode a = o.get(field);
        if (a == null || !a.isArray()) {
            throw bad(where + "." + field, "expected an array");
        }
        return a;
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.isString()) {
            throw bad(where + "." + field, "expected a string");
        }
        return v.asString();
    }

    private static boolean bool(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.isBoolean()) {
            throw bad(where + "." + field, "expected true or false");
        }
        return v.asBoolean();
    }

    private static BigInteger number(JsonNode o, String field, String where) {
        String s = text(o, field, where);
        if (!s.matches("0|[1-9][0-9]{0,77}")) {
            throw bad(where + "." + field, "expected a decimal string without sign or leading zeros, found \"" + s + "\"");
        }
        BigInteger v = new BigInteger(s);
        if (v.bitLength() > 256) {
            throw bad(where + "." + field, "larger than 2^256 - 1");
        }
        return v;
    }

    private static Address address(String s, String where) {
        try {
            return Address.parse(s, where);
        } catch (RuntimeException e) {
            throw bad(where, e.getMessage());
        }
    }

    private static EthException.InvalidInputException bad(String where, String what) {
        return new EthException.InvalidInputException(where + ": " + what);
    }
}
