package io.countersign.app.demo;

import io.countersign.app.session.AppContext;
import java.util.function.Consumer;

/** Placeholder entry for the demo; filled in with the dev chain below. */
public final class Demo {
    private Demo() {}

    public static void run(AppContext ctx, Consumer<String> info) {
        throw new io.countersign.app.session.CountersignException.Usage("demo is being built");
    }
}
