package io.countersign.policy;

import io.countersign.policy.Reason.Comparison;
import io.countersign.policy.Reason.Outcome;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Limits, tiers and time windows: the checks on the request as a whole. */
final class AmountChecks {
    private final Policy p;
    private final List<Leaves> leaves;
    private final Map<Asset, BigInteger> spend;
    private final GateContext ctx;
    private final RuleIndex index;

    AmountChecks(Policy p, RuleIndex index, List<Leaves> leaves, Map<Asset, BigInteger> spend, GateContext ctx) {
        this.p = p;
        this.index = index;
        this.leaves = leaves;
        this.spend = spend;
        this.ctx = ctx;
    }

    void check(List<Reason> reasons) {
        for (Asset asset : spend.keySet()) {
            if (p.rules().stream().noneMatch(r -> r instanceof Rule.Limit l && l.asset().equals(asset))) {
                reasons.add(PolicyGate.deny("default-deny", "", "no limit rule covers " + p.assetName(asset)
                        + ", so it may not be spent (this request spends " + spend.get(asset) + " base units)"));
            }
        }
        for (Rule r : p.rules()) {
            switch (r) {
                case Rule.Limit l -> limit(l, reasons);
                case Rule.Tier t -> tier(t, reasons);
                case Rule.TimeWindow w -> window(w, reasons);
                default -> { }
            }
        }
    }

    private void limit(Rule.Limit l, List<Reason> reasons) {
        BigInteger total = spend.getOrDefault(l.asset(), BigInteger.ZERO);
        if (total.signum() == 0) {
            return;
        }
        String name = p.assetName(l.asset());
        l.perTransaction().ifPresent(cap -> compare(l.id(), name + " per transaction", total, cap, reasons));
        l.perDay().ifPresent(cap -> compare(l.id(), name + " per rolling 24 h",
                spentSince(l.asset(), PolicyGate.DAY).add(total), cap, reasons));
        l.perWeek().ifPresent(cap -> compare(l.id(), name + " per rolling 7 days",
                spentSince(l.asset(), PolicyGate.WEEK).add(total), cap, reasons));
    }

    private BigInteger spentSince(Asset asset, Duration window) {
        return ctx.ledger().spentSince(ctx.chainId(), ctx.safe(), asset, ctx.now().minus(window));
    }

    private static void compare(String id, String quantity, BigInteger actual, BigInteger cap, List<Reason> reasons) {
        boolean ok = actual.compareTo(cap) <= 0;
        reasons.add(new Reason(id, ok ? Outcome.ALLOW : Outcome.DENY, "",
                quantity + ": " + actual + (ok ? " is within " : " exceeds ") + "the limit of " + cap + " base units",
                Optional.of(new Comparison(quantity + " (base units)", actual, cap))));
    }

    private void tier(Rule.Tier t, List<Reason> reasons) {
        BigInteger total = spend.getOrDefault(t.asset(), BigInteger.ZERO);
        if (total.compareTo(t.above()) <= 0) {
            return;
        }
        List<Leaves> legs = leaves.stream().filter(l -> l.counted() && PolicyGate.amount(l.intent(), index.maxTxGas())
                .filter(a -> a.asset().equals(t.asset()) && a.amount().signum() > 0).isPresent()).toList();
        requirements(t.id(), p.assetName(t.asset()) + " total " + total + " base units is above tier level "
                + t.level() + " (" + t.above() + ")", t.require(), legs, ctx, "", reasons);
    }

    /** Adds one finding per requirement: ALLOW when met, else REQUIRE_TIMELOCK / REQUIRE_APPROVAL. */
    static void requirements(String id, String why, List<Requirement> require, List<Leaves> legs, GateContext ctx,
            String intent, List<Reason> reasons) {
        for (Requirement req : require) {
            switch (req) {
                case Requirement.Timelock tl -> {
                    long shortest = legs.stream().mapToLong(l -> l.delaySeconds().orElse(0L)).min().orElse(0L);
                    boolean ok = shortest >= tl.minDelaySeconds();
                    reasons.add(new Reason(id, ok ? Outcome.ALLOW : Outcome.REQUIRE_TIMELOCK, intent,
                            why + ": requires a timelock delay of at least " + tl.minDelaySeconds() + " s, "
                                    + (ok ? "routed with " : "but the shortest delay here is ") + shortest + " s",
                            Optional.of(new Comparison("timelock delay (s)", BigInteger.valueOf(shortest),
                                    BigInteger.valueOf(tl.minDelaySeconds())))));
                }
                case Requirement.Approvals ap -> {
                    boolean ok = ctx.approvals() >= ap.approvals();
                    reasons.add(new Reason(id, ok ? Outcome.ALLOW : Outcome.REQUIRE_APPROVAL, intent,
                            why + ": requires " + ap.approvals() + " distinct officers' signatures, "
                                    + ctx.approvals() + " so far",
                            Optional.of(new Comparison("distinct officers", BigInteger.valueOf(ctx.approvals()),
                                    BigInteger.valueOf(ap.approvals())))));
                }
            }
        }
    }

    private void window(Rule.TimeWindow w, List<Reason> reasons) {
        ZonedDateTime local = ctx.now().atZone(p.timeZone());
        boolean open = w.windows().stream().anyMatch(win -> inside(win, local.getDayOfWeek(), local.toLocalTime()));
        String when = local.getDayOfWeek() + " " + local.toLocalTime().withNano(0) + " " + p.timeZone().getId();
        reasons.add(new Reason(w.id(), open ? Outcome.ALLOW : Outcome.DENY, "",
                when + (open ? " is inside a signing window" : " is outside every signing window"), Optional.empty()));
    }

    /** Whether a wall-clock day and time fall in a window (docs/policy.md, time windows). */
    static boolean inside(Rule.Window w, DayOfWeek day, LocalTime t) {
        if (w.from().isBefore(w.to())) {
            return w.days().contains(day) && !t.isBefore(w.from()) && t.isBefore(w.to());
        }
        boolean lateOnOpeningDay = w.days().contains(day) && !t.isBefore(w.from());
        boolean earlyNextDay = w.days().contains(day.minus(1)) && t.isBefore(w.to());
        return lateOnOpeningDay || earlyNextDay;
    }
}
