package io.countersign.policy;

import io.countersign.eth.Address;
import io.countersign.eth.intent.ContractCall;
import io.countersign.eth.Operation;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.GasRefund;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.MalformedCall;
import io.countersign.eth.intent.NativeTransfer;
import io.countersign.eth.intent.SafeSelfCall;
import io.countersign.eth.intent.TimelockStep;
import io.countersign.eth.intent.TokenIntent;
import io.countersign.eth.intent.UnknownCall;
import io.countersign.policy.Reason.Comparison;
import io.countersign.policy.Reason.Outcome;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate: intents + context → {@link Decision}. Pure: no I/O besides the context's ledger.
 *
 * <p>Every rule is evaluated against the whole request; each yields findings, and the strictest
 * wins: any DENY denies; otherwise an unmet timelock requirement gives
 * {@link Decision.RequireTimelock}; otherwise unmet approvals give
 * {@link Decision.RequireApproval}; otherwise {@link Decision.Allow}. Beyond the rules the gate
 * denies by default what no rule allows: a delegatecall to an unlisted target, a contract call
 * (known or unknown calldata, timelock calls included) to an unlisted contract or selector,
 * spending an asset no limit covers, an unknown call to the Safe itself, and any request on a
 * chain or Safe outside the policy's scope. Privileged Safe changes get the requirements of the
 * highest tier, and are denied if the policy defines no tier. A rejection (a zero-value CALL of
 * the Safe to itself with no data, which only uses up a nonce) concerns no recipient rule; scope,
 * time windows and a gas refund still apply to it.
 *
 * <p>Whatever the rules say it denies: a {@link MalformedCall} (a known selector whose calldata is
 * not canonical, or nesting too deep to decode), operation CREATE, and a gas refund
 * ({@link GasRefund}) no {@code refund-allow} rule admits. The legs of a delegatecall are walked
 * only when its target is listed by {@code delegatecall-allow}: what an unlisted target does is
 * its code, not what the calldata claims.
 *
 * <p>Amounts are summed per asset over every counted leg of the request (MultiSend legs,
 * timelock-scheduled calls), so a batch whose legs are each under a limit but together over it
 * is caught. Approvals and allowance increases count as spend: an allowance can be drawn at once.
 */
public final class PolicyGate {
    private final Optional<Policy> policy;
    private final RuleIndex index;

    private PolicyGate(Optional<Policy> policy) {
        this.policy = policy;
        this.index = policy.map(RuleIndex::new).orElse(null);
    }

    /** A gate for a verified, installed policy. */
    public static PolicyGate of(Policy policy) {
        return new PolicyGate(Optional.of(policy));
    }

    /**
     * Dev mode: allows everything with a single {@code dev-mode} reason. Only for development
     * machines, opted into explicitly ({@code --dev-mode}); the console shows a red banner.
     */
    public static PolicyGate devMode() {
        return new PolicyGate(Optional.empty());
    }

    /** Whether this is the dev-mode gate. */
    public boolean isDevMode() {
        return policy.isEmpty();
    }

    /** The policy, empty in dev mode. */
    public Optional<Policy> policy() {
        return policy;
    }

    /**
     * Decides on one request.
     *
     * @param intents the request's decoded intents (top level; nested ones are walked)
     * @param ctx chain, Safe, time, route, approvals, ledger
     * @return the decision with every finding
     */
    public Decision evaluate(List<Intent> intents, GateContext ctx) {
        return evaluate(intents, ctx, Optional.empty());
    }

    /**
     * As {@link #evaluate(List, GateContext)}, and cross-checks what a simulation of the request
     * showed against the intents ({@link SimulationCheck}): an outflow, approval or Safe change
     * the intents do not account for, or a failing call, is a DENY finding naming it; a request
     * that was not simulated gets a finding saying so. Dev mode checks nothing.
     */
    public Decision evaluate(List<Intent> intents, GateContext ctx, SimulationCheck.Evidence evidence) {
        return evaluate(intents, ctx, Optional.of(evidence));
    }

