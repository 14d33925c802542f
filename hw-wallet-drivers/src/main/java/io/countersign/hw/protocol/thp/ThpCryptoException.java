package io.countersign.hw.protocol.thp;

/**
 * A THP secure-channel check failed: an AES-GCM tag did not verify, a handshake message had the
 * wrong size, a Diffie-Hellman result was all zeros (a low-order point), a nonce would overflow, or
 * a pairing code, commitment or tag did not match. The channel must be dropped (specification.md,
 * "Secure channel layer": any such error returns the channel to UNALLOCATED).
 */
public final class ThpCryptoException extends Exception {
    public ThpCryptoException(String message) {
        super(message);
    }

    public ThpCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
