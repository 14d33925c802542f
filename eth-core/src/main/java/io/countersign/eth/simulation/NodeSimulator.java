package io.countersign.eth.simulation;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.rpc.EthRpc;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Runs one call on a node, at a pinned block, with state overrides, by the best method the node
 * offers, and returns what happened in execution order:
 *
 * <ol>
 *   <li>{@code eth_simulateV1} with {@code traceTransfers} (geth 1.14.8+, Nethermind, Reth, Erigon,
 *       anvil): logs and ether movements (as ERC-7528 pseudo-logs), gas used.</li>
 *   <li>{@code debug_traceCall} with the {@code callTracer} and {@code withLog} (geth, Erigon, Reth,
 *       anvil; most hosted nodes keep {@code debug_} closed): the call tree, whose value-carrying
 *       frames are the ether movements and whose logs are the events; failed frames and everything
 *       under them are left out, as the chain would.</li>
 *   <li>{@code eth_call} with the override set (every node): success and return data only; no
 *       movement can be seen, and the result says so.</li>
 * </ol>
 *
 * A method the node does not offer (any JSON-RPC error answer) passes to the next one; a node that
 * cannot be reached stops the simulation. Every method runs at one block number, given by the
 * caller or read first ({@code eth_blockNumber}), so the result names the state it started from.
 */
public final class NodeSimulator {
    private NodeSimulator() {}

    /** The methods in order of preference, by their JSON-RPC names. */
    public static final List<String> METHODS = List.of("eth_simulateV1", "debug_traceCall", "eth_call");

    /**
     * A state override for one account.
     *
     * @param balance the balance to assume, wei
     * @param stateDiff storage slots to replace (slot → 32-byte value); other slots keep their state
     */
    public record AccountOverride(Optional<BigInteger> balance, Map<BigInteger, byte[]> stateDiff) {
        public AccountOverride {
            stateDiff = Map.copyOf(stateDiff);
        }
    }

    /**
     * The call to simulate.
     *
     * @param gasPrice the {@code tx.gasprice} to run with, when it matters (a Safe's ether refund)
     */
    public record CallRequest(Address from, Address to, byte[] data, Optional<BigInteger> gasPrice,
            Map<Address, AccountOverride> overrides) {
        public CallRequest {
            data = data.clone();
            overrides = Map.copyOf(overrides);
        }
    }

    /** One thing that happened, in execution order. */
    public sealed interface Event {
        /** A log that was not rolled back. */
        record Logged(Events.Log log) implements Event {}

        /** Ether moved by a call frame that was not rolled back. */
        record Value(Transfer transfer) implements Event {}
    }

