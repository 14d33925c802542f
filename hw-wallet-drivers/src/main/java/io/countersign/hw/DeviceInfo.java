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
 * @param protocol how Countersign talks to it: APDUs (Ledger), Trezor protocol v1, the Trezor Host
 *     Protocol (Safe 7), or unknown when a Trezor was not asked
 */
public record DeviceInfo(Vendor vendor, String model, TransportKind transport, String id, String version, State state, Protocol protocol) {

    /**
     * A device whose protocol follows from its transport: a Ledger speaks APDUs, the Trezor One
     * (HID) and a Trezor behind the Bridge protocol v1; a WebUSB Trezor is {@link Protocol#UNKNOWN}
     * until asked ({@link HardwareSigners#discover(boolean)}).
     */
    public DeviceInfo(Vendor vendor, String model, TransportKind transport, String id, String version, State state) {
        this(vendor, model, transport, id, version, state, vendor == Vendor.LEDGER ? Protocol.APDU
                : transport == TransportKind.HID || transport == TransportKind.TREZOR_BRIDGE ? Protocol.V1 : Protocol.UNKNOWN);
    }

    /** The same device with its protocol known. */
    public DeviceInfo withProtocol(Protocol p) {
        return new DeviceInfo(vendor, model, transport, id, version, state, p);
    }

    /** The wire protocol a device speaks. */
    public enum Protocol {
        /** Ledger APDUs over HID framing. */
        APDU("apdu"),
        /** Trezor protocol v1 ("?##" packets, plain protobuf). */
        V1("v1"),
        /** The Trezor Host Protocol: Noise XX, pairing, AES-GCM (Trezor Safe 7). */
        THP("thp"),
        /** Not asked (or the device could not be opened to ask). */
        UNKNOWN("unknown");

        private final String id;

        Protocol(String id) {
            this.id = id;
        }

        /** The lowercase name {@code devices} prints: apdu, v1, thp, unknown. */
        public String id() {
            return id;
        }
    }

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

    /**
     * The signer URI that opens this device, e.g. {@code ledger:0001} or {@code trezor:ABC}; for an
     * emulator ({@link TransportKind#SPECULOS_TCP}, {@link TransportKind#TREZOR_EMULATOR_UDP}) whose
     * id is its {@code HOST:PORT}, {@code speculos:HOST:PORT} or {@code trezor-emu:HOST:PORT}.
     */
    public String uri() {
        return switch (transport) {
            case SPECULOS_TCP -> "speculos:" + id;
            case TREZOR_EMULATOR_UDP -> "trezor-emu:" + id;
            default -> (vendor == Vendor.LEDGER ? "ledger:" : "trezor:") + id;
        };
    }
}
