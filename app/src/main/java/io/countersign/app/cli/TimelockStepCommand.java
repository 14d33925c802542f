package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.timelock.TimelockMeta;
import io.countersign.app.timelock.TimelockRequests;
import io.countersign.app.timelock.TimelockTimes;
import io.countersign.eth.Address;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.multisig.RequestFile;
import io.countersign.timelock.CompoundStatus;
import io.countersign.timelock.CompoundTransaction;
import io.countersign.timelock.OperationId;
import io.countersign.timelock.Salt;
import io.countersign.timelock.ScheduledOperation;
import io.countersign.timelock.TimelockOperation;
import java.math.BigInteger;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code timelock schedule|execute|cancel}: a checked Safe request that calls the timelock. Every
 * check of {@code timelock-client} runs first; a refusal prints one line, exits 1 and writes no
 * file.
 */
abstract class TimelockStepCommand implements Runnable {
    @ParentCommand
    TimelockCommand parent;

    @Option(names = "--flavor", paramLabel = "oz|compound", defaultValue = "oz",
            description = "OpenZeppelin TimelockController (default) or Compound Timelock.")
    String flavor;

    @Option(names = "--timelock", paramLabel = "ADDRESS", description = "The timelock contract.")
    String timelock;

    @Mixin
    TimelockOperationOptions op;

    @Option(names = "--via-safe", paramLabel = "SAFE", description = "The Safe that calls the timelock (proposer, canceller, executor or admin).")
    String viaSafe;

    @Option(names = "--out", paramLabel = "REQ", description = "Where to write the request (default: the queue in the data folder).")
    Path out;

