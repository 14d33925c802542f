package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * The ten fields of a Safe transaction, exactly as {@code execTransaction} and the EIP-712
 * {@code SafeTx} struct take them. Gas fields are gas units, {@code gasPrice} is in
 * {@code gasToken} base units per gas (wei when {@code gasToken} is zero), {@code value} is wei.
 */
public record SafeTx(Address to, BigInteger value, byte[] data, Operation operation, BigInteger safeTxGas,
        BigInteger baseGas, BigInteger gasPrice, Address gasToken, Address refundReceiver, BigInteger nonce) {

    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    public SafeTx {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(gasToken, "gasToken");
        Objects.requireNonNull(refundReceiver, "refundReceiver");
        data = data == null ? new byte[0] : data.clone();
        check("value", value);
        check("safeTxGas", safeTxGas);
        check("baseGas", baseGas);
        check("gasPrice", gasPrice);
        check("nonce", nonce);
    }

    private static void check(String field, BigInteger n) {
        if (n == null) {
            throw new EthException.InvalidInputException(field + " is missing");
        }
        if (n.signum() < 0 || n.compareTo(UINT256_MAX) > 0) {
            throw new EthException.InvalidInputException(field + " must be a uint256, got " + n);
        }
    }

    /** A SafeTx for a call with no refund (all gas fields zero), the usual case. */
    public static SafeTx of(Call call, BigInteger nonce) {
        return new SafeTx(call.to(), call.value(), call.data(), call.operation(), BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, Address.ZERO, Address.ZERO, nonce);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The call this transaction makes. */
    public Call call() {
        return new Call(to, value, data, operation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SafeTx t && to.equals(t.to) && value.equals(t.value) && Arrays.equals(data, t.data)
                && operation == t.operation && safeTxGas.equals(t.safeTxGas) && baseGas.equals(t.baseGas)
                && gasPrice.equals(t.gasPrice) && gasToken.equals(t.gasToken) && refundReceiver.equals(t.refundReceiver)
                && nonce.equals(t.nonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(to, value, Arrays.hashCode(data), operation, nonce);
    }

    @Override
    public String toString() {
        return "SafeTx[to=" + to + ", value=" + value + ", data=" + Hex.encode(data) + ", operation=" + operation
                + ", nonce=" + nonce + "]";
    }
}