    private Decision evaluate(List<Intent> intents, GateContext ctx, Optional<SimulationCheck.Evidence> evidence) {
        if (policy.isEmpty()) {
            return new Decision.Allow(List.of(new Reason("dev-mode", Outcome.ALLOW, "",
                    "DEV MODE: no policy is installed, nothing was checked", Optional.empty())), Map.of());
        }
        Policy p = policy.get();
        List<Leaves> leaves = Leaves.of(intents, ctx.viaTimelockDelay(), ctx.now(),
                target -> index.delegatecallRule(target).isPresent());
        List<Reason> reasons = new ArrayList<>();
        boolean chainOut = !p.chains().contains(ctx.chainId());
        boolean safeOut = !p.safes().contains(ctx.safe());
        if (chainOut || safeOut) {
            // name only what is outside the scope: the chain, the Safe, or both
            String outside = chainOut && safeOut ? "chain " + ctx.chainId() + " nor Safe " + ctx.safe()
                    : chainOut ? "chain " + ctx.chainId() + " (Safe " + ctx.safe() + " is in scope)"
                    : "Safe " + ctx.safe() + " (chain " + ctx.chainId() + " is in scope)";
            reasons.add(deny("scope", "", "policy v" + p.version() + " does not cover " + outside));
        }
        Map<Asset, BigInteger> spend = new LinkedHashMap<>();
        for (Leaves leaf : leaves) {
            checkLeaf(p, leaf, ctx, reasons);
            amount(leaf.intent(), index.maxTxGas()).filter(a -> leaf.counted() && a.amount().signum() > 0)
                    .ifPresent(a -> spend.merge(a.asset(), a.amount(), BigInteger::add));
        }
        new AmountChecks(p, index, leaves, spend, ctx).check(reasons);
        evidence.ifPresent(e -> reasons.addAll(SimulationCheck.check(p, intents, ctx.safe(), e,
                target -> index.delegatecallRule(target).isPresent(), index.maxTxGas())));
        reasons.sort(Comparator.comparingInt(r -> index.order(r.ruleId())));
        return combine(reasons, spend, ctx);
    }

    private void checkLeaf(Policy p, Leaves leaf, GateContext ctx, List<Reason> reasons) {
        Intent i = leaf.intent();
        String what = i.describe();
        if (i.call().operation() == Operation.CREATE) {
            reasons.add(deny("create", what, "operation CREATE (Safe 0.1.0 and 1.0.0) runs init code that no decoder can "
                    + "see through; it is never signed"));
            return;
        }
        if (i.call().to().equals(ctx.safe()) && !(i instanceof NativeTransfer) && !(i instanceof SafeSelfCall)
                && !(i instanceof GasRefund) && !(i instanceof MalformedCall)) {
            reasons.add(deny("default-deny", what, "an unrecognised call of the Safe on itself is never signed"));
            return;
        }
        if (i instanceof NativeTransfer n && n.to().equals(ctx.safe()) && n.amountWei().signum() == 0
                && i.call().data().length == 0 && i.call().operation() == Operation.CALL) {
            // a rejection (Safe{Wallet}'s "reject"): it pays nobody, so no recipient rule concerns it
            reasons.add(new Reason("rejection", Outcome.ALLOW, what, "a zero-value call of Safe " + ctx.safe()
                    + " to itself with no data moves nothing: it only uses up its nonce (a rejection)", Optional.empty()));
            return;
        }
        switch (i) {
            case DelegateCall d -> {
                Optional<String> rule = index.delegatecallRule(d.target());
                reasons.add(rule.map(id -> new Reason(id, Outcome.ALLOW, what, "delegatecall target "
                        + p.describe(d.target()) + " is listed", Optional.empty()))
                        .orElseGet(() -> deny("default-deny", what, "delegatecall to " + p.describe(d.target())
                                + " is not allowed: only listed MultiSend contracts may be delegatecalled")));
            }
            case ContractCall c -> contract(p, c.target(), c.selector(), what, reasons);
            case UnknownCall u -> contract(p, u.target(), u.selector(), what, reasons);
            case TimelockStep t -> contract(p, t.timelock(), io.countersign.eth.intent.Selectors.ofCalldata(t.call().data()),
                    what, reasons);
            case SafeSelfCall s -> privileged(p, leaf, ctx, reasons);
            case NativeTransfer n -> recipient(p, n.to(), what, reasons);
            case TokenIntent t -> recipient(p, t.counterparty(), what, reasons);
            case MalformedCall m -> reasons.add(deny("malformed", what, m.signature() + " on " + p.describe(m.target())
                    + " is not decoded canonically (" + m.why() + "): never signed, whatever contract-allow lists"));
            case GasRefund g -> refund(p, g, what, reasons);
        }
    }

