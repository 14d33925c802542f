package io.countersign.policy;

import io.countersign.eth.Address;
import io.countersign.eth.Operation;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.GasRefund;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.SafeSelfCall;
import io.countersign.eth.intent.TimelockStep;
import io.countersign.eth.intent.TokenApprove;
import io.countersign.eth.intent.TokenIncreaseAllowance;
import io.countersign.eth.intent.TokenTransfer;
import io.countersign.eth.intent.TokenTransferFrom;
import io.countersign.eth.simulation.SafeConfigChange;
import io.countersign.eth.simulation.Simulation;
import io.countersign.eth.simulation.TokenApproval;
import io.countersign.eth.simulation.Transfer;
import io.countersign.policy.Reason.Outcome;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The gate's cross-check of a simulation against the decoded intents (docs/simulation.md): what
 * the chain says the request does must be accounted for by what the decoder says it does.
 *
 * <p>Denied, each with a finding naming the movement (rule id {@code simulation}):
 * <ul>
 *   <li>a simulation in which the SafeTx's call fails (with the revert reason);</li>
 *   <li>an outflow from the Safe (ether or any token, any recipient, amount above zero) that no
 *       intent accounts for: an ether value of a call the Safe makes (top level or a MultiSend leg)
 *       to that address with that amount; an ERC-20 {@code transfer} (or a {@code transferFrom}
 *       from the Safe) of that token to that recipient with that amount; the gas refund in its
 *       token to its receiver (to the simulation's sender when the receiver is {@code tx.origin}),
 *       at most its worst case. Each intent accounts for one movement;</li>
 *   <li>an approval set over the Safe's tokens (ERC-20 {@code Approval} with a non-zero value,
 *       ERC-721 {@code Approval}, {@code ApprovalForAll} granted) that no {@code approve} (exact
 *       amount) or {@code increaseAllowance} (at least its amount) of the same token and spender
 *       accounts for;</li>
 *   <li>a Safe configuration event that no decoded Safe self-call of the matching function
 *       accounts for (e.g. {@code addOwnerWithThreshold} accounts for {@code AddedOwner} of that
 *       owner and {@code ChangedThreshold}).</li>
 * </ul>
 * Only intents that run when the request executes are counted: top-level calls and the legs of a
 * listed MultiSend; the calls a timelock step schedules run later, from the timelock.
 *
 * <p>A simulation by {@code eth_call} sees no movement: the check then only requires success
 * and says that nothing was compared. Without a simulation the finding says so and allows.
 */
public final class SimulationCheck {
    private SimulationCheck() {}

    /** What the gate knows about the request's execution. */
    public sealed interface Evidence {
        /** The request was simulated (on this machine, just now). */
        record Simulated(Simulation simulation) implements Evidence {
            public Simulated {
                Objects.requireNonNull(simulation, "simulation");
            }
        }

        /** Nothing was simulated, and why (offline, {@code --no-simulate}). */
        record NotSimulated(String why) implements Evidence {
            public NotSimulated {
                Objects.requireNonNull(why, "why");
            }
        }
    }

    /** The rule id of every finding of this check. */
    public static final String RULE = "simulation";

