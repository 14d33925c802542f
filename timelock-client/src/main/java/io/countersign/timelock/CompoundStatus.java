package io.countersign.timelock;

/**
 * A Compound transaction's state.
 *
 * @param transaction the transaction
 * @param state its state at {@code now}
 * @param eta earliest execution, seconds since the epoch
 * @param expiresAt {@code eta + GRACE_PERIOD}, seconds since the epoch: the last executable second
 * @param now the latest block's timestamp, seconds since the epoch
 */
public record CompoundStatus(CompoundTransaction transaction, CompoundState state, long eta, long expiresAt, long now) {
    public OperationId txHash() {
        return transaction.txHash();
    }
}