    /**
     * What the node reported.
     *
     * @param success whether the top-level call returned (did not revert)
     * @param returnData the top-level call's return or revert data
     * @param gasUsed empty for {@code eth_call}
     * @param movementsSeen false for {@code eth_call}
     * @param innerRevert the revert data of the innermost failed call frame, when the method shows
     *     frames ({@code debug_traceCall}); for the other methods, the top-level revert data
     */
    public record Run(String method, BigInteger block, boolean success, byte[] returnData, Optional<BigInteger> gasUsed,
            boolean movementsSeen, List<Event> events, Optional<byte[]> innerRevert, List<String> notes) {
        public Run {
            events = List.copyOf(events);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Runs {@code call} by the first of {@code methods} the node answers.
     *
     * @param methods a subset of {@link #METHODS}, in the order to try
     * @throws EthException.RpcException when the node cannot be reached, or answers none of the methods
     */
    public static Run run(EthRpc rpc, CallRequest call, List<String> methods) {
        return run(rpc, call, methods, EthRpc.blockNumber(rpc.client().call("eth_blockNumber"), "eth_blockNumber"));
    }

    /**
     * Runs {@code call} at {@code block} (a number the caller read, e.g. in the batch that read the
     * Safe's state) by the first of {@code methods} the node answers. With {@code eth_simulateV1}
     * this is one request.
     *
     * @param block the block whose state the call runs on
     * @throws EthException.RpcException when the node cannot be reached, answers none of the
     *     methods, or answers {@code eth_simulateV1} for another block
     */
    public static Run run(EthRpc rpc, CallRequest call, List<String> methods, BigInteger block) {
        List<String> notes = new ArrayList<>();
        EthException.RpcException last = null;
        for (String m : methods) {
            try {
                Run r = switch (m) {
                    case "eth_simulateV1" -> simulateV1(rpc, call, block, notes);
                    case "debug_traceCall" -> traceCall(rpc, call, block, notes);
                    case "eth_call" -> ethCall(rpc, call, block, notes);
                    default -> throw new IllegalArgumentException("unknown simulation method " + m + "; one of " + METHODS);
                };
                return r;
            } catch (EthException.RpcException e) {
                if (e.code() == null) {
                    throw e;
                }
                notes.add(m + " is not available on this node (" + e.getMessage() + ")");
                last = e;
            }
        }
        throw new EthException.RpcException("the node answers none of " + methods + " for a simulation"
                + (last == null ? "" : " (last: " + last.getMessage() + ")"), last == null ? null : last.code(), last);
    }

    private static Map<String, Object> tx(CallRequest c) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", c.from().toLowerHex());
        tx.put("to", c.to().toLowerHex());
        tx.put("data", Hex.encode(c.data()));
        c.gasPrice().ifPresent(p -> tx.put("gasPrice", "0x" + p.toString(16)));
        return tx;
    }

    private static Map<String, Object> overrides(CallRequest c) {
        Map<String, Object> all = new LinkedHashMap<>();
        c.overrides().forEach((a, o) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            o.balance().ifPresent(b -> one.put("balance", "0x" + b.toString(16)));
            if (!o.stateDiff().isEmpty()) {
                Map<String, Object> diff = new LinkedHashMap<>();
                o.stateDiff().forEach((slot, value) -> diff.put(Hex.encode(word(slot)), Hex.encode(value)));
                one.put("stateDiff", diff);
            }
            all.put(a.toLowerHex(), one);
        });
        return all;
    }

    private static byte[] word(BigInteger v) {
        byte[] out = new byte[32];
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    private static String hexBlock(BigInteger block) {
        return "0x" + block.toString(16);
    }

    private static Run simulateV1(EthRpc rpc, CallRequest c, BigInteger block, List<String> notes) {
        Map<String, Object> stateCall = new LinkedHashMap<>();
        stateCall.put("stateOverrides", overrides(c));
        stateCall.put("calls", List.of(tx(c)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("blockStateCalls", List.of(stateCall));
        payload.put("traceTransfers", true);
        payload.put("validation", false);
        JsonNode result = rpc.client().call("eth_simulateV1", payload, hexBlock(block));
        JsonNode call = result.path(0).path("calls").path(0);
        if (!result.isArray() || result.size() != 1 || !call.isObject() || result.get(0).path("calls").size() != 1) {
            throw new EthException.RpcException("eth_simulateV1 answered without the call's result", -32603, null);
        }
        // the simulated block is built on `block`: geth numbers it block + 1 (the spec), anvil 1.x numbers it block;
        // any other number is a node answering about some other state
        BigInteger simulated = EthRpc.blockNumber(result.get(0).get("number"), "eth_simulateV1 (the simulated block's number)");
        if (!simulated.equals(block) && !simulated.equals(block.add(BigInteger.ONE))) {
            throw new EthException.RpcException("the node answered eth_simulateV1 at block " + block + " with a simulated block "
                    + "numbered " + simulated + ": it did not simulate on the state asked for; its answer is not used", null, null);
        }
        boolean success = "0x1".equals(call.path("status").asString(""));
        byte[] ret = Hex.decode(call.path("returnData").asString("0x"), "eth_simulateV1 returnData");
        List<Event> events = new ArrayList<>();
        for (JsonNode log : call.path("logs")) {
            Events.Log l = log(log, "eth_simulateV1 log");
            List<Transfer> ether = l.address().equals(Events.NATIVE_PSEUDO_TOKEN) ? Events.transfers(l) : List.of();
            if (!ether.isEmpty()) {
                events.add(new Event.Value(ether.getFirst()));
            } else {
                events.add(new Event.Logged(l));
            }
        }
        Optional<byte[]> revert = success ? Optional.empty() : Optional.of(ret);
        if (!success && ret.length == 0 && call.path("error").path("data").isString()) {
            revert = Optional.of(Hex.decode(call.path("error").path("data").asString(), "eth_simulateV1 error data"));
        }
        return new Run("eth_simulateV1", block, success, ret, Optional.of(EthRpc.quantity(call.path("gasUsed"))), true,
                events, revert, notes);
    }

    private static Run traceCall(EthRpc rpc, CallRequest c, BigInteger block, List<String> notes) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tracer", "callTracer");
        config.put("tracerConfig", Map.of("withLog", true));
        config.put("stateOverrides", overrides(c));
        JsonNode frame = rpc.client().call("debug_traceCall", tx(c), hexBlock(block), config);
        if (!frame.isObject()) {
            throw new EthException.RpcException("debug_traceCall answered without a call frame", -32603, null);
        }
        boolean success = !frame.has("error");
        byte[] ret = Hex.decode(frame.path("output").asString("0x"), "debug_traceCall output");
        List<Event> events = new ArrayList<>();
        if (success) {
            walk(frame, events);
        }
        return new Run("debug_traceCall", block, success, ret, Optional.of(EthRpc.quantity(frame.path("gasUsed"))), true,
                events, innermostRevert(frame), notes);
    }

    /** Adds the frame's ether movement, then its logs and sub-calls interleaved by each log's {@code position}. */
    private static void walk(JsonNode frame, List<Event> out) {
        String type = frame.path("type").asString("");
        BigInteger value = frame.has("value") && !frame.get("value").isNull() ? EthRpc.quantity(frame.get("value")) : BigInteger.ZERO;
        if (value.signum() > 0 && (type.equals("CALL") || type.startsWith("CREATE") || type.equals("SELFDESTRUCT"))) {
            out.add(new Event.Value(Transfer.nativeTransfer(Address.parse(frame.path("from").asString(), "trace from"),
                    Address.parse(frame.path("to").asString(), "trace to"), value)));
        }
        List<JsonNode> calls = new ArrayList<>();
        frame.path("calls").forEach(calls::add);
        int nextCall = 0;
        for (JsonNode log : frame.path("logs")) {
            int position = log.has("position") ? (int) Math.min(EthRpc.quantity(log.get("position")).longValue(), calls.size())
                    : 0;
            while (nextCall < position) {
                child(calls.get(nextCall++), out);
            }
            out.add(new Event.Logged(log(log, "debug_traceCall log")));
        }
        while (nextCall < calls.size()) {
            child(calls.get(nextCall++), out);
        }
    }

    private static void child(JsonNode frame, List<Event> out) {
        if (!frame.has("error")) {
            walk(frame, out);
        }
    }

    /** The first failed frame in call order, then down its last failed child while there is one. */
    private static Optional<byte[]> innermostRevert(JsonNode root) {
        JsonNode failed = firstFailed(root);
        if (failed == null) {
            return Optional.empty();
        }
        while (true) {
            JsonNode deeper = null;
            for (JsonNode c : failed.path("calls")) {
                if (c.has("error")) {
                    deeper = c;
                }
            }
            if (deeper == null) {
                break;
            }
            failed = deeper;
        }
        return Optional.of(Hex.decode(failed.path("output").asString("0x"), "debug_traceCall output"));
    }

    private static JsonNode firstFailed(JsonNode frame) {
        if (frame.has("error")) {
            return frame;
        }
        for (JsonNode c : frame.path("calls")) {
            JsonNode f = firstFailed(c);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static Run ethCall(EthRpc rpc, CallRequest c, BigInteger block, List<String> notes) {
        notes.add("eth_call shows whether the transaction succeeds, not what it moves: no transfer, approval or Safe change "
                + "could be seen");
        try {
            JsonNode r = rpc.client().call("eth_call", tx(c), hexBlock(block), overrides(c));
            byte[] ret = Hex.decode(r.asString(), "eth_call result");
            return new Run("eth_call", block, true, ret, Optional.empty(), false, List.of(), Optional.empty(), notes);
        } catch (EthException.RpcException e) {
            // a revert is an error answer carrying the revert data (code 3 in geth and anvil)
            if (e.data().isPresent() && e.data().get().startsWith("0x")) {
                byte[] data = Hex.decode(e.data().get(), "eth_call revert data");
                return new Run("eth_call", block, false, data, Optional.empty(), false, List.of(), Optional.of(data), notes);
            }
            if (e.code() != null && e.getMessage().contains("revert")) {
                return new Run("eth_call", block, false, new byte[0], Optional.empty(), false, List.of(),
                        Optional.of(new byte[0]), notes);
            }
            throw e;
        }
    }

    private static Events.Log log(JsonNode log, String what) {
        List<byte[]> topics = new ArrayList<>();
        for (JsonNode t : log.path("topics")) {
            topics.add(Hex.decode(t.asString(), what + " topic", 32));
        }
        return new Events.Log(Address.parse(log.path("address").asString(), what + " address"), topics,
                Hex.decode(log.path("data").asString("0x"), what + " data"));
    }

    /**
     * Revert data for a person: {@code Error(string)} as its text, {@code Panic(uint256)} as
     * {@code "panic 0x11"}, anything else as its selector and length, empty data as {@code "no reason given"}.
     */
    public static String revertText(byte[] data) {
        if (data.length == 0) {
            return "no reason given";
        }
        if (data.length >= 68 && Hex.encode(java.util.Arrays.copyOf(data, 4)).equals("0x08c379a0")) {
            BigInteger offset = new BigInteger(1, java.util.Arrays.copyOfRange(data, 4, 36));
            if (offset.equals(BigInteger.valueOf(32))) {
                BigInteger len = new BigInteger(1, java.util.Arrays.copyOfRange(data, 36, 68));
                if (len.bitLength() < 31 && 68 + len.intValue() <= data.length) {
                    String s = new String(data, 68, len.intValue(), java.nio.charset.StandardCharsets.UTF_8);
                    return io.countersign.eth.DisplayText.escape(s);
                }
            }
        }
        if (data.length == 36 && Hex.encode(java.util.Arrays.copyOf(data, 4)).equals("0x4e487b71")) {
            return "panic 0x" + new BigInteger(1, java.util.Arrays.copyOfRange(data, 4, 36)).toString(16);
        }
        return "custom error " + Hex.encode(java.util.Arrays.copyOf(data, Math.min(4, data.length))) + " (" + data.length
                + " bytes of revert data)";
    }
}
