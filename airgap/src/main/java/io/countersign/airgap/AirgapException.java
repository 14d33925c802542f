package io.countersign.airgap;

/**
 * A QR code, UR text or air-gap payload is malformed, incomplete, of an unexpected type, or does
 * not belong to the request at hand. Every QR frame and UR string is attacker-written: the
 * message says what is wrong and what to do (scan again, scan the other device's code, get a
 * fresh request). Nothing is written when this is thrown.
 */
public final class AirgapException extends RuntimeException {
    public AirgapException(String message) {
        super(message);
    }

    public AirgapException(String message, Throwable cause) {
        super(message, cause);
    }
}
