package io.countersign.eth.intent;

import java.util.ArrayList;
import java.util.List;

/** Walking nested intents. */
public final class Intents {
    private Intents() {}

    /**
     * Every intent with the inner intents of {@link DelegateCall}s and {@link TimelockStep}s
     * spliced in after their container, depth first, in call order.
     */
    public static List<Intent> flatten(List<Intent> intents) {
        List<Intent> out = new ArrayList<>();
        for (Intent i : intents) {
            out.add(i);
            switch (i) {
                case DelegateCall d -> out.addAll(flatten(d.inner()));
                case TimelockStep t -> out.addAll(flatten(t.inner()));
                default -> { }
            }
        }
        return List.copyOf(out);
    }
}
