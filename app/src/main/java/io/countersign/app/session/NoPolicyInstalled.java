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

/** Fail closed: with no signed policy installed and no explicit dev mode, nothing is signed. */
public final class NoPolicyInstalled implements PolicyStep {
    private final String why;

    public NoPolicyInstalled(String why) {
        this.why = why;
    }

    @Override
    public Decision evaluate(BigInteger chainId, Address safe, List<Intent> intents, Instant now, int approvals) {
        return deny();
    }

    @Override
    public Decision evaluateMessage(BigInteger chainId, String what, Instant now) {
        return deny();
    }

    private Decision deny() {
        return new Decision.Deny(List.of(new Reason("no-policy", Reason.Outcome.DENY, "", why, Optional.empty())), Map.of());
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String summary() {
        return "none installed — nothing can be signed until a signed policy is installed (countersign policy install BUNDLE)";
    }

    @Override
    public boolean enforcing() {
        return true;
    }
}
