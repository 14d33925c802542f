package io.countersign.hw.protocol.thp;

import java.security.MessageDigest;
import java.util.zip.CRC32;

/**
 * THP's error-detection code: CRC-32-IEEE (polynomial 0x04C11DB7, reflected 0xEDB88320, the JDK's
 * {@link CRC32}) over the initiation header and the transport payload, appended as 4 bytes
 * big-endian (specification.md, "Error detection layer").
 */
public final class ThpCrc32 {
    public static final int LENGTH = 4;

    private ThpCrc32() {}

    /** The 4-byte big-endian CRC-32 of {@code data}. */
    public static byte[] compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    public static byte[] compute(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        long v = crc.getValue();
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** True if {@code checksum} is exactly the 4-byte CRC-32 of {@code data}. */
    public static boolean isValid(byte[] checksum, byte[] data) {
        return checksum.length == LENGTH && MessageDigest.isEqual(checksum, compute(data));
    }
}
