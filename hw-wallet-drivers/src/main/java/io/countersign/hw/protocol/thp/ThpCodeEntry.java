package io.countersign.hw.protocol.thp;

import java.math.BigInteger;
import java.security.MessageDigest;

/**
 * The checks of code-entry pairing after the Trezor reveals its secret (specification.md, "Code
 * Entry pairing sequence"): {@code commitment == SHA-256(secret)} and
 * {@code code == SHA-256(0x02 || handshake_hash || secret || challenge) mod 1000000}, big-endian.
 */
public final class ThpCodeEntry {
    /** ThpPairingMethod.CodeEntry. */
    public static final int METHOD = 2;

    private ThpCodeEntry() {}

    /** The six-digit code (with leading zeros) the Trezor shows for these values. */
    public static String code(byte[] handshakeHash, byte[] secret, byte[] challenge) {
        byte[] hash = ThpCrypto.sha256(new byte[] {METHOD}, handshakeHash, secret, challenge);
        int v = new BigInteger(1, hash).mod(BigInteger.valueOf(1_000_000)).intValue();
        return String.format("%06d", v);
    }

    /**
     * @throws ThpCryptoException if the secret does not open the commitment or does not give the code
     */
    public static void verify(String code, byte[] handshakeHash, byte[] commitment, byte[] challenge, byte[] secret) throws ThpCryptoException {
        if (!MessageDigest.isEqual(ThpCrypto.sha256(secret), commitment)) {
            throw new ThpCryptoException("the Trezor's pairing secret does not match its commitment");
        }
        if (!MessageDigest.isEqual(code(handshakeHash, secret, challenge).getBytes(), Cpace.checkCode(code).getBytes())) {
            throw new ThpCryptoException("the pairing code does not match the Trezor's secret");
        }
    }
}