    @Option(names = "--nonce", paramLabel = "N", description = "SafeTx nonce (default: the next one not taken in the queue).")
    BigInteger nonce;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "", description = "Default: what the step does.")
    String description;

    /** Builds and writes the request. */
    abstract TimelockRequests.Written write(TimelockRequests requests, AppContext ctx);

    @Override
    public void run() {
        Output output = parent.root.output();
        try (AppContext ctx = parent.root.context()) {
            if (ctx.offline()) {
                throw new CountersignException.Usage("a timelock step reads the timelock and the Safe: it cannot run --offline");
            }
            TimelockRequests.Written w = write(new TimelockRequests(ctx), ctx);
            print(output, w);
        }
    }

    TimelockRequests.Target target() {
        return new TimelockRequests.Target(nonce, description, out);
    }

    TimelockFlavor flavor() {
        return TimelockMeta.parseFlavor(flavor);
    }

    Address timelock() {
        if (timelock == null) {
            throw new CountersignException.Usage("give --timelock ADDRESS");
        }
        return Address.parse(timelock, "--timelock");
    }

    Address safe() {
        if (viaSafe == null) {
            throw new CountersignException.Usage("give --via-safe SAFE: the Safe whose owners sign the call to the timelock");
        }
        return Address.parse(viaSafe, "--via-safe");
    }

    /** The Safe from --via-safe, else the one of the request it was rebuilt from. */
    Address safeOr(Address fromRequest) {
        return viaSafe == null ? fromRequest : safe();
    }

    static void print(Output output, TimelockRequests.Written w) {
        TimelockMeta m = w.meta();
        var node = output.object();
        node.put("safeTxHash", w.safeTxHash());
        node.put("id", m.id().toString());
        node.put("file", w.file().toString());
        node.put("nonce", w.request().tx().nonce().toString());
        node.put("flavor", m.flavor().id());
        node.put("timelock", m.timelock().toString());
        copyStep(node, m.toJson());
        StringBuilder human = new StringBuilder("Wrote " + w.file());
        human.append("\n  ").append(w.prepared().action().describe());
        human.append("\n  ").append(m.flavor() == TimelockFlavor.COMPOUND ? "txHash        " : "operation id  ").append(m.id());
        if (m instanceof TimelockMeta.Oz oz && oz.operation().isPresent() && m.step() == TimelockMeta.Step.SCHEDULE) {
            human.append("\n  salt          ").append(oz.operation().get().salt()).append("  (stored in the request: execute needs it)");
        }
        if (m instanceof TimelockMeta.Compound c) {
            long eta = c.transaction().eta().longValueExact();
            human.append("\n  eta           ").append(TimelockTimes.utc(eta)).append(" / ").append(TimelockTimes.local(eta));
        }
        human.append("\n  safeTxHash    ").append(w.safeTxHash());
        human.append("\n  Safe ").append(w.request().safe()).append(", nonce ").append(w.request().tx().nonce()).append(", needs ")
                .append(w.request().threshold()).append(" of ").append(w.request().owners().size()).append(" owners' signatures");
        SafeCommand.putFields(node, w.request());
        human.append(SafeCommand.fieldLines(w.request()));
        output.result(node, human.toString());
    }

    /** Copies the step's fields (salt, delay, eta …) into the output, without overwriting what is there. */
    private static void copyStep(ObjectNode node, ObjectNode step) {
        for (String field : new String[] {"step", "batch", "calls", "predecessor", "salt", "delay", "target", "value", "signature",
            "data", "eta"}) {
            if (step.has(field) && !node.has(field)) {
                node.set(field, step.get(field));
            }
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = "Write a Safe request that schedules an operation (Compound: queues a transaction).")
    static final class Schedule extends TimelockStepCommand {
        @Option(names = "--delay", paramLabel = "SECONDS", description = "OpenZeppelin: the delay (default: the timelock's getMinDelay()).")
        BigInteger delay;

        @Override
        TimelockRequests.Written write(TimelockRequests requests, AppContext ctx) {
            if (flavor() == TimelockFlavor.COMPOUND) {
                if (delay != null) {
                    throw new CountersignException.Usage("--delay is OpenZeppelin's; a Compound transaction gives --eta");
                }
                return requests.queue(timelock(), op.compoundTransaction(), safe(), target());
            }
            return requests.schedule(timelock(), op.ozOperation(Salt.random()), delay, safe(), target());
        }
    }

    /** A schedule (queue) request's stored operation and the Safe that will send the next step. */
    record Scheduled(TimelockMeta meta, Address safe) {}

    /** Reads {@code --from-request}, which stands alone: the timelock and the operation are in the request. */
    Scheduled scheduled(Path fromRequest, String id) {
        if (op.anyGiven() || id != null || timelock != null) {
            throw new CountersignException.Usage("--from-request stands alone: the timelock and the operation are in the request");
        }
        return new Scheduled(TimelockRequests.readMeta(fromRequest), safeOr(RequestFile.read(fromRequest).safe()));
    }

    @Command(name = "execute", mixinStandardHelpOptions = true,
            description = "Write a Safe request that executes a ready operation: from its calls and salt, --from-request or --id.")
    static final class Execute extends TimelockStepCommand {
        @Option(names = "--from-request", paramLabel = "REQ", description = "The schedule (queue) request: rebuilds the operation with its stored salt.")
        Path fromRequest;

        @Option(names = "--id", paramLabel = "ID", description = "Find the operation by id in the timelock's events.")
        String id;

        @Override
        TimelockRequests.Written write(TimelockRequests requests, AppContext ctx) {
            if (fromRequest != null) {
                Scheduled scheduled = scheduled(fromRequest, id);
                return switch (scheduled.meta()) {
                    case TimelockMeta.Oz oz -> requests.execute(oz.timelock(), oz.operation().orElseThrow(() -> new CountersignException.Refused(
                            fromRequest + " names operation " + oz.id() + " by id only: give --id to find it in the timelock's events")),
                            scheduled.safe(), target());
                    case TimelockMeta.Compound c -> requests.executeCompound(c.timelock(), c.transaction(), scheduled.safe(), target());
                };
            }
            if (id != null) {
                if (op.anyGiven()) {
                    throw new CountersignException.Usage("--id stands alone: the operation is read from the timelock's events");
                }
                return flavor() == TimelockFlavor.COMPOUND
                        ? requests.executeCompound(timelock(), findCompound(requests, timelock(), id), safe(), target())
                        : requests.execute(timelock(), findOz(requests, timelock(), id), safe(), target());
            }
            if (flavor() == TimelockFlavor.COMPOUND) {
                return requests.executeCompound(timelock(), op.compoundTransaction(), safe(), target());
            }
            if (op.anyGiven() && op.salt == null) {
                throw new CountersignException.Usage("execute needs the operation's --salt (meta.timelock.salt in the schedule request),"
                        + " or use --from-request REQ or --id ID");
            }
            return requests.execute(timelock(), op.ozOperation(Salt.ZERO), safe(), target());
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Write a Safe request that cancels a waiting or ready operation (Compound: a queued transaction).")
    static final class Cancel extends TimelockStepCommand {
        @Option(names = "--id", paramLabel = "ID", description = "The operation id (Compound: the txHash, found in the timelock's events).")
        String id;

        @Option(names = "--from-request", paramLabel = "REQ", description = "The schedule (queue) request of the operation.")
        Path fromRequest;

        @Override
        TimelockRequests.Written write(TimelockRequests requests, AppContext ctx) {
            if (fromRequest != null) {
                Scheduled scheduled = scheduled(fromRequest, id);
                return switch (scheduled.meta()) {
                    case TimelockMeta.Oz oz -> requests.cancel(oz.timelock(), oz.id(), scheduled.safe(), target());
                    case TimelockMeta.Compound c -> requests.cancelCompound(c.timelock(), c.transaction(), scheduled.safe(), target());
                };
            }
            if (flavor() == TimelockFlavor.COMPOUND) {
                if (id != null && op.anyGiven()) {
                    throw new CountersignException.Usage("give --id, or the transaction's --target --value --signature --data --eta, not both");
                }
                CompoundTransaction tx = id != null ? findCompound(requests, timelock(), id) : op.compoundTransaction();
                return requests.cancelCompound(timelock(), tx, safe(), target());
            }
            if (op.anyGiven()) {
                throw new CountersignException.Usage("an OpenZeppelin cancel names the operation by --id only");
            }
            if (id == null) {
                throw new CountersignException.Usage("give --id ID (the operation id) or --from-request REQ");
            }
            return requests.cancel(timelock(), OperationId.parse(id, "--id"), safe(), target());
        }
    }

    static TimelockOperation findOz(TimelockRequests requests, Address timelock, String id) {
        OperationId opId = OperationId.parse(id, "--id");
        return requests.findOz(timelock, opId).map(ScheduledOperation::operation).orElseThrow(() -> new CountersignException.Refused(
                "operation " + opId + " is not in timelock " + timelock + "'s CallScheduled events: never scheduled there"));
    }

    static CompoundTransaction findCompound(TimelockRequests requests, Address timelock, String id) {
        OperationId txHash = OperationId.parse(id, "--id");
        return requests.findCompound(timelock, txHash).map(CompoundStatus::transaction).orElseThrow(() -> new CountersignException.Refused(
                "transaction " + txHash + " is not in timelock " + timelock + "'s QueueTransaction events: never queued there"));
    }
}
