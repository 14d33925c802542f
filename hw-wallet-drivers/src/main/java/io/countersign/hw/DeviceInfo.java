package io.countersign.hw;

/**
 * One connected wallet as discovery sees it.
 *
 * @param vendor Ledger or Trezor
 * @param model e.g. {@code "Nano S Plus"}, {@code "Trezor Safe 3"}
 * @param transport how it is reached
 * @param id the serial number if the device reports one, else the OS path; {@code ledger:ID} /
 *     {@code trezor:ID} opens this device
 * @param version firmware or Ethereum-app version when known, else {@code null}
 * @param state ready, in bootloader, or unknown
 */
public record DeviceInfo(Vendor vendor, String model, TransportKind transport, String id, String version, State state) {

    /** Device makers this driver knows. */
    public enum Vendor { LEDGER, TREZOR }

    /** Ways to reach a device. */
    public enum TransportKind { HID, WEBUSB, TREZOR_BRIDGE, SPECULOS_TCP, TREZOR_EMULATOR_UDP, REPLAY }

    /** What the device can do now. */
    public enum State {
        /** Reachable; it may still ask for its PIN. */
        READY,
        /** A Trezor in bootloader mode: it cannot sign until it restarts into its firmware. */
        IN_BOOTLOADER,
        /** Seen, but its state is not known without opening it. */
        UNKNOWN
    }

    /** The signer URI that opens this device, e.g. {@code ledger:0001} or {@code trezor:ABC}. */
    public String uri() {
        return (vendor == Vendor.LEDGER ? "ledger:" : "trezor:") + id;
    }
}
