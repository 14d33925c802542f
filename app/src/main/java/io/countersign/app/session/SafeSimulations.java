package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.intent.TokenInfo;
import io.countersign.eth.simulation.NodeSimulator;
import io.countersign.eth.simulation.SafeConfigChange;
import io.countersign.eth.simulation.Simulation;
import io.countersign.eth.simulation.SimulationJson;
import io.countersign.eth.simulation.TokenApproval;
import io.countersign.eth.simulation.Transfer;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeSimulator;
import io.countersign.policy.Asset;
import io.countersign.policy.Policy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulating Safe requests for both faces (docs/simulation.md): runs {@link SafeSimulator} on the
 * session's node and journals it, stores the result in a request file's {@code meta.simulation},
 * reads a carried one back (as a claim of whoever wrote the file, never verified offline), and
 * renders the movements for a person.
 *
 * <p>{@code meta.simulation}: {@code {"method", "node", "block", "resultHash", "by", "at",
 * "result"}}, where {@code result} is {@link SimulationJson#toJson} and {@code resultHash} its
 * keccak256 ({@link SimulationJson#hash}).
 */
public final class SafeSimulations {
    private SafeSimulations() {}

    /** The {@code meta} member that carries a simulation. */
    public static final String META = "simulation";

    /**
     * Simulates {@code request} on the session's node and appends a SIMULATION journal entry.
     *
     * @param state the Safe's owners, threshold and nonce as the chain reports them
     * @param methods node methods to try ({@link NodeSimulator#METHODS} or a subset)
     * @throws CountersignException.Refused when the node cannot simulate it (say why)
     */
    public static Simulation run(AppContext ctx, SafeRequest request, io.countersign.multisig.SafeState state,
            List<String> methods) {
        return run(ctx, request, state, null, methods);
    }

    /**
     * As {@link #run(AppContext, SafeRequest, io.countersign.multisig.SafeState, List)}, on the
     * state of {@code snapshot}'s block: no block number is asked for, so with a node that offers
     * {@code eth_simulateV1} the simulation costs one request.
     */
    public static Simulation run(AppContext ctx, SafeRequest request, io.countersign.multisig.SafeState.Snapshot snapshot,
            List<String> methods) {
        return run(ctx, request, snapshot.state(), snapshot.block(), methods);
    }

    /**
     * As {@link #run(AppContext, SafeRequest, io.countersign.multisig.SafeState.Snapshot, List)},
     * unless this session already simulated the request at {@code snapshot}'s block on this node
     * with these methods: then that result, without asking the node and without another journal
     * entry ({@link AppContext#simulations}). For looking at a request; signing simulates afresh.
     */
    public static Simulation runCached(AppContext ctx, SafeRequest request, io.countersign.multisig.SafeState.Snapshot snapshot,
            List<String> methods) {
        return ctx.simulations().get(ctx.rpc("simulating").client().endpoint().toString(),
                request.hashes().safeTxHashHex(), snapshot.block(), methods, () -> run(ctx, request, snapshot, methods));
    }

    private static Simulation run(AppContext ctx, SafeRequest request, io.countersign.multisig.SafeState state,
            java.math.BigInteger block, List<String> methods) {
        Simulation s;
        try {
            s = SafeSimulator.simulate(ctx.rpc("simulating"), request, state.owners(), state.threshold(), state.nonce(), methods,
                    block);
        } catch (EthException e) {
            throw new CountersignException.Refused("the request could not be simulated: " + e.getMessage());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("safeTxHash", request.hashes().safeTxHashHex());
        p.put("method", s.method());
        p.put("node", s.node());
        p.put("block", s.block().toString());
        p.put("resultHash", SimulationJson.hash(s));
        p.put("success", s.success());
        p.put("outflows", s.outflows(request.safe()).size());
        ctx.journal().append(EntryKind.SIMULATION, p);
        return s;
    }

    /** Journals that a request was signed without a simulation, and why (e.g. {@code --no-simulate}). */
    public static void journalSkipped(AppContext ctx, SafeRequest request, String why) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("safeTxHash", request.hashes().safeTxHashHex());
        p.put("skipped", why);
        ctx.journal().append(EntryKind.SIMULATION, p);
    }

    /** {@code request} with {@code s} under {@code meta.simulation}, simulated for {@code by} at {@code at}. */
    public static SafeRequest withMeta(SafeRequest request, Simulation s, String by, Instant at) {
        ObjectNode meta = request.meta();
        ObjectNode sim = meta.putObject(META);
        sim.put("method", s.method());
        sim.put("node", s.node());
        sim.put("block", s.block().toString());
        sim.put("resultHash", SimulationJson.hash(s));
        sim.put("by", by);
        sim.put("at", at.toString());
        sim.set("result", SimulationJson.toJson(s));
        return new SafeRequest(request.chainId(), request.safe(), request.safeVersion(), request.tx(), request.owners(),
                request.threshold(), request.signatures(), meta);
    }

    /**
     * A simulation a request file carries: what another machine claims it saw. Nothing here was
     * checked against a chain; {@code hashMatches} says only that the result and its recorded
     * hash agree.
     */
    public record Carried(Simulation simulation, String by, String at, boolean hashMatches) {
        /** {@code "simulated at block N on <node> by <signer> (…); not verified on this machine"}. */
        public String label() {
            return "simulated at block " + simulation.block() + " on " + simulation.node() + " by " + by + " (" + at + ", "
                    + simulation.method() + ") — carried in the request file, not verified on this machine"
                    + (hashMatches ? "" : "; ITS RECORDED HASH DOES NOT MATCH ITS RESULT");
        }
    }

    /**
     * The simulation {@code request} carries, if any.
     *
     * @throws EthException.InvalidInputException when {@code meta.simulation} is present but malformed
     */
    public static Optional<Carried> carried(SafeRequest request) {
        JsonNode m = request.meta().get(META);
        if (m == null) {
            return Optional.empty();
        }
        String where = "meta." + META;
        if (!m.isObject()) {
            throw new EthException.InvalidInputException(where + ": expected an object");
        }
        Simulation s = SimulationJson.fromJson(m.get("result"), where + ".result");
        String hash = m.path("resultHash").isString() ? m.get("resultHash").asString() : "";
        return Optional.of(new Carried(s, io.countersign.eth.DisplayText.escape(m.path("by").asString("unknown")),
                io.countersign.eth.DisplayText.escape(m.path("at").asString("unknown time")),
                hash.equalsIgnoreCase(SimulationJson.hash(s))));
    }

    /** One line of what a simulation shows about a Safe. */
    public record Line(Kind kind, String text) {
        /** Value in, value out, something that needs attention, or neither. */
        public enum Kind { IN, OUT, WARNING, INFO }
    }

    /**
     * What the Safe sees, for a person: per asset the movements out of and into the Safe
     * (symbols and address-book names from {@code policy} when it has them), then the warnings
     * (failure, approvals set by the Safe, Safe configuration changes, what could not be seen).
     */
    public static List<Line> lines(Simulation s, Address safe, Optional<Policy> policy) {
        List<Line> out = new ArrayList<>();
        if (!s.success()) {
            out.add(new Line(Line.Kind.WARNING, "FAILS: " + s.revertReason().orElse("no reason given")));
        }
        if (!s.movementsSeen()) {
            out.add(new Line(Line.Kind.WARNING, s.method() + " shows no movements: what this moves is unknown"));
        }
        Map<String, List<Transfer>> byAsset = new LinkedHashMap<>();
        for (Transfer t : s.transfers()) {
            if ((t.from().equals(safe) || t.to().equals(safe)) && !t.from().equals(t.to()) && t.amount().signum() > 0) {
                byAsset.computeIfAbsent(t.asset() + t.tokenId().map(i -> "#" + i).orElse(""), k -> new ArrayList<>()).add(t);
            }
        }
        for (List<Transfer> ts : byAsset.values()) {
            for (Transfer t : ts) {
                boolean outflow = t.from().equals(safe);
                out.add(new Line(outflow ? Line.Kind.OUT : Line.Kind.IN, (outflow ? "out  " : "in   ") + amount(t, policy)
                        + (outflow ? " to " + name(t.to(), policy) : " from " + name(t.from(), policy))));
            }
        }
        if (byAsset.isEmpty() && s.movementsSeen()) {
            out.add(new Line(Line.Kind.INFO, "no value moves into or out of the Safe"));
        }
        for (TokenApproval a : s.approvalsBy(safe)) {
            out.add(new Line(Line.Kind.WARNING, "approval: " + a.describe()));
        }
        for (SafeConfigChange c : s.safeChanges()) {
            out.add(new Line(Line.Kind.WARNING, "Safe configuration: " + c.describe()));
        }
        s.gasUsed().ifPresent(g -> out.add(new Line(Line.Kind.INFO, "gas used " + g + "; " + s.provenance())));
        if (s.gasUsed().isEmpty()) {
            out.add(new Line(Line.Kind.INFO, s.provenance()));
        }
        return out;
    }

    private static String amount(Transfer t, Optional<Policy> policy) {
        return switch (t.standard()) {
            case NATIVE -> TokenInfo.grouped(new BigDecimal(t.amount(), 18).stripTrailingZeros()) + " ETH";
            case ERC20 -> {
                Asset a = Asset.token(t.token().orElseThrow());
                Optional<Integer> decimals = policy.flatMap(p -> p.decimals(a));
                String symbol = policy.map(p -> p.assetName(a)).orElse(t.asset());
                yield decimals.map(d -> TokenInfo.grouped(new BigDecimal(t.amount(), d).stripTrailingZeros()) + " " + symbol)
                        .orElse(t.amount() + " base units of " + symbol);
            }
            case ERC721 -> "ERC-721 #" + t.tokenId().orElseThrow() + " of " + name(t.token().orElseThrow(), policy);
            case ERC1155 -> t.amount() + " × ERC-1155 #" + t.tokenId().orElseThrow() + " of " + name(t.token().orElseThrow(), policy);
        };
    }

    private static String name(Address a, Optional<Policy> policy) {
        return policy.map(p -> p.describe(a)).orElse(a.toString());
    }
}
