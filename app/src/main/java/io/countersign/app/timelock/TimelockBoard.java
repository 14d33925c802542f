package io.countersign.app.timelock;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.eth.Address;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.timelock.CompoundState;
import io.countersign.timelock.CompoundStatus;
import io.countersign.timelock.CompoundTimelock;
import io.countersign.timelock.OzTimelock;
import io.countersign.timelock.ScheduledOperation;
import io.countersign.timelock.TimelockCall;
import io.countersign.timelock.OperationId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the operations of the watched timelocks and prepares their execute steps: what the
 * console's Timelock view shows. Plain Java over the chain; every method blocks on RPC, so a UI
 * calls it off its event thread.
 */
public final class TimelockBoard {
    private final AppContext ctx;
    private final TimelockWatchList watchList;

    public TimelockBoard(AppContext ctx) {
        this.ctx = ctx;
        this.watchList = new TimelockWatchList(ctx.dataDir());
    }

    public TimelockWatchList watchList() {
        return watchList;
    }

    /**
     * What was read, at which chain time.
     *
     * @param rows every operation of every watched timelock that could be read, newest timelock last
     * @param chainNow the latest block's timestamp when read, seconds since the epoch
     * @param wallNow the workstation's clock at the same moment, seconds since the epoch (the
     *     difference lets a countdown tick in chain time)
     * @param problems one line per timelock that could not be read
     * @param executeRequests execute requests already in the queue, by operation id
     */
    public record Snapshot(List<OperationRow> rows, long chainNow, long wallNow, List<String> problems,
            Map<OperationId, Path> executeRequests) {
        /** Chain time now, estimated from the workstation clock and the offset seen at read time. */
        public long chainTimeAt(long wallSeconds) {
            return chainNow + (wallSeconds - wallNow);
        }
    }