    /** A gas refund: admitted by a refund-allow rule of its token, and its receiver checked like any recipient. */
    private void refund(Policy p, GasRefund g, String what, List<Reason> reasons) {
        Asset asset = g.gasToken().map(Asset::token).orElse(Asset.NATIVE);
        long maxTxGas = index.maxTxGas();
        BigInteger worst = g.worstCase(maxTxGas);
        String receiver = g.receiver().map(p::describe).orElse("tx.origin (whoever executes the transaction)");
        String bound = "worst case " + worst + " base units of " + p.assetName(asset) + " = (gasUsed ≤ "
                + GasRefund.maxGasUsed(g.safeTxGas(), g.call().data().length, maxTxGas) + " + baseGas " + g.baseGas()
                + ") × gasPrice " + g.gasPrice() + ", for transactions of at most " + maxTxGas + " gas";
        List<Rule.RefundAllow> rules = index.refunds().stream().filter(r -> r.asset().equals(asset)).toList();
        if (rules.isEmpty()) {
            reasons.add(deny("default-deny", what, "a non-zero gasPrice makes the Safe pay a gas refund in "
                    + p.assetName(asset) + " (" + bound + "), and no refund-allow rule admits " + p.assetName(asset)));
        } else {
            Optional<Reason> ok = Optional.empty();
            Reason firstNo = null;
            for (Rule.RefundAllow r : rules) {
                boolean receiverOk = g.receiver().map(r.receivers()::contains).orElse(r.anyExecutor());
                boolean capOk = r.maxRefund().map(cap -> worst.compareTo(cap) <= 0).orElse(true);
                Optional<Comparison> cmp = r.maxRefund().map(cap -> new Comparison("worst-case refund (base units)", worst, cap));
                if (receiverOk && capOk) {
                    ok = Optional.of(new Reason(r.id(), Outcome.ALLOW, what, "gas refund to " + receiver + " admitted: "
                            + bound + r.maxRefund().map(c -> ", within the cap of " + c).orElse(""), cmp));
                    break;
                }
                if (firstNo == null) {
                    firstNo = new Reason(r.id(), Outcome.DENY, what, !receiverOk
                            ? "gas refund receiver " + receiver + " is not listed in the rule's receivers"
                            : "gas refund " + bound + " exceeds the cap of " + r.maxRefund().orElseThrow() + " base units", cmp);
                }
            }
            reasons.add(ok.orElse(firstNo));
        }
        if (g.receiver().isPresent()) {
            recipient(p, g.receiver().get(), what, reasons);
            return;
        }
        for (Rule r : p.rules()) {
            if (r instanceof Rule.RecipientAllow a) {
                reasons.add(deny(a.id(), what, "the gas refund goes to tx.origin (whoever executes), which no allow list can name"));
            } else if (r instanceof Rule.RecipientDeny d) {
                reasons.add(deny(d.id(), what, "the gas refund goes to tx.origin (whoever executes), which may be a denied address"));
            }
        }
    }

