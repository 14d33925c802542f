package io.countersign.hw.trezor;

/**
 * Asks the person at the computer for the 6-digit code a Trezor shows while pairing. The console
 * shows a dialog, the command line reads the terminal (never the command line arguments).
 */
@FunctionalInterface
public interface ThpPairingPrompt {
    /** The text to show: what the person must do. */
    String TEXT = "Enter the code shown on your Trezor";

    /**
     * @return the code as typed (6 digits), or null when nobody can be asked (no terminal, or the
     *     person cancelled); the connection then fails with DeviceException.PairingRequired
     */
    String askCode(String deviceDescription);
}
