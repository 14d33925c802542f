package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.timelock.TimelockMeta;
import io.countersign.app.timelock.OperationRow;
import io.countersign.app.timelock.TimelockBoard;
import io.countersign.app.timelock.TimelockRequests;
import io.countersign.app.timelock.WatchedTimelock;
import io.countersign.timelock.CompoundTransaction;
import io.countersign.app.timelock.TimelockTimes;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.timelock.OperationId;
import io.countersign.timelock.OzTimelock;
import io.countersign.timelock.Salt;
import io.countersign.timelock.TimelockCall;
import io.countersign.timelock.TimelockOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code countersign timelock …}: OpenZeppelin and Compound timelocks driven through a Safe. */
@Command(name = "timelock", mixinStandardHelpOptions = true,
        description = "Hash, schedule, execute, cancel and watch timelock operations (OpenZeppelin TimelockController, Compound Timelock).")
final class TimelockCommand {
    @ParentCommand
    CountersignCommand root;

    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "The OpenZeppelin operation id, hashOperation(target, value, data, predecessor, salt) (offline).")
    static final class Hash implements Runnable {
        @ParentCommand
        TimelockCommand parent;

        @Mixin
        TimelockOperationOptions op;

        @Override
        public void run() {
            Output output = parent.root.output();
            TimelockOperation operation = op.ozOperation(Salt.ZERO);
            ObjectNode node = output.object();
            node.put("id", operation.id().toString());
            node.put("batch", operation.batch());
            node.put("predecessor", operation.predecessor().toString());
            node.put("salt", operation.salt().toString());
            output.result(node, operation.id() + "\n  (" + (operation.batch() ? "hashOperationBatch of " + operation.calls().size()
                    + " calls" : "hashOperation") + ", predecessor " + operation.predecessor() + ", salt " + operation.salt() + ")");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "An operation's state, when it is ready, and the time left.")
    static final class Status implements Runnable {
        @ParentCommand
        TimelockCommand parent;

        @Option(names = "--flavor", paramLabel = "oz|compound", defaultValue = "oz")
        String flavor;

        @Option(names = "--timelock", required = true, paramLabel = "ADDRESS")
        String timelock;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "The operation id (Compound: the txHash).")
        String id;

        @Override
        public void run() {
            Output output = parent.root.output();
            try (AppContext ctx = parent.root.context()) {
                Address t = Address.parse(timelock, "--timelock");
                OperationId opId = OperationId.parse(id, "--id");
                TimelockBoard.OperationStatusRead s = new TimelockBoard(ctx).status(TimelockMeta.parseFlavor(flavor), t, opId);
                ObjectNode node = output.object();
                node.put("id", opId.toString());
                node.put("timelock", t.toString());
                String human;
                if (s.expiresAt().isEmpty()) {
                    human = times(node, s.state(), s.readyAt(), s.now(), "ready at"); // readyAt 0 (unset) prints no time line
                } else {
                    long expiresAt = s.expiresAt().get();
                    node.put("eta", s.readyAt());
                    node.put("expiresAt", expiresAt);
                    human = times(node, s.state(), s.readyAt(), s.now(), "eta")
                            + "\n  executable until " + TimelockTimes.utc(expiresAt) + " / " + TimelockTimes.local(expiresAt)
                            + (s.state().equals("expired")
                            ? "\n  expired: it can never execute; cancel it and queue it again with a new eta" : "");
                }
                output.result(node, "Operation " + opId + " on timelock " + t + "\n" + human);
            }
        }
    }

    /** Fills {@code state readyAt now secondsLeft readyAtUtc readyAtLocal} and returns the human lines. */
    static String times(ObjectNode node, String state, long readyAt, long now, String readyWord) {
        node.put("state", state);
        node.put("readyAt", readyAt);
        node.put("now", now);
        StringBuilder human = new StringBuilder("  state     " + state);
        if (readyAt > 0) {
            long left = Math.max(0, readyAt - now);
            node.put("secondsLeft", left);
            node.put("readyAtUtc", TimelockTimes.utc(readyAt));
            node.put("readyAtLocal", TimelockTimes.local(readyAt));
            human.append(String.format("%n  %-9s %s%n            %s (local)", readyWord, TimelockTimes.utc(readyAt), TimelockTimes.local(readyAt)));
            if (state.equals("waiting")) {
                human.append("\n  ready in  ").append(TimelockTimes.duration(left)).append(" (").append(TimelockTimes.countdown(left))
                        .append("), by chain time ").append(TimelockTimes.utc(now));
            }
        }
        return human.toString();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The operations in a timelock's events, with their states.")
    static final class ListOperations implements Runnable {
        @ParentCommand
        TimelockCommand parent;

        @Option(names = "--flavor", paramLabel = "oz|compound", defaultValue = "oz")
        String flavor;

        @Option(names = "--timelock", required = true, paramLabel = "ADDRESS")
        String timelock;

        @Option(names = "--pending", description = "Only waiting and ready operations (Compound: also expired).")
        boolean pending;

        @Override
        public void run() {
            Output output = parent.root.output();
            try (AppContext ctx = parent.root.context()) {
                EthRpc rpc = ctx.rpc("timelock list");
                Address t = Address.parse(timelock, "--timelock");
                BigInteger chainId = rpc.chainId();
                ObjectNode node = output.object();
                node.put("timelock", t.toString());
                ArrayNode ops = node.putArray("operations");
                StringBuilder human = new StringBuilder();
                long now;
                TimelockFlavor f = TimelockMeta.parseFlavor(flavor);
                now = rpc.latestTimestamp().longValueExact();
                for (OperationRow r : new TimelockBoard(ctx).operations(new WatchedTimelock(t, f, Optional.empty(), ""))) {
                    if (f == TimelockFlavor.COMPOUND) {
                        String state = r.state().id();
                        if (pending && !(state.equals("waiting") || state.equals("ready") || state.equals("expired"))) {
                            continue;
                        }
                        CompoundTransaction tx = r.compoundTransaction().orElseThrow();
                        ObjectNode o = ops.addObject().put("id", r.id().toString()).put("state", state).put("readyAt", r.readyAt())
                                .put("eta", r.readyAt()).put("expiresAt", r.expiresAt());
                        o.put("target", tx.target().toString()).put("value", tx.value().toString())
                                .put("signature", tx.signature()).put("data", Hex.encode(tx.data()));
                        line(human, r.id(), state, r.readyAt(), now, r.calls(), ctx, chainId);
                    } else {
                        boolean cancelled = r.state() == OperationRow.RowState.CANCELLED;
                        // on chain a cancelled operation is unset again; the events say it was cancelled
                        String state = cancelled ? "unset" : r.state().id();
                        if (pending && !(state.equals("waiting") || state.equals("ready"))) {
                            continue;
                        }
                        TimelockOperation op = r.ozOperation().orElseThrow();
                        ObjectNode o = ops.addObject().put("id", r.id().toString()).put("state", state).put("cancelled", cancelled)
                                .put("readyAt", r.readyAt()).put("delay", r.delay().toString()).put("batch", op.batch())
                                .put("predecessor", op.predecessor().toString()).put("salt", op.salt().toString())
                                .put("scheduledBlock", r.scheduledBlock().toString());
                        ArrayNode calls = o.putArray("calls");
                        op.calls().forEach(c -> calls.addObject().put("target", c.target().toString())
                                .put("value", c.value().toString()).put("data", Hex.encode(c.data())));
                        line(human, r.id(), cancelled ? "cancelled" : state, r.readyAt(), now, op.calls(), ctx, chainId);
                    }
                }
                node.put("now", now);
                output.result(node, "Timelock " + t + " (" + TimelockMeta.parseFlavor(flavor).id() + "), " + ops.size() + " operation"
                        + (ops.size() == 1 ? "" : "s") + (pending ? " pending" : "") + ", chain time " + TimelockTimes.utc(now)
                        + human);
            }
        }

        private static void line(StringBuilder human, OperationId id, String state, long readyAt, long now, List<TimelockCall> calls,
                AppContext ctx, BigInteger chainId) {
            human.append("\n  ").append(id).append("  ").append(state);
            if (readyAt > 0) {
                human.append("  ready at ").append(TimelockTimes.utc(readyAt));
                if (state.equals("waiting")) {
                    human.append(" (in ").append(TimelockTimes.duration(readyAt - now)).append(")");
                }
            }
            for (TimelockCall c : calls) {
                List<Intent> intents = ctx.decode(c.toCall(), chainId, null);
                io.countersign.app.session.IntentLines.texts(intents).forEach(line -> human.append("\n      ").append(line));
            }
        }
    }
}
