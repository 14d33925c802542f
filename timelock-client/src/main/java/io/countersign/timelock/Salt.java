package io.countersign.timelock;

import io.countersign.eth.Hex;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The 32-byte {@code salt} of an OpenZeppelin timelock operation: it makes two operations with the
 * same calls distinct. The id depends on it, so a request must keep the salt it was built with,
 * or the operation can never be executed or found again.
 *
 * @param bytes exactly 32 bytes (copied in and out)
 */
public record Salt(byte[] bytes) {
    /** {@code bytes32(0)}: no {@code CallSalt} event is emitted for it. */
    public static final Salt ZERO = new Salt(new byte[32]);

    private static final SecureRandom RANDOM = new SecureRandom();

    public Salt {
        if (bytes == null || bytes.length != 32) {
            throw new TimelockException.InvalidOperationException(
                    "a salt is 32 bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        bytes = bytes.clone();
    }

    /** 32 bytes from {@link SecureRandom}: the default for a new operation. */
    public static Salt random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return new Salt(b);
    }

    /**
     * Parses {@code 0x} followed by 64 hex digits.
     *
     * @throws io.countersign.eth.EthException.InvalidInputException if it is not 32 bytes of hex
     */
    public static Salt parse(String hex) {
        return new Salt(Hex.decode(hex, "salt", 32));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Salt other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
