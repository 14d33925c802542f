package io.countersign.app.console;

import io.countersign.app.session.AppContext;
import io.countersign.eth.Signer;
import java.util.List;

/**
 * What the console opens on: the context (data folder, network, policy) and the signers it
 * offers by name (the demo's three labelled demo keys; empty otherwise, where the officer gives
 * a signer URI).
 */
public record ConsoleSession(AppContext context, List<Signer> signers) {
    public ConsoleSession {
        signers = List.copyOf(signers);
    }

    private static volatile ConsoleSession current;

    /** Set before the JavaFX application starts. */
    public static void install(ConsoleSession session) {
        current = session;
    }

    public static ConsoleSession current() {
        if (current == null) {
            throw new IllegalStateException("no console session installed");
        }
        return current;
    }
}
