package io.countersign.hw;

import io.countersign.eth.SignerException;

/**
 * Root of every failure a hardware wallet, its transport or an emulator can cause. The command
 * line and the console need only {@link #reason()} (exit code 4 for {@link Reason#REFUSED}, 5 for
 * {@link Reason#UNAVAILABLE}); the subtype and its message say what the officer can do. The same
 * situation on a Ledger and on a Trezor is the same subtype.
 */
public sealed class DeviceException extends SignerException {

    private DeviceException(Reason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    /**
     * The holder rejected the request on the device: Ledger status word 0x6985, Trezor
     * {@code Failure_ActionCancelled} or {@code Failure_PinCancelled}. Nothing was signed; the user
     * can start again and approve on the device if the request is right.
     */
    public static final class RefusedOnDevice extends DeviceException {
        public RefusedOnDevice(String message) {
            super(Reason.REFUSED, message, null);
        }
    }

    /**
     * The device is locked: Ledger status word 0x5515 (or 0x6982 on older firmware), a Trezor that
     * asks for its PIN without a way to enter it, or a wrong Trezor PIN. Unlock the device with its
     * PIN and try again.
     */
    public static final class DeviceLocked extends DeviceException {
        public DeviceLocked(String message) {
            super(Reason.UNAVAILABLE, message, null);
        }
    }

    /**
     * The Ethereum app is not open on the Ledger (status words 0x6d00, 0x6e00, 0x6511, or another
     * app answered). Open the Ethereum app on the device and try again.
     */
    public static final class WrongApp extends DeviceException {
        public WrongApp(String message) {
            super(Reason.UNAVAILABLE, message, null);
        }
    }

    /**
     * The Ledger Ethereum app refused data it cannot show (status word 0x6a80): contract data or a
     * hash needs "Blind signing". On the device open the Ethereum app, then Settings, and enable
     * "Blind signing"; then send the request again.
     */
    public static final class BlindSigningDisabled extends DeviceException {
        public BlindSigningDisabled(String message) {
            super(Reason.UNAVAILABLE, message, null);
        }
    }

    /**
     * No device matching the signer URI is connected (or an emulator address does not answer).
     * Plug the device in, unlock it, and check {@code countersign devices}.
     */
    /**
     * The device would sign only hashes (it cannot show the typed data's fields) and the caller
     * did not permit blind signing; nothing was signed.
     */
    public static final class BlindSigningNotPermitted extends DeviceException {
        public BlindSigningNotPermitted(String message) {
            super(Reason.FAILED, message, null);
        }
    }

    public static final class NoDevice extends DeviceException {
        public NoDevice(String message, Throwable cause) {
            super(Reason.UNAVAILABLE, message, cause);
        }
    }

    /**
     * The device is present but this user may not open it. On Linux install the udev rules once
     * with {@code sudo packaging/linux/udev/install-udev-rules.sh}, then unplug and replug the device.
     */
    public static final class NoPermission extends DeviceException {
        public NoPermission(String message, Throwable cause) {
            super(Reason.UNAVAILABLE, message, cause);
        }
    }

    /**
     * The device went away in the middle of an exchange (unplugged, USB reset, emulator socket
     * closed). Nothing was signed unless the device said so; reconnect and start the request again.
     */
    public static final class DeviceDisconnected extends DeviceException {
        /** @param message what went away and when; the constructor adds that no signature arrived and what to do */
        public DeviceDisconnected(String message, Throwable cause) {
            super(Reason.UNAVAILABLE, message + "; no signature was received: reconnect the device and start the request again", cause);
        }
    }

    /**
     * The device answered with a message the protocol does not allow at this point; the message names
     * the expected and the actual type. Usually another program talks to the device at the same time
     * (close Ledger Live / Trezor Suite) or the firmware is too old.
     */
    public static final class UnexpectedMessage extends DeviceException {
        private final String expected;
        private final String actual;

        public UnexpectedMessage(String expected, String actual) {
            super(Reason.FAILED, "unexpected message from the device: expected " + expected + ", got " + actual, null);
            this.expected = expected;
            this.actual = actual;
        }

        public String expected() {
            return expected;
        }

        public String actual() {
            return actual;
        }
    }

    /**
     * A transport cannot run on this machine, e.g. usb4java has no native libusb for this platform or
     * hid4java's hidapi failed to load. The message names the transport and the fallback (the Trezor
     * Bridge on 127.0.0.1:21325 for WebUSB Trezors); install the fallback or use another machine.
     */
    public static final class TransportUnavailable extends DeviceException {
        public TransportUnavailable(String message, Throwable cause) {
            super(Reason.UNAVAILABLE, message, cause);
        }
    }

    /**
     * A {@code ledger-replay:} file does not match what the client sent: a different APDU at a line,
     * an APDU beyond the end of the file, or recorded APDUs left over at close. The message names the
     * line and the expected and actual hex; the recording belongs to another request or client version.
     */
    public static final class ReplayMismatch extends DeviceException {
        private final int line;

        public ReplayMismatch(int line, String message) {
            super(Reason.FAILED, "replay mismatch at line " + line + ": " + message, null);
            this.line = line;
        }

        /** 1-based line number in the recording. */
        public int line() {
            return line;
        }
    }

    /**
     * The device reported an error this driver has no better words for (another Ledger status word,
     * a Trezor {@code Failure} such as DataError or ProcessError, a malformed answer). The message
     * carries the device's code and text; check the request and the firmware version.
     */
    public static final class DeviceFailure extends DeviceException {
        public DeviceFailure(String message) {
            super(Reason.FAILED, message, null);
        }

        public DeviceFailure(String message, Throwable cause) {
            super(Reason.FAILED, message, cause);
        }
    }

    /**
     * A Trezor Host Protocol transport error (trezor-firmware docs/common/thp/specification.md,
     * "Allocation layer"): TRANSPORT_BUSY (1, another program is using the device: close it and
     * retry), UNALLOCATED_CHANNEL (2, the device dropped the channel: start again),
     * DECRYPTION_FAILED (3, a message was altered on the way or another program interferes: start
     * again) or an unknown code (update Countersign or the firmware). DEVICE_LOCKED (5) is a
     * {@link DeviceLocked}. The message says which and what to do.
     */
    public static final class ThpTransportError extends DeviceException {
        private final io.countersign.hw.protocol.thp.ThpErrorCode code;

        public ThpTransportError(io.countersign.hw.protocol.thp.ThpErrorCode code, String message) {
            super(Reason.UNAVAILABLE, message, null);
            this.code = code;
        }

        public io.countersign.hw.protocol.thp.ThpErrorCode code() {
            return code;
        }
    }

    /** The typed error for a THP transport error code. */
    public static DeviceException thp(io.countersign.hw.protocol.thp.ThpErrorCode code, String message) {
        if (code == io.countersign.hw.protocol.thp.ThpErrorCode.DEVICE_LOCKED) {
            return new DeviceLocked(message);
        }
        return new ThpTransportError(code, message);
    }

    /**
     * The Trezor (Safe 7) is not paired with this computer and no code could be asked for (no
     * terminal, no console). Run the command in a terminal, or sign once in the console, and enter
     * the 6-digit code the Trezor shows; the pairing is then remembered.
     */
    public static final class PairingRequired extends DeviceException {
        public PairingRequired(String message) {
            super(Reason.UNAVAILABLE, message, null);
        }
    }

    /**
     * The stored THP pairings cannot be used: their file does not decrypt (altered, or its key
     * file is missing or another one) or is not in the expected format
     * ({@link io.countersign.hw.trezor.ThpCredentialFile}). Nothing is read from it; forget the
     * stored pairings ({@code countersign devices --forget-pairings}) and pair the Trezor again.
     */
    public static final class PairingsUnreadable extends DeviceException {
        public PairingsUnreadable(String message) {
            super(Reason.UNAVAILABLE, message, null);
        }
    }

    /**
     * Pairing failed: the code typed does not match the one on the Trezor (the device then refuses
     * the CPace tag), or the device's secret does not match its commitment or the code. Nothing
     * is stored; start again and type the code exactly as shown. A mismatch the user did not cause
     * means someone is between the computer and the device: use another cable and computer.
     */
    public static final class PairingFailed extends DeviceException {
        public PairingFailed(String message, Throwable cause) {
            super(Reason.REFUSED, message, cause);
        }
    }

    /**
     * The Trezor's firmware speaks a THP version this driver does not know, or offers no pairing
     * method it supports (code entry). Update the Trezor's firmware with Trezor Suite, or update
     * Countersign if the device is newer than it.
     */
    public static final class FirmwareUnsupported extends DeviceException {
        public FirmwareUnsupported(String message) {
            super(Reason.UNAVAILABLE, message, null);
        }
    }
}
