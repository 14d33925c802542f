package io.countersign.app.session;

import io.countersign.eth.intent.Intent;
import io.countersign.eth.Address;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** Fail closed: with no signed policy installed and no explicit dev mode, nothing is signed. */
public final class NoPolicyInstalled implements PolicyStep {
    private final String why;

    public NoPolicyInstalled(String why) {
        this.why = why;
    }

    @Override
    public PolicyVerdict evaluate(BigInteger chainId, Address safe, List<Intent> intents, Instant now, int approvals) {
        return new PolicyVerdict(PolicyVerdict.Outcome.DENY, List.of(why), 0, "none");
    }

    @Override
    public PolicyVerdict evaluateMessage(BigInteger chainId, String what, Instant now) {
        return new PolicyVerdict(PolicyVerdict.Outcome.DENY, List.of(why), 0, "none");
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
