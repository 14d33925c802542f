package io.countersign.app.session;

import io.countersign.policy.Decision;
import io.countersign.policy.Reason;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the app reads the policy module's {@link Decision}: the one type every face (command line,
 * console, journal) receives from {@link PolicyStep}; this class only turns it into words.
 */
public final class DecisionLines {
    private DecisionLines() {}

    /**
     * The reasons an officer reads, in rule order, each as {@link Reason#toString()}: for an
     * {@link Decision.Allow} every finding; otherwise only the findings that did not allow, led by
     * what the decision asks for ({@code route this through a timelock with a delay of at least N s},
     * {@code N distinct officers must sign before execution (H so far)}).
     */
    public static List<String> reasons(Decision d) {
        List<String> findings = d.reasons().stream()
                .filter(r -> r.outcome() != Reason.Outcome.ALLOW || d instanceof Decision.Allow)
                .map(Reason::toString).toList();
        return switch (d) {
            case Decision.RequireTimelock t -> withFirst(
                    "route this through a timelock with a delay of at least " + t.minDelaySeconds() + " s", findings);
            case Decision.RequireApproval r -> withFirst(
                    r.approvals() + " distinct officers must sign before execution (" + r.have() + " so far)", findings);
            case Decision.Allow a -> findings;
            case Decision.Deny x -> findings;
        };
    }

    /**
     * Whether a Safe signature may be made now: {@link Decision.Allow}, or
     * {@link Decision.RequireApproval} (this officer's signature is one of those the approval tier
     * needs; execution still needs an allow). Looser than {@link Decision#permitsSigning()},
     * which only an allow passes: the execution's test.
     */
    public static boolean signable(Decision d) {
        return d instanceof Decision.Allow || d instanceof Decision.RequireApproval;
    }

    private static List<String> withFirst(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
