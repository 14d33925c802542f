package io.countersign.timelock;

/**
 * The state of an OpenZeppelin timelock operation, in the order of the contract's
 * {@code TimelockController.OperationState} enum (the value {@code getOperationState} returns).
 */
public enum OperationState {
    /** Never scheduled, or cancelled (cancel deletes the timestamp). */
    UNSET,
    /** Scheduled; {@code readyAt} is still in the future. */
    WAITING,
    /** Scheduled and {@code readyAt} has passed: may be executed. */
    READY,
    /** Executed. */
    DONE;

    /** Maps the contract's {@code uint8}. */
    static OperationState ofOrdinal(int ordinal) {
        OperationState[] all = values();
        if (ordinal < 0 || ordinal >= all.length) {
            throw new TimelockException.MalformedCalldataException("getOperationState returned " + ordinal
                    + ", which is no OperationState (0..3): is the address an OpenZeppelin TimelockController 5.x?");
        }
        return all[ordinal];
    }

    /** True for WAITING and READY, what the contract calls pending. */
    public boolean isPending() {
        return this == WAITING || this == READY;
    }
}
