package io.countersign.app.session;

import io.countersign.eth.intent.Intent;
import io.countersign.hw.DevicePrompts;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTxHashes;
import java.util.List;

/**
 * Follows a signing session step by step, so a face (CLI, console) can show the decoded calls
 * and the full hashes before the device is asked, and answers what the device's driver asks
 * ({@link DevicePrompts}: the CLI prints to stderr and reads the terminal; the console shows
 * dialogs). Every method has a default: the session's steps and the device's messages are
 * dropped, a Trezor One PIN and a Trezor Safe 7 pairing code are asked at the terminal (none
 * when there is no terminal), and a passphrase is entered on the device.
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

    /** Asks at the terminal for the positions in the device's scrambled matrix; {@code null} (cancel) without one. */
    @Override
    default char[] pin() {
        return DeviceSignerOpener.terminalPin();
    }

    /** {@code null}: the passphrase is entered on the device, never typed on the host. */
    @Override
    default char[] passphrase() {
        return null;
    }

    /** Asks at the terminal ("Enter the code shown on your Trezor"); {@code null} without one. Never from arguments. */
    @Override
    default String thpPairingCode(String device) {
        return DeviceSignerOpener.terminalPairingCode(device);
    }

    /** A listener that shows nothing. */
    SessionListener NONE = new SessionListener() {};
}
