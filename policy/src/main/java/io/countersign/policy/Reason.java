package io.countersign.policy;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the gate decided as it did: one rule's finding.
 *
 * @param ruleId the rule's id, or a built-in id: {@code scope}, {@code default-deny},
 *     {@code privileged}, {@code rejection}, {@code dev-mode}
 * @param outcome what this finding alone would decide
 * @param intent the intent concerned ({@link io.countersign.eth.intent.Intent#describe()}), or
 *     {@code ""} for the request as a whole
 * @param message a sentence for the officer, with the numbers in it
 * @param compared the numbers compared, when the rule compares amounts or delays
 */
public record Reason(String ruleId, Outcome outcome, String intent, String message, Optional<Comparison> compared) {

    /** What one finding asks for, from mildest to strictest. */
    public enum Outcome { ALLOW, REQUIRE_APPROVAL, REQUIRE_TIMELOCK, DENY }

    /**
     * An amount or delay and the bound it was held against.
     *
     * @param quantity e.g. {@code "USDC per day (base units)"} or {@code "timelock delay (s)"}
     * @param actual the request's figure (for rolling limits: spend so far plus this request)
     * @param bound the rule's limit, threshold or minimum
     */
    public record Comparison(String quantity, BigInteger actual, BigInteger bound) {}

    public Reason {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(compared, "compared");
    }

    @Override
    public String toString() {
        return "[" + ruleId + "] " + outcome + ": " + message + (intent.isEmpty() ? "" : " — " + intent);
    }
}
