package io.countersign.app.session;

import io.countersign.eth.intent.Intent;
import io.countersign.eth.Address;
import java.math.BigInteger;
import java.time.Instant;
import io.countersign.policy.Decision;
import io.countersign.policy.Reason;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explicit dev mode ({@code --dev-mode}): no policy is enforced. Every decision says so,
 * the journal records it, and the console shows a permanent red banner.
 */
public final class DevModePolicy implements PolicyStep {
    @Override
    public Decision evaluate(BigInteger chainId, Address safe, List<Intent> intents, Instant now, int approvals) {
        return allow();
    }

    @Override
    public Decision evaluateMessage(BigInteger chainId, String what, Instant now) {
        return allow();
    }

    private static Decision allow() {
        return new Decision.Allow(List.of(new Reason("dev-mode", Reason.Outcome.ALLOW, "",
                "dev mode: no signed policy is enforced (started with --dev-mode)", Optional.empty())), Map.of());
    }

    @Override
    public String name() {
        return "dev mode";
    }

    @Override
    public String summary() {
        return "NOT enforced (dev mode)";
    }

    @Override
    public boolean enforcing() {
        return false;
    }
}
