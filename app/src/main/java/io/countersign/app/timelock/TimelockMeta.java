package io.countersign.app.timelock;

import io.countersign.app.session.CountersignException;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.multisig.SafeRequest;
import io.countersign.timelock.CompoundTransaction;
import io.countersign.timelock.OperationId;
import io.countersign.timelock.Salt;
import io.countersign.timelock.TimelockCall;
import io.countersign.timelock.TimelockOperation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The timelock step a Safe request carries in {@code meta.timelock}: enough to name the operation
 * again later (the salt above all), so {@code timelock execute --from-request} can rebuild the
 * execute step from the scheduling request.
 *
 * <pre>
 * OpenZeppelin: {"flavor":"openzeppelin", "step":"schedule|execute|cancel", "timelock":"0x…", "id":"0x…",
 *                "batch":false, "calls":[{"target","value","data"}], "predecessor":"0x…", "salt":"0x…",
 *                "delay":"3600"}            (calls…salt absent for a cancel by id; delay only for schedule)
 * Compound:     {"flavor":"compound", "step":"queue|execute|cancel", "timelock":"0x…", "id":"0x…txHash",
 *                "target":"0x…", "value":"0", "signature":"transfer(address,uint256)", "data":"0x…", "eta":"1900000000"}
 * </pre>
 *
 * Values, delays and etas are decimal strings (wei, seconds, seconds since the epoch).
 */
public sealed interface TimelockMeta {
    ObjectMapper JSON = new ObjectMapper();

    /** What the Safe asks the timelock to do. Compound calls SCHEDULE {@code queue}. */
    enum Step {
        SCHEDULE, EXECUTE, CANCEL;

        String id(TimelockFlavor flavor) {
            return flavor == TimelockFlavor.COMPOUND && this == SCHEDULE ? "queue" : name().toLowerCase(Locale.ROOT);
        }

        static Step parse(String text) {
            return switch (text) {
                case "schedule", "queue" -> SCHEDULE;
                case "execute" -> EXECUTE;
                case "cancel" -> CANCEL;
                default -> throw new CountersignException.Refused("meta.timelock.step '" + text + "' is not schedule, queue, execute or cancel");
            };
        }
    }

    TimelockFlavor flavor();

    /**
     * The flavour named by {@code --flavor} or a file: {@code oz}, {@code openzeppelin} or
     * {@code compound} (any case; {@link TimelockFlavor#named}).
     *
     * @throws CountersignException.Usage for anything else, naming what was given
     */
    static TimelockFlavor parseFlavor(String text) {
        return TimelockFlavor.named(text).orElseThrow(() -> new CountersignException.Usage(
                "--flavor must be oz (OpenZeppelin TimelockController) or compound, got '" + text + "'"));
    }

    Step step();

    Address timelock();

    /** The operation id (Compound: the transaction hash). */
    OperationId id();

    /** The {@code meta.timelock} object. */
    ObjectNode toJson();

    /**
     * An OpenZeppelin step.
     *
     * @param operation the calls, predecessor and salt; empty only for a cancel by id
     * @param delay seconds, for a schedule
     */
    record Oz(Step step, Address timelock, OperationId id, Optional<TimelockOperation> operation, Optional<BigInteger> delay)
            implements TimelockMeta {
        public TimelockFlavor flavor() {
            return TimelockFlavor.OPENZEPPELIN;
        }

        public ObjectNode toJson() {
            ObjectNode n = head(this);
            operation.ifPresent(op -> {
                n.put("batch", op.batch());
                ArrayNode calls = n.putArray("calls");
                for (TimelockCall c : op.calls()) {
                    calls.addObject().put("target", c.target().toString()).put("value", c.value().toString())
                            .put("data", Hex.encode(c.data()));
                }
                n.put("predecessor", op.predecessor().toString());
                n.put("salt", op.salt().toString());
            });
            delay.ifPresent(d -> n.put("delay", d.toString()));
            return n;
        }
    }

    /** A Compound step; {@code id} is the transaction's hash. */
    record Compound(Step step, Address timelock, CompoundTransaction transaction) implements TimelockMeta {
        public TimelockFlavor flavor() {
            return TimelockFlavor.COMPOUND;
        }

        public OperationId id() {
            return transaction.txHash();
        }

        public ObjectNode toJson() {
            ObjectNode n = head(this);
            n.put("target", transaction.target().toString());
            n.put("value", transaction.value().toString());
            n.put("signature", transaction.signature());
            n.put("data", Hex.encode(transaction.data()));
            n.put("eta", transaction.eta().toString());
            return n;
        }
    }

    private static ObjectNode head(TimelockMeta m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("flavor", m.flavor().id());
        n.put("step", m.step().id(m.flavor()));
        n.put("timelock", m.timelock().toString());
        n.put("id", m.id().toString());
        return n;
    }

    /**
     * Reads {@code meta.timelock} from a request.
     *
     * @throws CountersignException.Refused if the request has none, or its id does not match the
     *     calls, predecessor and salt it stores (an edited file)
     */
    static TimelockMeta of(SafeRequest request) {
        JsonNode t = request.meta().path("timelock");
        if (!t.isObject()) {
            throw new CountersignException.Refused("the request has no meta.timelock: it was not written by a timelock command");
        }
        try {
            return parse(t);
        } catch (CountersignException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CountersignException.Refused("the request's meta.timelock is damaged: " + e.getMessage());
        }
    }

    private static TimelockMeta parse(JsonNode t) {
        TimelockFlavor flavor = parseFlavor(t.path("flavor").asString(""));
        Step step = Step.parse(t.path("step").asString(""));
        Address timelock = Address.parse(t.path("timelock").asString(""), "meta.timelock.timelock");
        OperationId id = OperationId.parse(t.path("id").asString(""), "meta.timelock.id");
        TimelockMeta meta;
        if (flavor == TimelockFlavor.COMPOUND) {
            meta = new Compound(step, timelock, new CompoundTransaction(Address.parse(t.path("target").asString(""), "meta.timelock.target"),
                    new BigInteger(t.path("value").asString("0")), t.path("signature").asString(""),
                    Hex.decode(t.path("data").asString("0x"), "meta.timelock.data"), new BigInteger(t.path("eta").asString(""))));
        } else {
            Optional<TimelockOperation> op = Optional.empty();
            if (t.has("calls")) {
                List<TimelockCall> calls = new ArrayList<>();
                for (JsonNode c : t.path("calls")) {
                    calls.add(new TimelockCall(Address.parse(c.path("target").asString(""), "meta.timelock.calls.target"),
                            new BigInteger(c.path("value").asString("0")), Hex.decode(c.path("data").asString("0x"), "meta.timelock.calls.data")));
                }
                op = Optional.of(new TimelockOperation(calls, OperationId.parse(t.path("predecessor").asString(""), "meta.timelock.predecessor"),
                        Salt.parse(t.path("salt").asString("")), t.path("batch").asBoolean(false)));
            }
            Optional<BigInteger> delay = t.has("delay") ? Optional.of(new BigInteger(t.path("delay").asString())) : Optional.empty();
            meta = new Oz(step, timelock, id, op, delay);
        }
        if (meta instanceof Oz oz && oz.operation().isPresent() && !oz.operation().get().id().equals(id)
                || meta instanceof Compound c && !c.id().equals(id)) {
            throw new CountersignException.Refused("meta.timelock.id " + id + " does not match the operation the request stores: "
                    + "the file was edited");
        }
        return meta;
    }
}
