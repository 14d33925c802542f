package io.countersign.shamir;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Encryption of the master secret (SLIP-0039, "Encryption of the master secret"): a 4-round
 * Feistel network whose round function is PBKDF2-HMAC-SHA256 with password (i || passphrase),
 * salt (salt prefix || R) and (10000 &lt;&lt; e) / 4 iterations. The salt prefix is "shamir" ||
 * identifier (2 bytes, big-endian) without the extendable backup flag, and empty with it.
 */
final class FeistelCipher {
    /** Number of Feistel rounds. */
    static final int ROUND_COUNT = 4;
    /** Total PBKDF2 iterations at exponent 0, spread over the rounds. */
    static final int BASE_ITERATION_COUNT = 10000;

    private static final byte[] SALT_PREFIX = "shamir".getBytes(StandardCharsets.US_ASCII);

    private FeistelCipher() { }

    /** PBKDF2 iterations per round: (10000 &lt;&lt; e) / 4, e.g. 5000 for e = 1. */
    static int iterationsPerRound(int iterationExponent) {
        return (BASE_ITERATION_COUNT << iterationExponent) / ROUND_COUNT;
    }

    static byte[] encrypt(byte[] masterSecret, byte[] passphrase, int iterationExponent,
                          int identifier, boolean extendable) {
        return crypt(masterSecret, passphrase, iterationExponent, identifier, extendable, false);
    }

    static byte[] decrypt(byte[] ems, byte[] passphrase, int iterationExponent,
                          int identifier, boolean extendable) {
        return crypt(ems, passphrase, iterationExponent, identifier, extendable, true);
    }

    private static byte[] crypt(byte[] input, byte[] passphrase, int e, int identifier,
                                boolean extendable, boolean reverse) {
        int half = input.length / 2;
        byte[] l = Arrays.copyOfRange(input, 0, half);
        byte[] r = Arrays.copyOfRange(input, half, input.length);
        byte[] saltPrefix = saltPrefix(identifier, extendable);
        for (int n = 0; n < ROUND_COUNT; n++) {
            int round = reverse ? ROUND_COUNT - 1 - n : n;
            byte[] f = roundFunction(round, passphrase, e, saltPrefix, r);
            for (int k = 0; k < half; k++) {
                f[k] ^= l[k];
            }
            Arrays.fill(l, (byte) 0);
            l = r;
            r = f;
        }
        byte[] out = new byte[input.length];
        System.arraycopy(r, 0, out, 0, half);
        System.arraycopy(l, 0, out, half, half);
        Arrays.fill(l, (byte) 0);
        Arrays.fill(r, (byte) 0);
        return out;
    }

    private static byte[] saltPrefix(int identifier, boolean extendable) {
        if (extendable) {
            return new byte[0];
        }
        byte[] salt = Arrays.copyOf(SALT_PREFIX, SALT_PREFIX.length + 2);
        salt[SALT_PREFIX.length] = (byte) (identifier >>> 8);
        salt[SALT_PREFIX.length + 1] = (byte) identifier;
        return salt;
    }

    /**
     * F(i, R) = PBKDF2-HMAC-SHA256(password = i || passphrase, salt = prefix || R,
     * iterations = (10000 &lt;&lt; e) / 4, dkLen = |R|). The JDK takes the password as chars and
     * encodes them as UTF-8; the round byte (0..3) and a printable-ASCII passphrase (checked
     * by the callers) encode to exactly the same bytes.
     */
    static byte[] roundFunction(int round, byte[] passphrase, int e, byte[] saltPrefix, byte[] r) {
        char[] password = new char[passphrase.length + 1];
        password[0] = (char) round;
        for (int k = 0; k < passphrase.length; k++) {
            password[k + 1] = (char) (passphrase[k] & 0x7F);
        }
        byte[] salt = new byte[saltPrefix.length + r.length];
        System.arraycopy(saltPrefix, 0, salt, 0, saltPrefix.length);
        System.arraycopy(r, 0, salt, saltPrefix.length, r.length);
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterationsPerRound(e), r.length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", ex);
        } finally {
            spec.clearPassword();
            Arrays.fill(password, '\0');
            Arrays.fill(salt, (byte) 0);
        }
    }
}
