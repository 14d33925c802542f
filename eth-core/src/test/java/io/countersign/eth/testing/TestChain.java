package io.countersign.eth.testing;

import io.countersign.eth.devchain.Anvil;

/** Starts the anvil of {@code testchain/node_modules} for a test. */
public final class TestChain {
    private TestChain() {}

    public static Anvil start() {
        return Anvil.start(TestPaths.testchain().resolve("node_modules"));
    }
}
