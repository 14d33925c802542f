package io.countersign.timelock;

import java.math.BigInteger;

/**
 * An OpenZeppelin operation found in the timelock's events, with its current state.
 *
 * @param operation calls (ordered by event index), predecessor and salt ({@link Salt#ZERO} when no
 *     {@code CallSalt} event was emitted); {@code operation.id()} equals the event's id
 * @param delay the delay it was scheduled with, seconds
 * @param state the contract's current state
 * @param readyAt when it becomes (or became) executable, seconds since the epoch: the scheduling
 *     block's timestamp plus {@code delay}
 * @param cancelled true when a {@code Cancelled} event followed its last scheduling
 * @param scheduledBlock the block of its last {@code CallScheduled} event
 */
public record ScheduledOperation(TimelockOperation operation, BigInteger delay, OperationState state, long readyAt,
        boolean cancelled, BigInteger scheduledBlock) {
    public OperationId id() {
        return operation.id();
    }
}
