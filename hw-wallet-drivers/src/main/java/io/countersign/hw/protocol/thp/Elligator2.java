package io.countersign.hw.protocol.thp;

import java.math.BigInteger;

/**
 * Elligator 2 map to Curve25519, {@code map_to_curve_elligator2_curve25519} of RFC 9380 appendix
 * G.2.1, returning the u-coordinate (32 bytes little-endian). BouncyCastle has no hash-to-curve for
 * Curve25519, so this is a port of the RFC's straight-line procedure; the input is decoded like an
 * RFC 7748 u-coordinate (top bit ignored, reduced modulo p).
 *
 * <p>It runs on {@link BigInteger}, which is not constant-time. Its input in THP is a hash of the
 * six-digit pairing code and the handshake hash, computed once per pairing on the host.
 */
public final class Elligator2 {
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger J = BigInteger.valueOf(486662);
    /** sqrt(-1) mod p. */
    private static final BigInteger C3 = new BigInteger("19681161376707505956807079304988542015446066515923890162744021073123829784752");
    /** (p - 5) / 8. */
    private static final BigInteger C4 = P.subtract(BigInteger.valueOf(5)).shiftRight(3);

    private Elligator2() {}

    /** Maps a 32-byte field-element encoding to a Curve25519 u-coordinate. */
    public static byte[] mapToCurve25519(byte[] input) {
        if (input.length != 32) {
            throw new IllegalArgumentException("Elligator 2 input is 32 bytes, got " + input.length);
        }
        BigInteger u = decode(input);
        BigInteger tv1 = u.multiply(u).mod(P);
        tv1 = tv1.shiftLeft(1).mod(P);
        BigInteger xd = tv1.add(BigInteger.ONE).mod(P);
        BigInteger x1n = J.negate().mod(P);
        BigInteger tv2 = xd.multiply(xd).mod(P);
        BigInteger gxd = tv2.multiply(xd).mod(P);
        BigInteger gx1 = J.multiply(tv1).mod(P);
        gx1 = gx1.multiply(x1n).mod(P);
        gx1 = gx1.add(tv2).mod(P);
        gx1 = gx1.multiply(x1n).mod(P);
        BigInteger tv3 = gxd.multiply(gxd).mod(P);
        tv2 = tv3.multiply(tv3).mod(P);
        tv3 = tv3.multiply(gxd).mod(P);
        tv3 = tv3.multiply(gx1).mod(P);
        tv2 = tv2.multiply(tv3).mod(P);
        BigInteger y11 = tv2.modPow(C4, P);
        y11 = y11.multiply(tv3).mod(P);
        BigInteger y12 = y11.multiply(C3).mod(P);
        tv2 = y11.multiply(y11).mod(P);
        tv2 = tv2.multiply(gxd).mod(P);
        boolean e1 = tv2.equals(gx1);
        BigInteger y1 = e1 ? y11 : y12;
        BigInteger x2n = x1n.multiply(tv1).mod(P);
        tv2 = y1.multiply(y1).mod(P);
        tv2 = tv2.multiply(gxd).mod(P);
        boolean e3 = tv2.equals(gx1);
        BigInteger xn = e3 ? x1n : x2n;
        BigInteger x = xn.multiply(xd.modPow(P.subtract(BigInteger.TWO), P)).mod(P);
        return encode(x);
    }

    private static BigInteger decode(byte[] le) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        be[0] &= 0x7F;
        return new BigInteger(1, be).mod(P);
    }

    private static byte[] encode(BigInteger x) {
        byte[] be = x.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}
