package io.countersign.timelock;

import io.countersign.eth.Hex;
import java.util.Arrays;

/**
 * A 32-byte timelock operation id: OpenZeppelin's {@code hashOperation}/{@code hashOperationBatch}
 * result, which is also what a {@code predecessor} names, or Compound's queued-transaction hash
 * ({@code keccak256(abi.encode(target, value, signature, data, eta))}).
 *
 * @param bytes exactly 32 bytes (copied in and out)
 */
public record OperationId(byte[] bytes) {
    /** {@code bytes32(0)}: as a predecessor it means "no predecessor". */
    public static final OperationId ZERO = new OperationId(new byte[32]);

    public OperationId {
        if (bytes == null || bytes.length != 32) {
            throw new TimelockException.InvalidOperationException(
                    "an operation id is 32 bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        bytes = bytes.clone();
    }

    /**
     * Parses {@code 0x} followed by 64 hex digits.
     *
     * @param field field name for the error message, e.g. {@code "predecessor"}
     * @throws io.countersign.eth.EthException.InvalidInputException if it is not 32 bytes of hex
     */
    public static OperationId parse(String hex, String field) {
        return new OperationId(Hex.decode(hex, field, 32));
    }

    /** Parses with the field name {@code "id"}. */
    public static OperationId parse(String hex) {
        return parse(hex, "id");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** True for {@code bytes32(0)}. */
    public boolean isZero() {
        return Arrays.equals(bytes, ZERO.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperationId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** {@code 0x} and 64 lower-case hex digits. */
    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
