package io.countersign.eth;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.Sign;

/**
 * A secp256k1 ECDSA signature as Ethereum carries it: {@code r} (32 bytes), {@code s} (32
 * bytes) and {@code v} (one byte in the 65-byte form). For messages and typed data {@code v} is
 * 27 or 28; Safe's eth_sign form adds 4 (31/32); transactions use their own v conventions and
 * are not stored in this type.
 */
public record Signature(byte[] r, byte[] s, int v) {
    public Signature {
        if (r.length != 32 || s.length != 32) {
            throw new EthException.InvalidInputException("signature r and s must be 32 bytes each");
        }
        if (v < 0 || v > 255) {
            throw new EthException.InvalidInputException("signature v must fit in one byte, got " + v);
        }
        r = r.clone();
        s = s.clone();
    }

    /**
     * Splits a 65-byte {@code r ‖ s ‖ v} signature.
     *
     * @throws EthException.InvalidInputException if not exactly 65 bytes
     */
    public static Signature fromBytes(byte[] rsv) {
        if (rsv.length != 65) {
            throw new EthException.InvalidInputException("a signature is 65 bytes (r, s, v), got " + rsv.length);
        }
        return new Signature(Arrays.copyOfRange(rsv, 0, 32), Arrays.copyOfRange(rsv, 32, 64), rsv[64] & 0xff);
    }

    /** Parses 65 bytes of hex. */
    public static Signature parse(String hex) {
        return fromBytes(Hex.decode(hex, "signature", 65));
    }

    @Override
    public byte[] r() {
        return r.clone();
    }

    @Override
    public byte[] s() {
        return s.clone();
    }

    /** {@code r ‖ s ‖ v}, 65 bytes. */
    public byte[] toBytes() {
        byte[] out = new byte[65];
        System.arraycopy(r, 0, out, 0, 32);
        System.arraycopy(s, 0, out, 32, 32);
        out[64] = (byte) v;
        return out;
    }

    /** 0x-prefixed hex of {@link #toBytes()}. */
    public String toHex() {
        return Hex.encode(toBytes());
    }

    /** The same signature with {@code v} 0/1 (as some devices and libraries return it) read as 27/28. */
    public Signature normalizeV() {
        return v < 27 ? withV(v + 27) : this;
    }

    /** A copy with another {@code v}. */
    public Signature withV(int newV) {
        return new Signature(r, s, newV);
    }

    /**
     * The address whose key made this signature over a 32-byte digest, taking the recovery id
     * from {@code v} (27/28 or 0/1).
     *
     * @throws EthException.InvalidInputException if {@code v} is not one of those or the
     *     signature does not recover
     */
    public Address recover(byte[] digest32) {
        int recId = v >= 27 ? v - 27 : v;
        if (recId != 0 && recId != 1) {
            throw new EthException.InvalidInputException("signature v must be 27/28 (or 0/1) to recover, got " + v);
        }
        Sign.SignatureData data = new Sign.SignatureData((byte) (27 + recId), r, s);
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest32, data);
            return Address.fromPublicKey(org.web3j.utils.Numeric.toBytesPadded(key, 64));
        } catch (SignatureException | IllegalArgumentException e) {
            throw new EthException.InvalidInputException("signature does not recover to any key: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature other && v == other.v && Arrays.equals(r, other.r) && Arrays.equals(s, other.s);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(r) + Arrays.hashCode(s) + v;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
