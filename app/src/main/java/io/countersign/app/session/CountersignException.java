package io.countersign.app.session;

/**
 * Root of the errors the signing session raises, each carrying the command line's exit code
 * (README.md, "The command line": 1 error, 2 usage, 3 denied by policy, 4 refused on device, 5 no device).
 * Messages say what went wrong and what to do; the CLI prints them as is.
 */
public sealed class CountersignException extends RuntimeException {
    private final int exitCode;

    private CountersignException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** A check refused the request (wrong chain, stale nonce, not an owner, too few signatures): exit 1. */
    public static final class Refused extends CountersignException {
        public Refused(String message) {
            super(1, message, null);
        }
    }

    /** The command was given wrong or missing options: exit 2. */
    public static final class Usage extends CountersignException {
        public Usage(String message) {
            super(2, message, null);
        }
    }

    /** The policy gate did not allow the request; no device was asked: exit 3. */
    public static final class PolicyDenied extends CountersignException {
        public PolicyDenied(String message) {
            super(3, message, null);
        }
    }

    /** The holder refused or cancelled on the device: exit 4. */
    public static final class RefusedOnDevice extends CountersignException {
        public RefusedOnDevice(String message, Throwable cause) {
            super(4, message, cause);
        }
    }

    /** No device, the device is locked, or the wrong app is open: exit 5. */
    public static final class DeviceUnavailable extends CountersignException {
        public DeviceUnavailable(String message, Throwable cause) {
            super(5, message, cause);
        }
    }

    /** The signer returned a signature that does not recover to the expected owner: exit 1. */
    public static final class BadSignature extends CountersignException {
        public BadSignature(String message) {
            super(1, message, null);
        }
    }
}