    /** Reads every watched timelock (one that fails is named in {@code problems}, the others still listed). */
    public Snapshot read() {
        EthRpc rpc = ctx.rpc("the Timelock view");
        long wallNow = System.currentTimeMillis() / 1000;
        long chainNow = rpc.latestTimestamp().longValueExact();
        BigInteger chainId = rpc.chainId();
        List<OperationRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (WatchedTimelock t : watchList.load()) {
            try {
                rows.addAll(operations(t));
            } catch (RuntimeException e) {
                problems.add(t.name() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        return new Snapshot(rows, chainNow, wallNow, problems, executeRequests());
    }

    /**
     * Every operation in one timelock's events (OpenZeppelin: CallScheduled, CallSalt, Cancelled;
     * Compound: QueueTransaction and its successors) with its state: the one read behind both
     * {@code countersign timelock list} and the console's Timelocks tab.
     *
     * @throws CountersignException.Refused if the timelock cannot be read (the library's message)
     */
    public List<OperationRow> operations(WatchedTimelock t) {
        EthRpc rpc = ctx.rpc("timelock list");
        BigInteger chainId = rpc.chainId();
        return t.flavor() == TimelockFlavor.OPENZEPPELIN ? readOz(rpc, t, chainId) : readCompound(rpc, t, chainId);
    }

    /**
     * One operation's state as {@code countersign timelock status} prints it, read at the latest block.
     *
     * @param state lower-case state: {@code unset, waiting, ready, done} (OpenZeppelin
     *     {@code getOperationState}); Compound adds {@code expired, cancelled} from its events
     * @param readyAt seconds since the epoch when it can execute (OpenZeppelin {@code getTimestamp},
     *     Compound eta); 0 when unset
     * @param now the latest block's timestamp, seconds since the epoch
     * @param expiresAt Compound only: eta + GRACE_PERIOD, seconds since the epoch
     */
    public record OperationStatusRead(String state, long readyAt, long now, Optional<Long> expiresAt) {}

    /**
     * Reads one operation's state: the read behind {@code countersign timelock status}, beside
     * {@link #operations} behind {@code timelock list} and the console's Timelocks tab.
     * OpenZeppelin asks the contract for the id directly (an id missing from the events still
     * answers {@code unset}); Compound finds the txHash among its QueueTransaction events.
     *
     * @throws CountersignException.Refused if the timelock cannot be read (the library's message)
     */
    public OperationStatusRead status(TimelockFlavor flavor, Address timelock, OperationId id) {
        TimelockRequests requests = new TimelockRequests(ctx);
        if (flavor == TimelockFlavor.COMPOUND) {
            Optional<CompoundStatus> found = requests.findCompound(timelock, id);
            long now = TimelockRequests.checked(() -> requests.compound(timelock).now());
            return found.map(s -> new OperationStatusRead(s.state().name().toLowerCase(java.util.Locale.ROOT), s.eta(), now,
                    Optional.of(s.expiresAt()))).orElseGet(() -> new OperationStatusRead("unset", 0, now, Optional.empty()));
        }
        OzTimelock oz = new OzTimelock(ctx.rpc("timelock status"), timelock);
        io.countersign.timelock.OperationStatus s = TimelockRequests.checked(() -> oz.status(id));
        long now = TimelockRequests.checked(oz::now);
        return new OperationStatusRead(s.state().name().toLowerCase(java.util.Locale.ROOT), s.readyAt(), now, Optional.empty());
    }

    /**
     * Writes the Safe request that executes a ready operation into the request queue
     * ({@code DATA_DIR/requests}), after the same checks as {@code timelock execute}.
     *
     * @throws CountersignException.Refused if a check fails (not ready yet, expired, no role …)
     * @throws CountersignException.Usage if no Safe is configured for an OpenZeppelin timelock
     */
    public TimelockRequests.Written prepareExecute(OperationRow row) {
        TimelockRequests requests = new TimelockRequests(ctx);
        WatchedTimelock t = row.timelock();
        if (t.flavor() == TimelockFlavor.COMPOUND) {
            Address safe = t.safe().orElseGet(() -> TimelockRequests.checked(() -> requests.compound(t.address()).admin()));
            return requests.executeCompound(t.address(), row.compoundTransaction().orElseThrow(), safe, TimelockRequests.Target.queue());
        }
        Address safe = t.safe().orElseThrow(() -> new CountersignException.Usage("no Safe is set for timelock " + t.name()
                + ": add it again with the Safe that executes its operations"));
        return requests.execute(t.address(), row.ozOperation().orElseThrow(), safe, TimelockRequests.Target.queue());
    }

    /** The execute requests in the queue ({@code DATA_DIR/requests}), by the operation id in their {@code meta.timelock}. */
    public Map<OperationId, Path> executeRequests() {
        Map<OperationId, Path> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ctx.requestsDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    TimelockMeta m = TimelockRequests.readMeta(f);
                    if (m.step() == TimelockMeta.Step.EXECUTE) {
                        out.put(m.id(), f);
                    }
                } catch (RuntimeException e) {
                    // not a timelock request, or damaged: the queue view shows it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private List<OperationRow> readOz(EthRpc rpc, WatchedTimelock t, BigInteger chainId) {
        List<OperationRow> rows = new ArrayList<>();
        for (ScheduledOperation o : TimelockRequests.checked(() -> new OzTimelock(rpc, t.address()).operations())) {
            OperationRow.RowState state = o.cancelled() ? OperationRow.RowState.CANCELLED : switch (o.state()) {
                case UNSET -> OperationRow.RowState.UNSET;
                case WAITING -> OperationRow.RowState.WAITING;
                case READY -> OperationRow.RowState.READY;
                case DONE -> OperationRow.RowState.DONE;
            };
            rows.add(new OperationRow(t, o.id(), o.operation().calls(), describe(o.operation().calls(), chainId), state, o.readyAt(), 0,
                    Optional.of(o.operation()), Optional.empty(), o.delay(), o.scheduledBlock()));
        }
        return rows;
    }

    private List<OperationRow> readCompound(EthRpc rpc, WatchedTimelock t, BigInteger chainId) {
        List<OperationRow> rows = new ArrayList<>();
        for (CompoundStatus s : TimelockRequests.checked(() -> new CompoundTimelock(rpc, t.address()).transactions())) {
            List<TimelockCall> calls = List.of(s.transaction().call());
            rows.add(new OperationRow(t, s.txHash(), calls, describe(calls, chainId), rowState(s.state()), s.eta(), s.expiresAt(),
                    Optional.empty(), Optional.of(s.transaction()), BigInteger.ZERO, BigInteger.ZERO));
        }
        return rows;
    }

    static OperationRow.RowState rowState(CompoundState s) {
        return switch (s) {
            case UNSET -> OperationRow.RowState.UNSET;
            case WAITING -> OperationRow.RowState.WAITING;
            case READY -> OperationRow.RowState.READY;
            case EXPIRED -> OperationRow.RowState.EXPIRED;
            case DONE -> OperationRow.RowState.DONE;
            case CANCELLED -> OperationRow.RowState.CANCELLED;
        };
    }

    /** Each call as the decoders describe it (a token transfer as a token transfer, unknown calldata flagged). */
    private List<String> describe(List<TimelockCall> calls, BigInteger chainId) {
        List<String> out = new ArrayList<>();
        for (TimelockCall c : calls) {
            List<Intent> intents = ctx.decode(c.toCall(), chainId, null);
            out.add(String.join("; ", intents.stream().map(i -> (i.flagged() ? "[!] " : "") + i.describe()).toList()));
        }
        return out;
    }
}