    private void contract(Policy p, Address target, String selector, String what, List<Reason> reasons) {
        Optional<String> rule = index.contractRule(target, selector);
        if (rule.isEmpty()) {
            reasons.add(deny("default-deny", what, "no contract-allow rule lists " + p.describe(target)
                    + (selector.isEmpty() ? " without a selector" : " with selector " + selector)));
        }
    }

    private void recipient(Policy p, Address to, String what, List<Reason> reasons) {
        for (Rule r : p.rules()) {
            if (r instanceof Rule.RecipientDeny d && d.recipients().contains(to)) {
                reasons.add(deny(d.id(), what, "recipient " + p.describe(to) + " is on the deny list"));
            } else if (r instanceof Rule.RecipientAllow a && !a.recipients().contains(to)) {
                reasons.add(deny(a.id(), what, "recipient " + p.describe(to) + " is not on the allow list"));
            }
        }
    }

    private void privileged(Policy p, Leaves leaf, GateContext ctx, List<Reason> reasons) {
        List<Rule.Tier> top = index.highestTiers();
        String what = leaf.intent().describe();
        if (top.isEmpty()) {
            reasons.add(deny("privileged", what, "privileged Safe change, and the policy defines no tier to require"));
            return;
        }
        for (Rule.Tier t : top) {
            AmountChecks.requirements(t.id(), "privileged Safe change requires the highest tier (level " + t.level() + ")",
                    t.require(), List.of(leaf), ctx, what, reasons);
        }
    }

    /**
     * The asset and base units an intent moves, if it moves any; a gas refund moves its worst case
     * for transactions of at most {@code maxTxGas} gas.
     */
    static Optional<AssetAmount> amount(Intent i, long maxTxGas) {
        return switch (i) {
            case NativeTransfer n -> Optional.of(new AssetAmount(Asset.NATIVE, n.amountWei()));
            case TokenIntent t -> Optional.of(new AssetAmount(Asset.token(t.token()), t.amount()));
            case GasRefund g -> Optional.of(new AssetAmount(g.gasToken().map(Asset::token).orElse(Asset.NATIVE),
                    g.worstCase(maxTxGas)));
            default -> Optional.empty();
        };
    }

    record AssetAmount(Asset asset, BigInteger amount) {}

    static Reason deny(String ruleId, String intent, String message) {
        return new Reason(ruleId, Outcome.DENY, intent, message, Optional.empty());
    }

    private static Decision combine(List<Reason> reasons, Map<Asset, BigInteger> spend, GateContext ctx) {
        if (reasons.stream().anyMatch(r -> r.outcome() == Outcome.DENY)) {
            return new Decision.Deny(reasons, spend);
        }
        Optional<Long> delay = reasons.stream().filter(r -> r.outcome() == Outcome.REQUIRE_TIMELOCK)
                .map(r -> r.compared().map(c -> c.bound().longValue()).orElse(0L)).max(Long::compare);
        if (delay.isPresent()) {
            return new Decision.RequireTimelock(delay.get(), reasons, spend);
        }
        Optional<Integer> approvals = reasons.stream().filter(r -> r.outcome() == Outcome.REQUIRE_APPROVAL)
                .map(r -> r.compared().map(c -> c.bound().intValue()).orElse(0)).max(Integer::compare);
        if (approvals.isPresent()) {
            return new Decision.RequireApproval(approvals.get(), ctx.approvals(), reasons, spend);
        }
        return new Decision.Allow(reasons, spend);
    }

    /**
     * Transaction gas assumed for a refund's worst case when no refund-allow rule states one (the
     * refund is then denied anyway): 60,000,000, above mainnet's block gas limit today.
     */
    static final long DEFAULT_MAX_TX_GAS = 60_000_000L;

    static final Duration DAY = Duration.ofHours(24);
    static final Duration WEEK = Duration.ofDays(7);
}