    /**
     * The findings for one request.
     *
     * @param intents the decoded intents (top level)
     * @param safe the Safe executing
     * @param trusted whether a delegatecall target is trusted to do what its calldata says (a listed MultiSend)
     * @param maxTxGas bounds a gas refund's worst case (the policy's, or the gate's default)
     */
    static List<Reason> check(Policy p, List<Intent> intents, Address safe, Evidence evidence,
            java.util.function.Predicate<Address> trusted, long maxTxGas) {
        List<Reason> out = new ArrayList<>();
        if (evidence instanceof Evidence.NotSimulated n) {
            out.add(new Reason(RULE, Outcome.ALLOW, "", "nothing was simulated (" + n.why()
                    + "): the decoded calls are all the gate checked", Optional.empty()));
            return out;
        }
        Simulation s = ((Evidence.Simulated) evidence).simulation();
        if (!s.success()) {
            out.add(PolicyGate.deny(RULE, "", "the simulation (" + s.provenance() + ") shows the transaction failing: "
                    + s.revertReason().orElse("no reason given") + "; a failing request is never signed"));
        }
        if (!s.movementsSeen()) {
            out.add(new Reason(RULE, Outcome.ALLOW, "", s.provenance() + ": it succeeds, but " + s.method()
                    + " shows no movements, so none were compared with the decoded calls", Optional.empty()));
            return out;
        }
        List<Expected> expected = new ArrayList<>();
        List<Intent> executed = new ArrayList<>();
        walk(intents, trusted, executed);
        for (Intent i : executed) {
            expect(i, safe, s.sender(), maxTxGas, expected);
        }
        for (Transfer t : s.outflows(safe)) {
            Optional<Expected> match = expected.stream().filter(e -> !e.used && e.covers(t)).findFirst();
            if (match.isPresent()) {
                match.get().used = true;
            } else {
                out.add(PolicyGate.deny(RULE, "", "the simulation shows " + describe(p, t)
                        + " leaving the Safe, which no decoded call accounts for (" + s.provenance() + ")"));
            }
        }
        List<ExpectedApproval> approvals = new ArrayList<>();
        for (Intent i : executed) {
            switch (i) {
                case TokenApprove a -> approvals.add(new ExpectedApproval(a.token(), a.counterparty(), a.amount(), true));
                case TokenIncreaseAllowance a -> approvals.add(new ExpectedApproval(a.token(), a.counterparty(), a.amount(), false));
                default -> { }
            }
        }
        for (TokenApproval a : s.approvalsBy(safe)) {
            if (!a.grants()) {
                continue;
            }
            boolean ok = a.kind() == TokenApproval.Kind.ERC20 && approvals.stream().anyMatch(e -> e.token.equals(a.token())
                    && e.spender.equals(a.spender()) && (e.exact ? e.amount.equals(a.amount()) : a.amount().compareTo(e.amount) >= 0));
            if (!ok) {
                out.add(PolicyGate.deny(RULE, "", "the simulation shows an " + a.describe().replace(a.spender().toString(),
                        p.describe(a.spender())) + " set by the Safe, which no decoded approve accounts for ("
                        + s.provenance() + ")"));
            }
        }
        List<SafeSelfCall> selfCalls = executed.stream().filter(SafeSelfCall.class::isInstance).map(SafeSelfCall.class::cast)
                .toList();
        for (SafeConfigChange c : s.safeChanges()) {
            if (selfCalls.stream().noneMatch(sc -> accounts(sc, c))) {
                out.add(PolicyGate.deny(RULE, "", "the simulation shows the Safe's configuration change "
                        + c.describe() + ", which no decoded Safe call accounts for (" + s.provenance() + ")"));
            }
        }
        if (out.isEmpty()) {
            out.add(new Reason(RULE, Outcome.ALLOW, "", s.provenance() + ": " + s.outflows(safe).size()
                    + " outflow(s), " + s.approvalsBy(safe).size() + " approval(s) and " + s.safeChanges().size()
                    + " Safe change(s), each accounted for by the decoded calls", Optional.empty()));
        }
        return out;
    }

    /** The intents that run when the request executes, as the Safe: top level and a trusted delegatecall's legs. */
    private static void walk(List<Intent> intents, java.util.function.Predicate<Address> trusted, List<Intent> out) {
        for (Intent i : intents) {
            out.add(i);
            if (i instanceof DelegateCall d && trusted.test(d.target())) {
                walk(d.inner(), trusted, out);
            }
        }
    }

