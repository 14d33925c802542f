package io.countersign.app.timelock;

import io.countersign.timelock.CompoundTransaction;
import io.countersign.timelock.OperationId;
import io.countersign.timelock.TimelockCall;
import io.countersign.timelock.TimelockOperation;
import java.util.List;
import java.util.Optional;

/**
 * One operation of a watched timelock, as the console lists it.
 *
 * @param timelock the watched timelock
 * @param id the operation id (Compound: the transaction hash)
 * @param calls the calls it makes
 * @param callText each call decoded for a reviewer, in order
 * @param state its state when read
 * @param readyAt when it becomes executable (Compound: eta), seconds since the epoch; 0 if unknown
 * @param expiresAt Compound: the last second it may execute ({@code eta + GRACE_PERIOD}); else 0
 * @param ozOperation the OpenZeppelin operation (calls, predecessor, salt) to execute it again
 * @param compoundTransaction the Compound transaction to execute it again
 * @param delay OpenZeppelin: the delay it was scheduled with, seconds (CallScheduled); else 0
 * @param scheduledBlock OpenZeppelin: the block of its CallScheduled event; else 0
 */
public record OperationRow(WatchedTimelock timelock, OperationId id, List<TimelockCall> calls, List<String> callText,
        RowState state, long readyAt, long expiresAt, Optional<TimelockOperation> ozOperation,
        Optional<CompoundTransaction> compoundTransaction, java.math.BigInteger delay, java.math.BigInteger scheduledBlock) {
    public OperationRow {
        calls = List.copyOf(calls);
        callText = List.copyOf(callText);
    }

    /**
     * The state at chain time {@code chainNow}: a WAITING operation whose readyAt has passed is
     * READY, a READY Compound transaction past its grace period is EXPIRED. The execute step checks
     * the chain again, so this only drives what the officer sees between reads.
     */
    public RowState stateAt(long chainNow) {
        if (state == RowState.WAITING && readyAt > 0 && chainNow >= readyAt) {
            return expiresAt > 0 && chainNow > expiresAt ? RowState.EXPIRED : RowState.READY;
        }
        if (state == RowState.READY && expiresAt > 0 && chainNow > expiresAt) {
            return RowState.EXPIRED;
        }
        return state;
    }

    /** The states a row can show. */
    public enum RowState {
        /** Scheduled (queued); readyAt still ahead. */
        WAITING("waiting"),
        /** May be executed now. */
        READY("ready"),
        /** Executed. */
        DONE("done"),
        /** Cancelled. */
        CANCELLED("cancelled"),
        /** Compound: past eta + GRACE_PERIOD; can never execute, cancel and queue again. */
        EXPIRED("expired"),
        /** Unknown to the timelock. */
        UNSET("unset");

        private final String id;

        RowState(String id) {
            this.id = id;
        }

        /** The lower-case name used in JSON and on screen. */
        public String id() {
            return id;
        }
    }
}
