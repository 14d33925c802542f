package io.countersign.shamir;

/**
 * Lagrange interpolation over GF(256) with the Rijndael polynomial x^8 + x^4 + x^3 + x + 1,
 * applied byte-wise to value vectors (SLIP-0039, "Polynomial interpolation").
 */
final class Gf256 {
    private static final int[] EXP = new int[255];
    private static final int[] LOG = new int[256];

    static {
        int poly = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = poly;
            LOG[poly] = i;
            // multiply by the generator x + 1, then reduce by the Rijndael polynomial
            poly = (poly << 1) ^ poly;
            if ((poly & 0x100) != 0) {
                poly ^= 0x11B;
            }
        }
    }

    private Gf256() { }

    /**
     * f(x) for the polynomials through the points (xs[i], ys[i]).
     *
     * @param xs distinct x coordinates 0..255
     * @param ys value vectors, all of the same length
     * @param x  the x coordinate to evaluate at
     * @return a new array of the common length
     */
    static byte[] interpolate(int[] xs, byte[][] ys, int x) {
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == x) {
                return ys[i].clone();
            }
        }
        int n = ys[0].length;
        int logProd = 0;
        for (int xi : xs) {
            logProd += LOG[xi ^ x];
        }
        byte[] result = new byte[n];
        for (int i = 0; i < xs.length; i++) {
            int logBasis = logProd - LOG[xs[i] ^ x];
            for (int j = 0; j < xs.length; j++) {
                if (j != i) {
                    logBasis -= LOG[xs[i] ^ xs[j]];
                }
            }
            logBasis = Math.floorMod(logBasis, 255);
            byte[] y = ys[i];
            for (int k = 0; k < n; k++) {
                int v = y[k] & 0xFF;
                if (v != 0) {
                    result[k] ^= (byte) EXP[(LOG[v] + logBasis) % 255];
                }
            }
        }
        return result;
    }
}
