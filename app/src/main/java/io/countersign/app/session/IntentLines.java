package io.countersign.app.session;

import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TimelockStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Intents as indented lines for a person: a batch's legs and a timelock step's inner calls
 * stand under their container, so nothing a request does is hidden behind "3 inner actions".
 */
public final class IntentLines {
    private IntentLines() {}

    /** One line: nesting depth (0 for top level), the intent, and its text with a flag mark. */
    public record Line(int depth, Intent intent) {
        public String text() {
            return "  ".repeat(depth) + (intent.flagged() ? "⚠ " : "• ") + intent.describe();
        }
    }

    /**
     * The one rendering of decoded calls that every command and the console show: each line's
     * {@link Line#text()}, a container's inner calls indented under it.
     */
    public static List<String> texts(List<Intent> intents) {
        return of(intents).stream().map(Line::text).toList();
    }

    public static List<Line> of(List<Intent> intents) {
        List<Line> out = new ArrayList<>();
        add(intents, 0, out);
        return out;
    }

    private static void add(List<Intent> intents, int depth, List<Line> out) {
        for (Intent i : intents) {
            out.add(new Line(depth, i));
            switch (i) {
                case DelegateCall d -> add(d.inner(), depth + 1, out);
                case TimelockStep t -> add(t.inner(), depth + 1, out);
                default -> { }
            }
        }
    }
}
