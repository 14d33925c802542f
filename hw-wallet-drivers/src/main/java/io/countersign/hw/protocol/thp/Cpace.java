package io.countersign.hw.protocol.thp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * CPace over X25519 ({@code CPace255}, draft-irtf-cfrg-cpace; specification.md, "Code Entry pairing
 * sequence"). THP's code-entry pairing uses PRS = the six ASCII digits shown on the Trezor, CI = the
 * handshake hash and an empty sid, so the generator string is
 * {@code 08 "CPace255" 06 code 6f 00*111 20 handshake_hash 00}.
 */
public final class Cpace {
    private static final byte[] DSI = "CPace255".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH_BLOCK_SIZE = 128;

    private Cpace() {}

    /**
     * {@code generator_string(DSI, PRS, zero padding, CI, sid)}: each part prefixed with its length
     * (one byte; every part here is shorter than 128 bytes).
     */
    public static byte[] generatorString(byte[] prs, byte[] ci, byte[] sid) {
        int lenZpad = Math.max(0, HASH_BLOCK_SIZE - (1 + DSI.length + 1 + prs.length + 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : new byte[][] {DSI, prs, new byte[lenZpad], ci, sid}) {
            if (part.length > 0x7F) {
                throw new IllegalArgumentException("CPace part of " + part.length + " bytes exceeds one length byte");
            }
            out.write(part.length);
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The generator: Elligator 2 of the first 32 bytes of SHA-512 of the generator string. */
    public static byte[] generator(byte[] prs, byte[] ci, byte[] sid) {
        byte[] h = ThpCrypto.sha512(generatorString(prs, ci, sid));
        return Elligator2.mapToCurve25519(java.util.Arrays.copyOf(h, 32));
    }

    /** The generator for a THP pairing code and handshake hash. */
    public static byte[] codeEntryGenerator(String code, byte[] handshakeHash) {
        return generator(checkCode(code).getBytes(StandardCharsets.US_ASCII), handshakeHash, new byte[0]);
    }

    static String checkCode(String code) {
        if (code == null || !code.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("the pairing code is the 6 digits shown on the Trezor");
        }
        return code;
    }

    /**
     * One side's CPace values.
     *
     * @param publicKey X25519(private key, generator), sent to the peer
     * @param sharedSecret X25519(private key, peer's public key)
     * @param tag SHA-256(shared secret), THP's {@code ThpCodeEntryCpaceHostTag.tag}
     */
    public record Result(byte[] publicKey, byte[] sharedSecret, byte[] tag) {}

    /**
     * The host's CPace step for code entry.
     *
     * @param privateKey 32 random bytes
     * @param trezorPublicKey {@code ThpCodeEntryCpaceTrezor.cpace_trezor_public_key}
     * @throws ThpCryptoException if the Trezor's key is all zeros or a low-order point
     */
    public static Result hostKeys(String code, byte[] handshakeHash, byte[] privateKey, byte[] trezorPublicKey) throws ThpCryptoException {
        byte[] g = codeEntryGenerator(code, handshakeHash);
        byte[] pub = ThpCrypto.x25519(privateKey, g);
        byte[] shared = ThpCrypto.x25519(privateKey, trezorPublicKey);
        return new Result(pub, shared, ThpCrypto.sha256(shared));
    }
}
