package io.countersign.timelock;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What one call to a timelock does, as {@link TimelockDecoder} reads it from calldata and as the
 * {@code prepare…} methods of {@link OzTimelock} and {@link CompoundTimelock} build it: the kind,
 * the operation id, the calls the timelock will make, and the delay or eta.
 */
public sealed interface TimelockAction {

    /** The timelock function called. */
    enum Kind {
        SCHEDULE, SCHEDULE_BATCH, EXECUTE, EXECUTE_BATCH, CANCEL, UPDATE_DELAY,
        QUEUE_TRANSACTION, EXECUTE_TRANSACTION, CANCEL_TRANSACTION, SET_DELAY
    }

    Kind kind();

    /** The id of the operation acted on (Compound: the transaction hash); empty for delay changes. */
    Optional<OperationId> operationId();

    /** The calls the timelock makes when the operation executes; empty for cancel and delay changes. */
    List<TimelockCall> calls();

    /** One line for a reviewer, e.g. {@code schedule 0x… (2 calls) with delay 86400 s (1 d)}. */
    String describe();

    /** OpenZeppelin {@code schedule}/{@code scheduleBatch}; {@code delay} in seconds. */
    record Schedule(TimelockOperation operation, BigInteger delay) implements TimelockAction {
        public Kind kind() {
            return operation.batch() ? Kind.SCHEDULE_BATCH : Kind.SCHEDULE;
        }

        public OperationId id() {
            return operation.id();
        }

        public Optional<OperationId> operationId() {
            return Optional.of(id());
        }

        public List<TimelockCall> calls() {
            return operation.calls();
        }

        public String describe() {
            return "schedule " + id() + " (" + plural(calls().size()) + ") with delay " + TimeText.seconds(delay)
                    + predecessorText(operation) + ", salt " + operation.salt();
        }
    }

    /** OpenZeppelin {@code execute}/{@code executeBatch}. */
    record Execute(TimelockOperation operation) implements TimelockAction {
        public Kind kind() {
            return operation.batch() ? Kind.EXECUTE_BATCH : Kind.EXECUTE;
        }

        public OperationId id() {
            return operation.id();
        }

        public Optional<OperationId> operationId() {
            return Optional.of(id());
        }

        public List<TimelockCall> calls() {
            return operation.calls();
        }

        public String describe() {
            return "execute " + id() + " (" + plural(calls().size()) + ")" + predecessorText(operation);
        }
    }

    /** OpenZeppelin {@code cancel(id)}. */
    record Cancel(OperationId id) implements TimelockAction {
        public Kind kind() {
            return Kind.CANCEL;
        }

        public Optional<OperationId> operationId() {
            return Optional.of(id);
        }

        public List<TimelockCall> calls() {
            return List.of();
        }

        public String describe() {
            return "cancel " + id;
        }
    }

    /** OpenZeppelin {@code updateDelay(newDelay)}, seconds (only the timelock may call it on itself). */
    record UpdateDelay(BigInteger newDelay) implements TimelockAction {
        public Kind kind() {
            return Kind.UPDATE_DELAY;
        }

        public Optional<OperationId> operationId() {
            return Optional.empty();
        }

        public List<TimelockCall> calls() {
            return List.of();
        }

        public String describe() {
            return "set the timelock's minDelay to " + TimeText.seconds(newDelay);
        }
    }

    /** Compound {@code queueTransaction}, {@code executeTransaction} or {@code cancelTransaction}. */
    record CompoundStep(Kind kind, CompoundTransaction transaction) implements TimelockAction {
        public CompoundStep {
            if (kind != Kind.QUEUE_TRANSACTION && kind != Kind.EXECUTE_TRANSACTION && kind != Kind.CANCEL_TRANSACTION) {
                throw new TimelockException.InvalidOperationException(kind + " is not a Compound transaction step");
            }
        }

        public OperationId txHash() {
            return transaction.txHash();
        }

        public Optional<OperationId> operationId() {
            return Optional.of(txHash());
        }

        public List<TimelockCall> calls() {
            return List.of(transaction.call());
        }

        public String describe() {
            String verb = switch (kind) {
                case QUEUE_TRANSACTION -> "queue";
                case EXECUTE_TRANSACTION -> "execute";
                default -> "cancel";
            };
            return verb + " Compound transaction " + txHash() + " to " + transaction.target()
                    + (transaction.signature().isEmpty() ? "" : " " + transaction.signature())
                    + ", eta " + transaction.eta() + " (" + TimeText.utc(transaction.eta().longValueExact()) + ")";
        }
    }

    /** Compound {@code setDelay(delay_)}, seconds (only the timelock may call it on itself). */
    record SetDelay(BigInteger newDelay) implements TimelockAction {
        public Kind kind() {
            return Kind.SET_DELAY;
        }

        public Optional<OperationId> operationId() {
            return Optional.empty();
        }

        public List<TimelockCall> calls() {
            return List.of();
        }

        public String describe() {
            return "set the Compound timelock's delay to " + TimeText.seconds(newDelay);
        }
    }

    private static String plural(int n) {
        return n == 1 ? "1 call" : n + " calls";
    }

    private static String predecessorText(TimelockOperation op) {
        return op.predecessor().isZero() ? "" : ", after " + op.predecessor();
    }
}
