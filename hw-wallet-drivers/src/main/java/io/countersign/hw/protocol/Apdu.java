package io.countersign.hw.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An ISO 7816 command APDU as the Ledger apps take it: {@code CLA INS P1 P2 Lc data} (short Lc,
 * data at most 255 bytes).
 *
 * @param cla class byte (0xE0 for the Ethereum app, 0xB0 for the OS)
 * @param ins instruction byte
 * @param p1 first parameter
 * @param p2 second parameter
 * @param data command data, 0–255 bytes
 */
public record Apdu(int cla, int ins, int p1, int p2, byte[] data) {
    public Apdu {
        if (data.length > 255) {
            throw new IllegalArgumentException("APDU data is at most 255 bytes, got " + data.length);
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The wire bytes: 5-byte header then data. */
    public byte[] encode() {
        byte[] out = new byte[5 + data.length];
        out[0] = (byte) cla;
        out[1] = (byte) ins;
        out[2] = (byte) p1;
        out[3] = (byte) p2;
        out[4] = (byte) data.length;
        System.arraycopy(data, 0, out, 5, data.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Apdu a && Arrays.equals(encode(), a.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "Apdu[" + HexFormat.of().formatHex(encode(), 0, 4) + ", " + data.length + " data bytes]";
    }
}
