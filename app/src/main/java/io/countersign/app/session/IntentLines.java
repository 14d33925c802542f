package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TimelockStep;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Intents as indented lines for a person: a batch's legs and a timelock step's inner calls
 * stand under their container, so nothing a request does is hidden behind "3 inner actions".
 */
public final class IntentLines {
    private IntentLines() {}

    /** What a leg under a DELEGATECALL to a target no policy rule lists is prefixed with. */
    public static final String CLAIMED = "claimed, untrusted (the delegatecall target runs its own code, not these legs): ";

    /**
     * One line: nesting depth (0 for top level), the intent, and its text with a flag mark.
     *
     * @param claimed true for a call inside a DELEGATECALL to an unlisted target: what the calldata
     *     claims, not what will happen (the target's code decides), shown with {@link #CLAIMED}
     */
    public record Line(int depth, Intent intent, boolean claimed) {
        public Line(int depth, Intent intent) {
            this(depth, intent, false);
        }

        public String text() {
            return "  ".repeat(depth) + (intent.flagged() || claimed ? "⚠ " : "• ") + (claimed ? CLAIMED : "")
                    + intent.describe();
        }
    }

    /**
     * The one rendering of decoded calls that every command and the console show: each line's
     * {@link Line#text()}, a container's inner calls indented under it.
     */
    public static List<String> texts(List<Intent> intents) {
        return of(intents).stream().map(Line::text).toList();
    }

    /** As {@link #of(List, Predicate)} with every delegatecall target trusted (no policy to say otherwise). */
    public static List<Line> of(List<Intent> intents) {
        return of(intents, target -> true);
    }

    /**
     * The lines, the calls under a DELEGATECALL whose target {@code listed} rejects marked
     * {@link Line#claimed() claimed} (and everything nested under them).
     *
     * @param listed the delegatecall targets the policy lists ({@code delegatecall-allow})
     */
    public static List<Line> of(List<Intent> intents, Predicate<Address> listed) {
        List<Line> out = new ArrayList<>();
        add(intents, 0, false, listed, out);
        return out;
    }

    private static void add(List<Intent> intents, int depth, boolean claimed, Predicate<Address> listed, List<Line> out) {
        for (Intent i : intents) {
            out.add(new Line(depth, i, claimed));
            switch (i) {
                case DelegateCall d -> add(d.inner(), depth + 1, claimed || !listed.test(d.target()), listed, out);
                case TimelockStep t -> add(t.inner(), depth + 1, claimed, listed, out);
                default -> { }
            }
        }
    }
}
