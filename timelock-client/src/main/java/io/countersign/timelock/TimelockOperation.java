package io.countersign.timelock;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * An OpenZeppelin {@code TimelockController} operation: its calls, {@code predecessor} and
 * {@code salt}. A single operation ({@code schedule}/{@code execute}) and a batch
 * ({@code scheduleBatch}/{@code executeBatch}) hash differently even for one call, so the form is
 * part of the value.
 *
 * @param calls the calls, in execution order; exactly one when {@code batch} is false
 * @param predecessor the operation that must be done before this one executes, or
 *     {@link OperationId#ZERO} for none
 * @param salt distinguishes operations with the same calls
 * @param batch true for the batch form
 */
public record TimelockOperation(List<TimelockCall> calls, OperationId predecessor, Salt salt, boolean batch) {
    public TimelockOperation {
        Objects.requireNonNull(predecessor, "predecessor");
        Objects.requireNonNull(salt, "salt");
        calls = List.copyOf(Objects.requireNonNull(calls, "calls"));
        if (calls.isEmpty()) {
            throw new TimelockException.InvalidOperationException("a timelock operation needs at least one call");
        }
        if (!batch && calls.size() != 1) {
            throw new TimelockException.InvalidOperationException(
                    "a single (non-batch) operation has exactly one call, got " + calls.size() + ": use the batch form");
        }
    }

    /** A single operation ({@code schedule}/{@code execute}). */
    public static TimelockOperation single(TimelockCall call, OperationId predecessor, Salt salt) {
        return new TimelockOperation(List.of(call), predecessor, salt, false);
    }

    /**
     * A single operation with a fresh {@link Salt#random()} salt; read it back with {@link #salt()}
     * and store it in the request, or the operation cannot be executed later.
     */
    public static TimelockOperation single(TimelockCall call, OperationId predecessor) {
        return single(call, predecessor, Salt.random());
    }

    /** A batch operation with a fresh {@link Salt#random()} salt (store it, as for {@link #single(TimelockCall, OperationId)}). */
    public static TimelockOperation batch(List<TimelockCall> calls, OperationId predecessor) {
        return batch(calls, predecessor, Salt.random());
    }

    /** A batch operation ({@code scheduleBatch}/{@code executeBatch}). */
    public static TimelockOperation batch(List<TimelockCall> calls, OperationId predecessor, Salt salt) {
        return new TimelockOperation(calls, predecessor, salt, true);
    }

    /**
     * The operation id, as the contract's {@code hashOperation(target, value, data, predecessor,
     * salt)} or {@code hashOperationBatch(targets, values, payloads, predecessor, salt)} computes it:
     * keccak256 of the ABI encoding of those arguments.
     */
    public OperationId id() {
        return OzTimelockAbi.hash(this);
    }

    /** The sum of the calls' values, wei: what the timelock must hold when the operation executes. */
    public BigInteger totalValue() {
        return calls.stream().map(TimelockCall::value).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
