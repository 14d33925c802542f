package io.countersign.shamir;

import java.nio.charset.StandardCharsets;

/**
 * The RS1024 checksum of SLIP-0039 ("Checksum"): a Reed-Solomon code over GF(1024) with
 * three check words, seeded with a customization string fed in as US-ASCII values.
 */
final class Rs1024 {
    /** Length of the checksum in words. */
    static final int CHECKSUM_LENGTH_WORDS = 3;
    /** Customization string when the extendable backup flag is not set. */
    static final byte[] CUSTOMIZATION_ORIGINAL = "shamir".getBytes(StandardCharsets.US_ASCII);
    /** Customization string when the extendable backup flag is set. */
    static final byte[] CUSTOMIZATION_EXTENDABLE = "shamir_extendable".getBytes(StandardCharsets.US_ASCII);

    private static final int[] GEN = {
        0xE0E040, 0x1C1C080, 0x3838100, 0x7070200, 0xE0E0009,
        0x1C0C2412, 0x38086C24, 0x3090FC48, 0x21B1F890, 0x3F3F120,
    };

    private Rs1024() { }

    static byte[] customization(boolean extendable) {
        return extendable ? CUSTOMIZATION_EXTENDABLE : CUSTOMIZATION_ORIGINAL;
    }

    private static int polymod(byte[] customization, int[] data, int trailingZeros) {
        int chk = 1;
        for (byte c : customization) {
            chk = step(chk, c & 0xFF);
        }
        for (int v : data) {
            chk = step(chk, v);
        }
        for (int i = 0; i < trailingZeros; i++) {
            chk = step(chk, 0);
        }
        return chk;
    }

    private static int step(int chk, int v) {
        int b = chk >>> 20;
        chk = ((chk & 0xFFFFF) << 10) ^ v;
        for (int i = 0; i < 10; i++) {
            if (((b >>> i) & 1) != 0) {
                chk ^= GEN[i];
            }
        }
        return chk;
    }

    /** The three checksum words (10-bit values) for the data words. */
    static int[] create(int[] data, boolean extendable) {
        int pm = polymod(customization(extendable), data, CHECKSUM_LENGTH_WORDS) ^ 1;
        int[] out = new int[CHECKSUM_LENGTH_WORDS];
        for (int i = 0; i < CHECKSUM_LENGTH_WORDS; i++) {
            out[i] = (pm >>> (10 * (CHECKSUM_LENGTH_WORDS - 1 - i))) & 1023;
        }
        return out;
    }

    /** Whether data words followed by their three checksum words verify. */
    static boolean verify(int[] dataWithChecksum, boolean extendable) {
        return polymod(customization(extendable), dataWithChecksum, 0) == 1;
    }
}
