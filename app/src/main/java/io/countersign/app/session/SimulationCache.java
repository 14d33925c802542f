package io.countersign.app.session;

import io.countersign.eth.simulation.Simulation;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The simulations a session has run, by (node, safeTxHash, block, methods): the same request at
 * the same block of the same node executes the same way, so looking at it again (the console
 * reselecting a request) reuses the result instead of asking the node and journalling another
 * SIMULATION entry. A new block is a new key, so it is simulated again. Holds the 64 most recently
 * used results; a simulation that failed is not kept. Thread-safe: two lookups of one key while
 * it runs share the one run.
 */
public final class SimulationCache {
    /** How many results are kept. */
    static final int CAPACITY = 64;

    private record Key(String node, String safeTxHash, BigInteger block, List<String> methods) {}

    private final Map<Key, CompletableFuture<Simulation>> results = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<Simulation>> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * The result kept for this key, or {@code simulate}'s (run on the calling thread, once per key).
     *
     * @param node the node's URL (kept in memory only)
     * @param safeTxHash {@code 0x} hex, any case
     * @param block the block simulated on
     * @throws RuntimeException what {@code simulate} threw (nothing is kept then)
     */
    public Simulation get(String node, String safeTxHash, BigInteger block, List<String> methods, Supplier<Simulation> simulate) {
        Key key = new Key(node, safeTxHash.toLowerCase(java.util.Locale.ROOT), block, List.copyOf(methods));
        CompletableFuture<Simulation> mine = new CompletableFuture<>();
        CompletableFuture<Simulation> theirs;
        synchronized (results) {
            theirs = results.putIfAbsent(key, mine);
        }
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                // the other run failed: run again, as if nothing had been kept
                synchronized (results) {
                    results.remove(key, theirs);
                }
                return get(node, safeTxHash, block, methods, simulate);
            }
        }
        try {
            Simulation s = simulate.get();
            mine.complete(s);
            return s;
        } catch (RuntimeException | Error e) {
            synchronized (results) {
                results.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
