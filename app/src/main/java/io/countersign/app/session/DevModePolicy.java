package io.countersign.app.session;

import io.countersign.eth.intent.Intent;
import io.countersign.eth.Address;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * The explicit dev mode ({@code --dev-mode}): no policy is enforced. Every decision says so,
 * the journal records it, and the console shows a permanent red banner.
 */
public final class DevModePolicy implements PolicyStep {
    @Override
    public PolicyVerdict evaluate(BigInteger chainId, Address safe, List<Intent> intents, Instant now, int approvals) {
        return allow();
    }

    @Override
    public PolicyVerdict evaluateMessage(BigInteger chainId, String what, Instant now) {
        return allow();
    }

    private static PolicyVerdict allow() {
        return new PolicyVerdict(PolicyVerdict.Outcome.ALLOW,
                List.of("dev mode: no signed policy is enforced (started with --dev-mode)"), 0, "dev mode");
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
