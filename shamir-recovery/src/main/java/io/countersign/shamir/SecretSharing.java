package io.countersign.shamir;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One level of SLIP-0039 sharing: SplitSecret and RecoverSecret ("Sharing a secret"), with
 * the secret stored at x = 255 and its digest share at x = 254.
 */
final class SecretSharing {
    /** x coordinate of the share holding the shared secret. */
    static final int SECRET_INDEX = 255;
    /** x coordinate of the share holding the digest of the shared secret. */
    static final int DIGEST_INDEX = 254;
    /** Length of the digest in bytes: the first 4 bytes of HMAC-SHA256(key=R, msg=S). */
    static final int DIGEST_LENGTH_BYTES = 4;
    /** Maximum number of shares at each level (4-bit index). */
    static final int MAX_SHARE_COUNT = 16;

    private SecretSharing() { }

    /**
     * SplitSecret(T, N, S): shares for x = 0..N-1. With T = 1 every share is S itself.
     * The caller has checked 1 <= T <= N <= 16.
     */
    static byte[][] split(int threshold, int count, byte[] secret, SecureRandom rng) {
        byte[][] shares = new byte[count][];
        if (threshold == 1) {
            for (int i = 0; i < count; i++) {
                shares[i] = secret.clone();
            }
            return shares;
        }
        int randomShareCount = threshold - 2;
        for (int i = 0; i < randomShareCount; i++) {
            shares[i] = new byte[secret.length];
            rng.nextBytes(shares[i]);
        }
        byte[] randomPart = new byte[secret.length - DIGEST_LENGTH_BYTES];
        rng.nextBytes(randomPart);
        byte[] digest = digest(randomPart, secret);
        byte[] digestShare = new byte[secret.length];
        System.arraycopy(digest, 0, digestShare, 0, DIGEST_LENGTH_BYTES);
        System.arraycopy(randomPart, 0, digestShare, DIGEST_LENGTH_BYTES, randomPart.length);

        int[] xs = new int[threshold];
        byte[][] ys = new byte[threshold][];
        for (int i = 0; i < randomShareCount; i++) {
            xs[i] = i;
            ys[i] = shares[i];
        }
        xs[randomShareCount] = DIGEST_INDEX;
        ys[randomShareCount] = digestShare;
        xs[randomShareCount + 1] = SECRET_INDEX;
        ys[randomShareCount + 1] = secret;
        for (int i = randomShareCount; i < count; i++) {
            shares[i] = Gf256.interpolate(xs, ys, i);
        }
        Arrays.fill(randomPart, (byte) 0);
        Arrays.fill(digestShare, (byte) 0);
        Arrays.fill(digest, (byte) 0);
        return shares;
    }

    /**
     * RecoverSecret(T, shares): the shared secret, checked against the digest share when T >= 2.
     * The caller has checked that the x values are distinct and the values equally long.
     *
     * @param level group index whose members are combined, or -1 for the group level (for errors)
     * @throws DigestMismatchException when the digest does not match
     */
    static byte[] recover(int threshold, int[] xs, byte[][] ys, int level) throws DigestMismatchException {
        if (threshold == 1) {
            return ys[0].clone();
        }
        byte[] secret = Gf256.interpolate(xs, ys, SECRET_INDEX);
        byte[] digestShare = Gf256.interpolate(xs, ys, DIGEST_INDEX);
        byte[] randomPart = Arrays.copyOfRange(digestShare, DIGEST_LENGTH_BYTES, digestShare.length);
        byte[] expected = digest(randomPart, secret);
        boolean ok = MessageDigest.isEqual(expected, Arrays.copyOf(digestShare, DIGEST_LENGTH_BYTES));
        Arrays.fill(digestShare, (byte) 0);
        Arrays.fill(randomPart, (byte) 0);
        if (!ok) {
            Arrays.fill(secret, (byte) 0);
            throw new DigestMismatchException(level);
        }
        return secret;
    }

    private static byte[] digest(byte[] randomPart, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(randomPart, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(secret), DIGEST_LENGTH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
