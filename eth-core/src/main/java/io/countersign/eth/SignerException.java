package io.countersign.eth;

/**
 * A {@link Signer} could not produce a signature. Device drivers extend this type with their
 * own sealed hierarchy; the command line and the console need only {@link #reason()} to choose
 * an exit code and the words to show.
 */
public non-sealed class SignerException extends EthException {

    /** Why a signer failed, at the granularity the user can act on. */
    public enum Reason {
        /** The holder refused on the device or cancelled a prompt (exit code 4). */
        REFUSED,
        /** No device, the device is locked, or the wrong app is open (exit code 5). */
        UNAVAILABLE,
        /** The signer's secret could not be loaded (missing variable, bad password). */
        SECRET_UNAVAILABLE,
        /** Anything else: protocol errors, unsupported requests. */
        FAILED
    }

    private final Reason reason;

    public SignerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignerException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
