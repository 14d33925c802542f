package io.countersign.timelock;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * One call a timelock makes when an operation executes (always a CALL, never a delegatecall).
 *
 * @param target the called account
 * @param value native value in wei, sent from the timelock's balance
 * @param data calldata (may be empty; copied in and out)
 */
public record TimelockCall(Address target, BigInteger value, byte[] data) {
    public TimelockCall {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new TimelockException.InvalidOperationException("value must be a uint256 in wei, got " + value);
        }
        data = data == null ? new byte[0] : data.clone();
    }

    /** The same call as eth-core's {@link Call} (operation CALL). */
    public Call toCall() {
        return Call.of(target, value, data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimelockCall c && target.equals(c.target) && value.equals(c.value) && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, value, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "TimelockCall[target=" + target + ", value=" + value + ", data=" + Hex.encode(data) + "]";
    }
}
