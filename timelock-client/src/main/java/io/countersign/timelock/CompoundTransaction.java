package io.countersign.timelock;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;

/**
 * A Compound {@code Timelock} transaction (the governance timelock shipped in
 * {@code @uniswap/governance}, same code as Compound's).
 *
 * @param target the called account
 * @param value wei, from the timelock's balance
 * @param signature a function signature such as {@code "transfer(address,uint256)"}, or empty when
 *     {@code data} is complete calldata
 * @param data the ABI-encoded arguments (without selector) when {@code signature} is set, else the
 *     whole calldata (copied in and out)
 * @param eta the earliest execution time, seconds since the epoch
 */
@SuppressWarnings("rawtypes") // web3j's ABI codec speaks List<Type>
public record CompoundTransaction(Address target, BigInteger value, String signature, byte[] data, BigInteger eta) {
    public static final String QUEUE = "queueTransaction(address,uint256,string,bytes,uint256)";
    public static final String EXECUTE = "executeTransaction(address,uint256,string,bytes,uint256)";
    public static final String CANCEL = "cancelTransaction(address,uint256,string,bytes,uint256)";
    public static final String SET_DELAY = "setDelay(uint256)";
    /** Event {@code QueueTransaction(bytes32 indexed txHash, address indexed target, uint value, string signature, bytes data, uint eta)}. */
    public static final String QUEUE_EVENT = "QueueTransaction(bytes32,address,uint256,string,bytes,uint256)";
    public static final String EXECUTE_EVENT = "ExecuteTransaction(bytes32,address,uint256,string,bytes,uint256)";
    public static final String CANCEL_EVENT = "CancelTransaction(bytes32,address,uint256,string,bytes,uint256)";

    public CompoundTransaction {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(eta, "eta");
        signature = signature == null ? "" : signature;
        if (value.signum() < 0 || eta.signum() < 0) {
            throw new TimelockException.InvalidOperationException("value and eta must not be negative");
        }
        data = data == null ? new byte[0] : data.clone();
    }

    /**
     * The queued-transaction key: {@code keccak256(abi.encode(target, value, signature, data, eta))},
     * as the contract computes it and indexes {@code queuedTransactions}.
     */
    public OperationId txHash() {
        return new OperationId(Hash.sha3(Abi.encode(arguments())));
    }

    /**
     * The call the timelock makes: {@code data} as is for an empty signature, else
     * {@code bytes4(keccak256(signature)) ++ data}.
     */
    public TimelockCall call() {
        if (signature.isEmpty()) {
            return new TimelockCall(target, value, data);
        }
        byte[] selector = Abi.selector(signature);
        byte[] out = Arrays.copyOf(selector, 4 + data.length);
        System.arraycopy(data, 0, out, 4, data.length);
        return new TimelockCall(target, value, out);
    }

    /** Calldata of {@code queueTransaction(target, value, signature, data, eta)}. */
    public byte[] queueCalldata() {
        return Abi.call(QUEUE, arguments());
    }

    /** Calldata of {@code executeTransaction(…)}. */
    public byte[] executeCalldata() {
        return Abi.call(EXECUTE, arguments());
    }

    /** Calldata of {@code cancelTransaction(…)}. */
    public byte[] cancelCalldata() {
        return Abi.call(CANCEL, arguments());
    }

    /** A transaction the timelock sends to itself to change its {@code delay} (seconds). */
    public static CompoundTransaction setDelay(Address timelock, BigInteger newDelay, BigInteger eta) {
        return new CompoundTransaction(timelock, BigInteger.ZERO, SET_DELAY, Abi.encode(List.of(Abi.uint(newDelay))), eta);
    }

    List<Type> arguments() {
        return List.of(Abi.address(target), Abi.uint(value), Abi.string(signature), Abi.bytes(data), Abi.uint(eta));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompoundTransaction t && target.equals(t.target) && value.equals(t.value)
                && signature.equals(t.signature) && Arrays.equals(data, t.data) && eta.equals(t.eta);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, value, signature, Arrays.hashCode(data), eta);
    }

    @Override
    public String toString() {
        return "CompoundTransaction[target=" + target + ", value=" + value + ", signature=" + signature + ", data="
                + Hex.encode(data) + ", eta=" + eta + "]";
    }
}
