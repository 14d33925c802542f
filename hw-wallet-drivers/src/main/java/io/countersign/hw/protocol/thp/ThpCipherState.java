package io.countersign.hw.protocol.thp;

/**
 * One direction of THP's encrypted transport: a key and a 64-bit nonce that counts up from its
 * start value (0 for requests, 1 for responses, the response nonce 0 having been used by the
 * handshake completion response). Associated data is empty (specification.md, "Handshake phase"
 * step 11; Noise CipherState).
 */
public final class ThpCipherState {
    private final byte[] key;
    private long nonce;
    private boolean exhausted;

    public ThpCipherState(byte[] key, long startNonce) {
        this.key = key.clone();
        this.nonce = startNonce;
    }

    /** Encrypts with the next nonce: ciphertext || 16-byte tag. */
    public byte[] encrypt(byte[] plaintext) throws ThpCryptoException {
        long n = take();
        return ThpCrypto.encrypt(key, n, new byte[0], plaintext);
    }

    /** Decrypts with the next nonce; the nonce advances only when the tag verifies. */
    public byte[] decrypt(byte[] ciphertextAndTag) throws ThpCryptoException {
        if (exhausted) {
            throw new ThpCryptoException("Nonce overflow, terminate the channel");
        }
        byte[] out = ThpCrypto.decrypt(key, nonce, new byte[0], ciphertextAndTag);
        take();
        return out;
    }

    /** The nonce the next message will use (unsigned). */
    public long nonce() {
        return nonce;
    }

    private long take() throws ThpCryptoException {
        if (exhausted) {
            throw new ThpCryptoException("Nonce overflow, terminate the channel");
        }
        long n = nonce;
        nonce++;
        if (nonce == 0) {
            exhausted = true;
        }
        return n;
    }
}
