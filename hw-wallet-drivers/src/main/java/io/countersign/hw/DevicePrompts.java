package io.countersign.hw;

/**
 * What a driver asks of the person at the device. The command line prints and reads; the console
 * shows dialogs. Every method is called on the thread that drives the device.
 */
public interface DevicePrompts {

    /**
     * Called right before the device is asked to show something for approval, e.g.
     * {@code "Confirm on your Ledger: sign transaction to 0x… on chain 1"}.
     *
     * @param whatTheDeviceShows a short description of the screens the device is about to show
     */
    void confirmOnDevice(String whatTheDeviceShows);

    /**
     * The Trezor One PIN, typed as positions in the scrambled 3×3 matrix shown on the device
     * (digits 1–9, where 7 8 9 is the top row, like a numeric keypad).
     *
     * @return the positions, or {@code null} to cancel
     */
    char[] pin();

    /**
     * A BIP-39 passphrase typed on the host. Drivers prefer entry on the device when it can, and
     * only call this when it cannot.
     *
     * @return the passphrase (may be empty), or {@code null} to enter it on the device
     */
    char[] passphrase();

    /**
     * The 6-digit code a Trezor Safe 7 shows while pairing over the Trezor Host Protocol, read at
     * the terminal or in a dialog ("Enter the code shown on your Trezor"); never from arguments.
     *
     * @param device which device asks, for the prompt
     * @return the code as typed, or {@code null} when nobody can be asked (the driver then reports
     *     that pairing is required)
     */
    default String thpPairingCode(String device) {
        return null;
    }

    /** Something the user should know that is not an error, e.g. a fallback to hashed EIP-712. */
    void notice(String message);

    /** Prompts that answer nothing: no PIN, passphrase on the device, messages dropped. */
    DevicePrompts SILENT = new DevicePrompts() {
        @Override
        public void confirmOnDevice(String whatTheDeviceShows) {}

        @Override
        public char[] pin() {
            return null;
        }

        @Override
        public char[] passphrase() {
            return null;
        }

        @Override
        public void notice(String message) {}
    };
}
