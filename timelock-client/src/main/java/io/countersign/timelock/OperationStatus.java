package io.countersign.timelock;

/**
 * An OpenZeppelin operation's state as the contract reports it.
 *
 * @param id the operation id
 * @param state UNSET, WAITING, READY or DONE
 * @param readyAt when it becomes (or became) executable, seconds since the epoch; 0 when the
 *     contract no longer knows it (UNSET, or DONE: the contract then stores the marker 1)
 */
public record OperationStatus(OperationId id, OperationState state, long readyAt) {}
