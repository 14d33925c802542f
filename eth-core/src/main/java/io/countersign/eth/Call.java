package io.countersign.eth;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * One call as a Safe or a batch leg performs it.
 *
 * @param to the called account
 * @param value native value in wei
 * @param data calldata (may be empty)
 * @param operation CALL or DELEGATECALL
 */
public record Call(Address to, BigInteger value, byte[] data, Operation operation) {
    public Call {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(operation, "operation");
        if (value.signum() < 0) {
            throw new EthException.InvalidInputException("value must not be negative: " + value);
        }
        data = data == null ? new byte[0] : data.clone();
    }

    /** A plain CALL. */
    public static Call of(Address to, BigInteger value, byte[] data) {
        return new Call(to, value, data, Operation.CALL);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Call c && to.equals(c.to) && value.equals(c.value)
                && Arrays.equals(data, c.data) && operation == c.operation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(to, value, Arrays.hashCode(data), operation);
    }

    @Override
    public String toString() {
        return "Call[to=" + to + ", value=" + value + ", data=" + Hex.encode(data) + ", operation=" + operation + "]";
    }
}
