package io.countersign.timelock;

/** The state of a Compound {@code Timelock} transaction at the chain's latest block time. */
public enum CompoundState {
    /** Never queued. */
    UNSET,
    /** Queued; {@code eta} is still in the future. */
    WAITING,
    /** Queued, {@code eta} has passed and {@code eta + GRACE_PERIOD} has not: may be executed. */
    READY,
    /** Queued but past {@code eta + GRACE_PERIOD}: can never execute; cancel and queue again. */
    EXPIRED,
    /** Executed (an {@code ExecuteTransaction} event, no longer queued). */
    DONE,
    /** Cancelled (a {@code CancelTransaction} event, no longer queued). */
    CANCELLED
}
