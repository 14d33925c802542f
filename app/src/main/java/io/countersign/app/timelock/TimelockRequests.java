package io.countersign.app.timelock;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.SafeProposer;
import io.countersign.eth.Address;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTx;
import io.countersign.timelock.CompoundStatus;
import io.countersign.timelock.CompoundTimelock;
import io.countersign.timelock.CompoundTransaction;
import io.countersign.timelock.OperationId;
import io.countersign.timelock.OzTimelock;
import io.countersign.timelock.PreparedCall;
import io.countersign.timelock.ScheduledOperation;
import io.countersign.timelock.TimelockException;
import io.countersign.timelock.TimelockOperation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Safe requests that drive a timelock: every step is first checked against the chain
 * by {@code timelock-client} (roles, delay, state, readyAt, predecessor, eta, grace period), and
 * only then written, with the step in {@code meta.timelock} ({@link TimelockMeta}). A refused
 * check writes nothing. Shared by the CLI and the console; no JavaFX.
 */
public final class TimelockRequests {
    private final AppContext ctx;

    public TimelockRequests(AppContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Where and how to write a request.
     *
     * @param nonce SafeTx nonce, or {@code null} for the next free one
     * @param description {@code meta.description}; blank for the step's own description
     * @param out the file, or {@code null} for the queue ({@code DATA_DIR/requests})
     */
    public record Target(BigInteger nonce, String description, Path out) {
        public static Target queue() {
            return new Target(null, "", null);
        }
    }

    /** A written request: the file, the request, the checked call and what {@code meta.timelock} holds. */
    public record Written(Path file, SafeRequest request, PreparedCall prepared, TimelockMeta meta) {
        public String safeTxHash() {
            return request.hashes().safeTxHashHex();
        }
    }

    public OzTimelock oz(Address timelock) {
        return new OzTimelock(rpc(), timelock);
    }

    public CompoundTimelock compound(Address timelock) {
        return new CompoundTimelock(rpc(), timelock);
    }

    /**
     * A Safe request calling {@code schedule}/{@code scheduleBatch}.
     *
     * @param delay seconds, or {@code null} for the timelock's {@code getMinDelay()}
     * @throws CountersignException.Refused when a check fails (the library's message)
     */
    public Written schedule(Address timelock, TimelockOperation op, BigInteger delay, Address safe, Target target) {
        return write(draftSchedule(timelock, op, delay, safe, target));
    }

    /**
     * The {@code schedule}/{@code scheduleBatch} request, checked against the chain (proposer
     * role, {@code delay >= getMinDelay()}, operation unset, predecessor known) but not written:
     * what a form previews; {@link #write(Draft)} writes exactly it.
     *
     * @param delay seconds, or {@code null} for the timelock's {@code getMinDelay()}
     * @throws CountersignException.Refused when a check fails (the library's message)
     */
    public Draft draftSchedule(Address timelock, TimelockOperation op, BigInteger delay, Address safe, Target target) {
        OzTimelock t = oz(timelock);
        BigInteger d = delay != null ? delay : checked(t::minDelay);
        PreparedCall p = checked(() -> t.prepareSchedule(op, d, safe));
        return draft(safe, p, new TimelockMeta.Oz(TimelockMeta.Step.SCHEDULE, timelock, op.id(), Optional.of(op), Optional.of(d)), target);
    }

    /** A Safe request calling {@code execute}/{@code executeBatch}; refused before readyAt (the message says when). */
    public Written execute(Address timelock, TimelockOperation op, Address safe, Target target) {
        PreparedCall p = checked(() -> oz(timelock).prepareExecute(op, safe));
        return write(draft(safe, p, new TimelockMeta.Oz(TimelockMeta.Step.EXECUTE, timelock, op.id(), Optional.of(op), Optional.empty()),
                target));
    }

    /** A Safe request calling {@code cancel(id)}. */
    public Written cancel(Address timelock, OperationId id, Address safe, Target target) {
        return write(draftCancel(timelock, id, safe, target));
    }

    /**
     * The {@code cancel(id)} request, checked (canceller role, operation pending) but not written.
     *
     * @throws CountersignException.Refused when a check fails
     */
    public Draft draftCancel(Address timelock, OperationId id, Address safe, Target target) {
        PreparedCall p = checked(() -> oz(timelock).prepareCancel(id, safe));
        Optional<TimelockOperation> op = findOz(timelock, id).map(ScheduledOperation::operation);
        return draft(safe, p, new TimelockMeta.Oz(TimelockMeta.Step.CANCEL, timelock, id, op, Optional.empty()), target);
    }

    /** A Safe request calling Compound's {@code queueTransaction}. */
    public Written queue(Address timelock, CompoundTransaction tx, Address safe, Target target) {
        return write(draftQueue(timelock, tx, safe, target));
    }

    /**
     * The {@code queueTransaction} request, checked (the Safe is the admin, {@code eta >= now +
     * delay}) but not written.
     *
     * @throws CountersignException.Refused when a check fails
     */
    public Draft draftQueue(Address timelock, CompoundTransaction tx, Address safe, Target target) {
        PreparedCall p = checked(() -> compound(timelock).prepareQueue(tx, safe));
        return draft(safe, p, new TimelockMeta.Compound(TimelockMeta.Step.SCHEDULE, timelock, tx), target);
    }

    /** A Safe request calling Compound's {@code executeTransaction}; refused before eta and after the grace period. */
    public Written executeCompound(Address timelock, CompoundTransaction tx, Address safe, Target target) {
        PreparedCall p = checked(() -> compound(timelock).prepareExecute(tx, safe));
        return write(draft(safe, p, new TimelockMeta.Compound(TimelockMeta.Step.EXECUTE, timelock, tx), target));
    }

    /** A Safe request calling Compound's {@code cancelTransaction}. */
    public Written cancelCompound(Address timelock, CompoundTransaction tx, Address safe, Target target) {
        return write(draftCancelCompound(timelock, tx, safe, target));
    }

    /** The {@code cancelTransaction} request, checked (the Safe is the admin, the transaction queued) but not written. */
    public Draft draftCancelCompound(Address timelock, CompoundTransaction tx, Address safe, Target target) {
        PreparedCall p = checked(() -> compound(timelock).prepareCancel(tx, safe));
        return draft(safe, p, new TimelockMeta.Compound(TimelockMeta.Step.CANCEL, timelock, tx), target);
    }

    /** The OpenZeppelin operation with this id from the timelock's events (its salt from {@code CallSalt}). */
    public Optional<ScheduledOperation> findOz(Address timelock, OperationId id) {
        return checked(() -> oz(timelock).operations()).stream().filter(o -> o.id().equals(id)).reduce((a, b) -> b);
    }

    /** The Compound transaction with this hash from the timelock's {@code QueueTransaction} events. */
    public Optional<CompoundStatus> findCompound(Address timelock, OperationId txHash) {
        return checked(() -> compound(timelock).transactions()).stream().filter(s -> s.txHash().equals(txHash)).findFirst();
    }

    /**
     * The timelock step stored in a request file ({@code meta.timelock}).
     *
     * @throws CountersignException.Refused if the file has none or it was edited
     */
    public static TimelockMeta readMeta(Path request) {
        return TimelockMeta.of(RequestFile.read(request));
    }

    /**
     * Runs a {@code timelock-client} read or check, turning its refusal into
     * {@link CountersignException.Refused} with the same one-line message (exit 1).
     */
    public static <T> T checked(Supplier<T> step) {
        try {
            return step.get();
        } catch (TimelockException e) {
            throw new CountersignException.Refused(e.getMessage());
        }
    }

    /**
     * A checked request not yet written: the request (its safeTxHash final), the checked call,
     * {@code meta.timelock}, and the file {@link #write(Draft)} will write.
     */
    public record Draft(SafeRequest request, PreparedCall prepared, TimelockMeta meta, Path file) {
        public String safeTxHash() {
            return request.hashes().safeTxHashHex();
        }
    }

    private Draft draft(Address safe, PreparedCall prepared, TimelockMeta meta, Target target) {
        SafeProposer proposer = new SafeProposer(ctx);
        SafeProposer.SafeFacts facts = proposer.facts(safe);
        BigInteger nonce = target.nonce() != null ? target.nonce() : proposer.nextFreeNonce(facts);
        if (nonce.compareTo(facts.safeNonce()) < 0) {
            throw new CountersignException.Refused("nonce " + nonce + " is below Safe " + safe + "'s current nonce "
                    + facts.safeNonce() + ": that nonce was already used");
        }
        ObjectNode m = TimelockMeta.JSON.createObjectNode();
        String description = target.description() == null || target.description().isBlank()
                ? "timelock " + prepared.action().describe() : target.description();
        m.put("description", description);
        m.put("createdAt", Instant.now().toString());
        m.put("origin", "countersign timelock");
        m.set("timelock", meta.toJson());
        SafeRequest request = new SafeRequest(facts.chainId(), safe, facts.version(), SafeTx.of(prepared.call(), nonce),
                facts.owners(), facts.threshold(), List.of(), m);
        Path file = target.out() != null ? target.out() : ctx.requestsDir().resolve("timelock-" + meta.step().id(meta.flavor()) + "-"
                + meta.id().toString().substring(2, 10) + "-safe-" + safe.toString().substring(2, 10).toLowerCase()
                + "-nonce-" + nonce + ".json");
        return new Draft(request, prepared, meta, file);
    }

    /** Writes a draft exactly as built (same safeTxHash) and journals it as a REQUEST entry. */
    public Written write(Draft d) {
        RequestFile.write(d.request(), d.file());
        ctx.journal().append(EntryKind.REQUEST, payload(d.request(), d.file(), d.meta()));
        return new Written(d.file(), d.request(), d.prepared(), d.meta());
    }

    /** The session's REQUEST entry plus the timelock operation it schedules, executes or cancels. */
    private static Map<String, Object> payload(SafeRequest r, Path file, TimelockMeta meta) {
        Map<String, Object> p = new LinkedHashMap<>(io.countersign.app.session.SafeSigningSession.requestPayload(r, file));
        p.put("timelock", meta.timelock().toString());
        p.put("timelockStep", meta.step().id(meta.flavor()));
        p.put("timelockId", meta.id().toString());
        return p;
    }

    private EthRpc rpc() {
        return ctx.rpc("a timelock step");
    }
}
