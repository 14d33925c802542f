package io.countersign.app.session;

import io.countersign.eth.intent.Intent;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTxHashes;
import java.util.List;

/**
 * Follows a signing session step by step, so a face (CLI, console) can show the decoded calls
 * and the full hashes before the device is asked. Every method has a do-nothing default.
 */
public interface SessionListener extends DevicePrompts {
    default void decoded(SafeRequest request, List<Intent> intents) {}

    default void hashes(SafeRequest request, SafeTxHashes hashes) {}

    /**
     * The policy's decision, before any device is asked.
     *
     * @param policy which policy decided ({@link PolicyStep#name()})
     */
    default void decided(io.countersign.policy.Decision decision, String policy) {}

    /** The request was simulated on the node, before the gate decides (docs/simulation.md). */
    default void simulated(SafeRequest request, io.countersign.eth.simulation.Simulation simulation) {}

    /** Offline: the request file carries a simulation made elsewhere, not verified on this machine. */
    default void carriedSimulation(SafeRequest request, SafeSimulations.Carried carried) {}

    @Override
    default void confirmOnDevice(String whatTheDeviceShows) {}

    @Override
    default void notice(String message) {}

    /** A listener that shows nothing. */
    SessionListener NONE = new SessionListener() {};
}
