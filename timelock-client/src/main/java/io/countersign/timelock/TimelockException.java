package io.countersign.timelock;

import io.countersign.eth.Address;
import java.math.BigInteger;

/**
 * Root of every error raised by {@code timelock-client}. Unchecked. The checks run before anything
 * is signed, so each message says what is wrong with the request and what to change; the console
 * and the command line show {@link #getMessage()} as is. Failures to reach the node stay
 * {@link io.countersign.eth.EthException.RpcException}.
 */
public abstract sealed class TimelockException extends RuntimeException {

    TimelockException(String message) {
        super(message);
    }

    TimelockException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The requested delay (OpenZeppelin {@code schedule} delay, or a Compound {@code setDelay}) is
     * below the timelock's minimum: the contract would revert with {@code TimelockInsufficientDelay}
     * or "Delay must exceed minimum delay". Ask for at least {@link #minDelay()} seconds.
     */
    public static final class DelayTooShortException extends TimelockException {
        private final BigInteger delay;
        private final BigInteger minDelay;

        DelayTooShortException(BigInteger delay, BigInteger minDelay) {
            super("delay " + TimeText.seconds(delay) + " is below the timelock's minimum delay "
                    + TimeText.seconds(minDelay) + ": ask for at least " + minDelay + " s");
            this.delay = delay;
            this.minDelay = minDelay;
        }

        /** The requested delay, seconds. */
        public BigInteger delay() {
            return delay;
        }

        /** The timelock's minimum, seconds. */
        public BigInteger minDelay() {
            return minDelay;
        }
    }

    /**
     * A Compound {@code setDelay} asks for more than the timelock's {@code MAXIMUM_DELAY}: the
     * contract would revert when the queued call executes. Ask for at most {@link #maximumDelay()}.
     */
    public static final class DelayTooLongException extends TimelockException {
        private final BigInteger delay;
        private final BigInteger maximumDelay;

        DelayTooLongException(BigInteger delay, BigInteger maximumDelay) {
            super("delay " + TimeText.seconds(delay) + " exceeds the timelock's MAXIMUM_DELAY "
                    + TimeText.seconds(maximumDelay) + ": ask for at most " + maximumDelay + " s");
            this.delay = delay;
            this.maximumDelay = maximumDelay;
        }

        public BigInteger delay() {
            return delay;
        }

        public BigInteger maximumDelay() {
            return maximumDelay;
        }
    }

    /**
     * The account that would send the call (usually the Safe) lacks the role it needs: proposer
     * for schedule, executor for execute (unless the executor role is open to {@code address(0)}),
     * canceller for cancel, or it is not the Compound timelock's {@code admin}. Route the request
     * through an account that holds the role, or have the timelock's admin grant it.
     */
    public static final class MissingRoleException extends TimelockException {
        private final Address account;
        private final TimelockRole role;

        MissingRoleException(Address timelock, Address account, TimelockRole role, String detail) {
            super(account + " " + detail + " on timelock " + timelock + ": send the request from an account that "
                    + (role == TimelockRole.ADMIN ? "is the admin" : "holds " + role.contractName()));
            this.account = account;
            this.role = role;
        }

        public Address account() {
            return account;
        }

        public TimelockRole role() {
            return role;
        }
    }

    /**
     * The operation's {@code predecessor} is not done (at execute) or does not exist at all (at
     * schedule); the contract would revert with {@code TimelockUnexecutedPredecessor}. Execute the
     * predecessor first, or check the predecessor id in the request.
     */
    public static final class PredecessorNotDoneException extends TimelockException {
        private final OperationId predecessor;
        private final OperationState state;

        PredecessorNotDoneException(OperationId predecessor, OperationState state) {
            super("predecessor " + predecessor + " is " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + (state == OperationState.UNSET ? " (never scheduled, or cancelled) on this timelock" : ", not done")
                    + ": the operation cannot execute before its predecessor has executed");
            this.predecessor = predecessor;
            this.state = state;
        }

        public OperationId predecessor() {
            return predecessor;
        }

        public OperationState state() {
            return state;
        }
    }

    /**
     * The operation (or Compound transaction) is not executable yet: its {@code readyAt} (or
     * {@code eta}) is later than the chain's latest block time. The message says when, in UTC and
     * as a countdown; build the execute request after that time.
     */
    public static final class NotReadyException extends TimelockException {
        private final OperationId id;
        private final long readyAt;
        private final long now;

        NotReadyException(OperationId id, long readyAt, long now) {
            super("operation " + id + " is not ready: it can be executed from " + TimeText.utc(readyAt) + ", in "
                    + TimeText.duration(readyAt - now) + " (chain time now " + TimeText.utc(now) + ")");
            this.id = id;
            this.readyAt = readyAt;
            this.now = now;
        }

        public OperationId id() {
            return id;
        }

        /** When it becomes executable, seconds since the epoch. */
        public long readyAt() {
            return readyAt;
        }

        /** The latest block's timestamp, seconds since the epoch. */
        public long now() {
            return now;
        }
    }

    /**
     * The operation is already scheduled (or the Compound transaction already queued): scheduling
     * it again would revert. Use the existing operation, or pick a new salt (Compound: a new eta)
     * for a second, distinct one.
     */
    public static final class AlreadyScheduledException extends TimelockException {
        private final OperationId id;

        AlreadyScheduledException(OperationId id, String detail) {
            super("operation " + id + " is already scheduled (" + detail + "): execute or cancel it, or use a new "
                    + "salt for a distinct operation");
            this.id = id;
        }

        public OperationId id() {
            return id;
        }
    }

    /**
     * The operation has already been executed: it cannot be scheduled, executed or cancelled again.
     * For the same calls a second time, schedule a new operation with a new salt.
     */
    public static final class AlreadyDoneException extends TimelockException {
        private final OperationId id;

        AlreadyDoneException(OperationId id) {
            super("operation " + id + " has already been executed: to run the same calls again, schedule a new "
                    + "operation with a new salt (Compound: queue it again with a new eta)");
            this.id = id;
        }

        public OperationId id() {
            return id;
        }
    }

    /**
     * The operation is not scheduled (never was, or was cancelled), or the Compound transaction is
     * not queued: execute and cancel would revert. Check the id, salt, predecessor and calls (any
     * difference gives another id), or schedule it first.
     */
    public static final class NotScheduledException extends TimelockException {
        private final OperationId id;

        NotScheduledException(OperationId id, String detail) {
            super("operation " + id + " is not scheduled on this timelock (" + detail + "): check the calls, "
                    + "predecessor and salt (or target, value, signature, data and eta), or schedule it first");
            this.id = id;
        }

        public OperationId id() {
            return id;
        }
    }

    /**
     * A Compound transaction's {@code eta} is earlier than the chain's time plus the timelock's
     * {@code delay}: {@code queueTransaction} would revert. Choose an eta at least
     * {@link #earliest()}, with a margin for the time the officers take to sign.
     */
    public static final class EtaTooEarlyException extends TimelockException {
        private final long eta;
        private final long earliest;

        EtaTooEarlyException(long eta, long earliest, BigInteger delay) {
            super("eta " + eta + " (" + TimeText.utc(eta) + ") is earlier than now + delay " + TimeText.seconds(delay)
                    + " = " + earliest + " (" + TimeText.utc(earliest) + "): choose an eta of at least " + earliest
                    + " plus a margin for signing");
            this.eta = eta;
            this.earliest = earliest;
        }

        public long eta() {
            return eta;
        }

        /** The chain's latest block time plus the delay, seconds since the epoch. */
        public long earliest() {
            return earliest;
        }
    }

    /**
     * A queued Compound transaction is past {@code eta + GRACE_PERIOD} and can never be executed
     * ("Transaction is stale"). Cancel it and queue it again with a new eta.
     */
    public static final class ExpiredException extends TimelockException {
        private final OperationId txHash;
        private final long expiredAt;

        ExpiredException(OperationId txHash, long eta, long expiredAt, long now) {
            super("transaction " + txHash + " expired at " + TimeText.utc(expiredAt) + ", "
                    + TimeText.duration(now - expiredAt) + " ago (eta " + TimeText.utc(eta)
                    + " plus GRACE_PERIOD): cancel it and queue it again with a new eta");
            this.txHash = txHash;
            this.expiredAt = expiredAt;
        }

        public OperationId txHash() {
            return txHash;
        }

        /** {@code eta + GRACE_PERIOD}, seconds since the epoch. */
        public long expiredAt() {
            return expiredAt;
        }
    }

    /**
     * The operation as given cannot exist: no calls, a single operation with several calls, a
     * negative delay or value, an id or salt that is not 32 bytes. Fix the input.
     */
    public static final class InvalidOperationException extends TimelockException {
        InvalidOperationException(String message) {
            super(message);
        }
    }

    /**
     * Calldata names a timelock function but its arguments do not decode (truncated, or batch
     * arrays of different lengths), or a contract answered something a timelock would not. Do not
     * sign it: the request was built wrongly or the address is not the timelock it claims to be.
     */
    public static final class MalformedCalldataException extends TimelockException {
        MalformedCalldataException(String message) {
            super(message);
        }

        MalformedCalldataException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
