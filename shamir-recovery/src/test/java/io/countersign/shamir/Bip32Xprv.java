package io.countersign.shamir;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only BIP-32 master extended private key (mainnet "xprv") of a seed, to check the
 * fourth column of the SLIP-0039 vectors: I = HMAC-SHA512("Bitcoin seed", seed), key = I[0..32),
 * chain code = I[32..64), serialized per BIP-32 and Base58Check-encoded.
 */
final class Bip32Xprv {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private Bip32Xprv() { }

    static String masterXprv(byte[] seed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec("Bitcoin seed".getBytes(StandardCharsets.US_ASCII), "HmacSHA512"));
        byte[] i = mac.doFinal(seed);
        ByteBuffer b = ByteBuffer.allocate(78);
        b.putInt(0x0488ADE4).put((byte) 0).putInt(0).putInt(0);
        b.put(i, 32, 32).put((byte) 0).put(i, 0, 32);
        byte[] payload = b.array();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] check = sha.digest(sha.digest(payload));
        byte[] full = Arrays.copyOf(payload, 82);
        System.arraycopy(check, 0, full, 78, 4);
        return base58(full);
    }

    private static String base58(byte[] data) {
        BigInteger n = new BigInteger(1, data);
        StringBuilder sb = new StringBuilder();
        BigInteger radix = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(radix);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int k = 0; k < data.length && data[k] == 0; k++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }
}