    private static void expect(Intent i, Address safe, Address sender, long maxTxGas, List<Expected> out) {
        if (!(i instanceof GasRefund) && !(i instanceof DelegateCall) && i.call().operation() == Operation.CALL
                && i.call().value().signum() > 0) {
            out.add(new Expected(Optional.empty(), i.call().to(), i.call().value(), true));
        }
        switch (i) {
            case TokenTransfer t -> out.add(new Expected(Optional.of(t.token()), t.to(), t.amount(), true));
            case TokenTransferFrom t when t.from().equals(safe) ->
                    out.add(new Expected(Optional.of(t.token()), t.to(), t.amount(), true));
            case GasRefund g -> out.add(new Expected(g.gasToken(), g.receiver().orElse(sender), g.worstCase(maxTxGas), false));
            case TimelockStep t -> { }
            default -> { }
        }
    }

    private static boolean accounts(SafeSelfCall call, SafeConfigChange c) {
        Set<SafeConfigChange.Kind> kinds = switch (call.change()) {
            case ADD_OWNER_WITH_THRESHOLD -> EnumSet.of(SafeConfigChange.Kind.OWNER_ADDED, SafeConfigChange.Kind.THRESHOLD_CHANGED);
            case REMOVE_OWNER -> EnumSet.of(SafeConfigChange.Kind.OWNER_REMOVED, SafeConfigChange.Kind.THRESHOLD_CHANGED);
            case SWAP_OWNER -> EnumSet.of(SafeConfigChange.Kind.OWNER_REMOVED, SafeConfigChange.Kind.OWNER_ADDED);
            case CHANGE_THRESHOLD -> EnumSet.of(SafeConfigChange.Kind.THRESHOLD_CHANGED);
            case ENABLE_MODULE -> EnumSet.of(SafeConfigChange.Kind.MODULE_ENABLED);
            case DISABLE_MODULE -> EnumSet.of(SafeConfigChange.Kind.MODULE_DISABLED);
            case SET_GUARD -> EnumSet.of(SafeConfigChange.Kind.GUARD_CHANGED);
            case SET_FALLBACK_HANDLER -> EnumSet.of(SafeConfigChange.Kind.FALLBACK_HANDLER_CHANGED);
        };
        if (!kinds.contains(c.kind())) {
            return false;
        }
        // an address the event names must be one of the call's address arguments
        return c.address().isEmpty() || call.args().stream().anyMatch(a -> a.value().equalsIgnoreCase(c.address().get().toString()));
    }

    private static String describe(Policy p, Transfer t) {
        return switch (t.standard()) {
            case NATIVE, ERC20 -> t.amount() + " base units of " + p.assetName(t.token().map(Asset::token).orElse(Asset.NATIVE))
                    + " to " + p.describe(t.to());
            case ERC721 -> "ERC-721 token id " + t.tokenId().orElseThrow() + " of " + p.describe(t.token().orElseThrow())
                    + " to " + p.describe(t.to());
            case ERC1155 -> t.amount() + " of ERC-1155 token id " + t.tokenId().orElseThrow() + " of "
                    + p.describe(t.token().orElseThrow()) + " to " + p.describe(t.to());
        };
    }

    /** One movement an intent accounts for: exact amount, or up to a bound (a refund). */
    private static final class Expected {
        final Optional<Address> token;
        final Address to;
        final BigInteger amount;
        final boolean exact;
        boolean used;

        Expected(Optional<Address> token, Address to, BigInteger amount, boolean exact) {
            this.token = token;
            this.to = to;
            this.amount = amount;
            this.exact = exact;
        }

        boolean covers(Transfer t) {
            boolean standard = t.standard() == Transfer.Standard.NATIVE || t.standard() == Transfer.Standard.ERC20;
            return standard && t.token().equals(token) && t.to().equals(to)
                    && (exact ? t.amount().equals(amount) : t.amount().compareTo(amount) <= 0);
        }
    }

    private record ExpectedApproval(Address token, Address spender, BigInteger amount, boolean exact) {}
}
