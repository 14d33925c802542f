package io.countersign.app.session;

/**
 * What the session tells the person at the keyboard while a device works. The CLI prints to
 * stderr; the console shows a dialog.
 */
public interface DevicePrompts {
    /** Called right before a device is asked to sign: what the device will display. */
    void confirmOnDevice(String whatTheDeviceShows);

    /** A notice such as "clear signing unsupported by this app version; signing hashes". */
    void notice(String message);

    /**
     * A Trezor One PIN as positions in the device's scrambled matrix (7 8 9 the top row), or
     * {@code null} to cancel. The default asks at the terminal.
     */
    default char[] pin() {
        return DeviceSignerOpener.terminalPin();
    }

    /**
     * The 6-digit code a Trezor Safe 7 shows while pairing, or {@code null} when nobody can be
     * asked. The default asks at the terminal ("Enter the code shown on your Trezor"); the code is
     * never taken from the command line.
     */
    default String thpPairingCode(String device) {
        return DeviceSignerOpener.terminalPairingCode(device);
    }

    /** Prompts that print nothing (tests, --json runs that want a clean stderr). */
    DevicePrompts SILENT = new DevicePrompts() {
        @Override
        public void confirmOnDevice(String whatTheDeviceShows) {}

        @Override
        public void notice(String message) {}
    };
}
