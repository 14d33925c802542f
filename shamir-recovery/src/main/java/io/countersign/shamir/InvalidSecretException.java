package io.countersign.shamir;

/**
 * Thrown when a master secret given to split is shorter than 16 bytes (128 bits) or has an
 * odd number of bytes (SLIP-0039, "Format of the share mnemonic": at least 128 bits and a
 * multiple of 16 bits). The user should supply 16 or 32 bytes (or 20, 24, 28 for BIP-39
 * entropy of 15, 18 or 21 words).
 */
public final class InvalidSecretException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int length;

    InvalidSecretException(int length) {
        super("master secret of " + length + " bytes: must be at least 16 bytes and an even number of bytes");
        this.length = length;
    }

    /** The rejected length in bytes. */
    public int length() { return length; }
}
