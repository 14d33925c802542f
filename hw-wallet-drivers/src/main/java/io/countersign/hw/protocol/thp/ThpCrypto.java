package io.countersign.hw.protocol.thp;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The primitives of THP's {@code Noise_XX_25519_AESGCM_SHA256} (specification.md, "Common
 * definitions"): SHA-256, the Noise HKDF, AES-256-GCM with the Noise nonce layout and X25519. All of
 * them come from the JDK or BouncyCastle; this class only fixes the parameters.
 */
public final class ThpCrypto {
    /** {@code "Noise_XX_25519_AESGCM_SHA256"} padded with four zero bytes to 32 bytes. */
    public static final byte[] PROTOCOL_NAME = Arrays.copyOf("Noise_XX_25519_AESGCM_SHA256".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 32);
    public static final int KEY_LENGTH = 32;
    public static final int TAG_LENGTH = 16;
    private static final BigInteger NONCE_LIMIT = BigInteger.ONE.shiftLeft(64);

    private ThpCrypto() {}

    /** SHA-256 of the concatenation of the parts. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest d = digest("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    public static byte[] sha512(byte[]... parts) {
        MessageDigest d = digest("SHA-512");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is missing from this JDK", e);
        }
    }

    /**
     * {@code HKDF(ck, input)} of the specification: RFC 5869 HKDF-SHA-256 with salt {@code ck}, input
     * key material {@code input}, empty info and 64 bytes of output, split into two 32-byte keys.
     *
     * @return {output_1 (the new chaining key or key_request), output_2 (the key or key_response)}
     */
    public static byte[][] hkdf(byte[] chainingKey, byte[] input) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(input, chainingKey, new byte[0]));
        byte[] out = new byte[64];
        g.generateBytes(out, 0, 64);
        return new byte[][] {Arrays.copyOf(out, 32), Arrays.copyOfRange(out, 32, 64)};
    }

    /**
     * The 96-bit AES-GCM IV for a Noise nonce: 32 zero bits, then the nonce as 64 bits big-endian.
     *
     * @param nonce 0 .. 2^64-1
     * @throws IllegalArgumentException "Nonce overflow, terminate the channel" for larger values
     */
    public static byte[] iv(BigInteger nonce) {
        if (nonce.signum() < 0 || nonce.compareTo(NONCE_LIMIT) >= 0) {
            throw new IllegalArgumentException("Nonce overflow, terminate the channel");
        }
        return iv(nonce.longValue());
    }

    /** The IV for a nonce held as an unsigned 64-bit value. */
    public static byte[] iv(long unsignedNonce) {
        byte[] iv = new byte[12];
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (unsignedNonce >>> (56 - 8 * i));
        }
        return iv;
    }

    /** AES-256-GCM encryption: ciphertext followed by the 16-byte tag. */
    public static byte[] encrypt(byte[] key, long nonce, byte[] ad, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv(nonce)));
            c.updateAAD(ad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not usable in this JDK: " + e.getMessage(), e);
        }
    }

    /**
     * AES-256-GCM decryption of {@code ciphertext || tag}.
     *
     * @throws ThpCryptoException if the tag does not verify or the input is shorter than a tag
     */
    public static byte[] decrypt(byte[] key, long nonce, byte[] ad, byte[] ciphertextAndTag) throws ThpCryptoException {
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new ThpCryptoException("encrypted THP data of " + ciphertextAndTag.length + " bytes is shorter than its 16-byte tag");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv(nonce)));
            c.updateAAD(ad);
            return c.doFinal(ciphertextAndTag);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new ThpCryptoException("the AES-GCM tag does not verify (the data was altered or the keys differ)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not usable in this JDK: " + e.getMessage(), e);
        }
    }

    /** X25519 public key of a 32-byte private key (RFC 7748 clamping). */
    public static byte[] publicKey(byte[] privateKey) {
        byte[] out = new byte[32];
        X25519.scalarMultBase(checkLength(privateKey), 0, out, 0);
        return out;
    }

    /**
     * X25519(scalar, u) per RFC 7748 (the scalar is clamped, the top bit of u is ignored).
     *
     * @throws ThpCryptoException if the result is all zeros: {@code u} is a low-order point
     */
    public static byte[] x25519(byte[] scalar, byte[] u) throws ThpCryptoException {
        byte[] out = new byte[32];
        if (!X25519.calculateAgreement(checkLength(scalar), 0, checkLength(u), 0, out, 0)) {
            throw new ThpCryptoException("X25519 with a low-order point gives all zeros; the peer's public key is refused");
        }
        return out;
    }

    private static byte[] checkLength(byte[] k) {
        if (k.length != 32) {
            throw new IllegalArgumentException("X25519 keys are 32 bytes, got " + k.length);
        }
        return k;
    }
}
