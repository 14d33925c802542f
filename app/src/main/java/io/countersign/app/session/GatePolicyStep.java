package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.intent.Intent;
import io.countersign.policy.Decision;
import io.countersign.policy.GateContext;
import io.countersign.policy.JournalSpendLedger;
import io.countersign.policy.PolicyGate;
import io.countersign.policy.PolicyStore;
import io.countersign.policy.Reason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The installed, verified signed policy as the session's policy step. Spend so far comes from
 * the journal's SIGNATURE entries, so rolling day and week limits span every officer's
 * signatures on this workstation.
 */
final class GatePolicyStep implements PolicyStep {
    private final AppContext ctx;
    private final PolicyGate gate;
    private final String name;

    GatePolicyStep(AppContext ctx, PolicyStore.Installed installed) {
        this(ctx, installed.gate(), "policy v" + installed.policy().version());
    }

    GatePolicyStep(AppContext ctx, PolicyGate gate, String name) {
        this.ctx = ctx;
        this.gate = gate;
        this.name = name;
    }

    @Override
    public java.util.Optional<io.countersign.policy.Policy> policyDocument() {
        return gate.policy();
    }

    @Override
    public Decision evaluate(BigInteger chainId, Address safe, List<Intent> intents, Instant now, int approvals) {
        return decide(chainId, safe, new JournalSpendLedger(ctx.journal()), intents, now, approvals);
    }

    /**
     * As {@link #evaluate(BigInteger, Address, List, Instant, int)} for the Safe request
     * {@code safeTxHash}: the spend the journal already holds for that request (an earlier
     * officer's signature of it) is left out, because the gate adds the request's own spend
     * itself. Without this a second officer, and the execution, would be charged twice.
     *
     * @param safeTxHash {@code 0x} + 64 hex
     */
    public Decision evaluate(BigInteger chainId, Address safe, String safeTxHash, List<Intent> intents, Instant now,
            int approvals) {
        return decide(chainId, safe, new JournalSpendLedger(ctx.journal()).excluding(safeTxHash), intents, now, approvals);
    }

    /** As above, cross-checking a simulation of the request (or recording that there was none). */
    @Override
    public Decision evaluate(BigInteger chainId, Address safe, String safeTxHash, List<Intent> intents, Instant now,
            int approvals, io.countersign.policy.SimulationCheck.Evidence simulation) {
        return gate.evaluate(intents, GateContext.direct(chainId, safe, now,
                new JournalSpendLedger(ctx.journal()).excluding(safeTxHash)).withApprovals(approvals), simulation);
    }

    private Decision decide(BigInteger chainId, Address safe, JournalSpendLedger ledger, List<Intent> intents, Instant now,
            int approvals) {
        return gate.evaluate(intents, GateContext.direct(chainId, safe, now, ledger).withApprovals(approvals));
    }

    @Override
    public Decision evaluateMessage(BigInteger chainId, String what, Instant now) {
        return new Decision.Deny(List.of(new Reason("messages", Reason.Outcome.DENY, "", name + " has no rule for signing "
                + "messages or typed data (" + what + "): they may authorise anything, so they are signed only in dev mode",
                java.util.Optional.empty())), Map.of());
    }

    @Override
    public Map<String, Object> spendRecord(Decision decision, BigInteger chainId, Address safe, String safeTxHash) {
        return JournalSpendLedger.payload(chainId, safe, safeTxHash, decision);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return name + " enforced";
    }

    @Override
    public boolean enforcing() {
        return true;
    }
}
