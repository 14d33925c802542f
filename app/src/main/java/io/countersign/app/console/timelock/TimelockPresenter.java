package io.countersign.app.console.timelock;

import io.countersign.app.session.AppContext;
import io.countersign.app.timelock.OperationRow;
import io.countersign.app.timelock.TimelockBoard;
import io.countersign.app.timelock.TimelockRequests;
import io.countersign.app.timelock.TimelockTimes;
import io.countersign.app.timelock.WatchedTimelock;
import io.countersign.eth.Address;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.timelock.OperationId;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import java.nio.file.Path;
import javafx.concurrent.Task;
import javafx.util.Duration;

/**
 * The Timelock view's presenter: reads the watched timelocks off the FX thread (a
 * {@link Task}), keeps chain time ticking once a second for the countdowns, adds timelocks to
 * the watch list, and prepares execute requests. All chain work is in {@link TimelockBoard}.
 */
public final class TimelockPresenter {
    private final AppContext ctx;
    private final TimelockBoard board;
    private final ObservableList<OperationRow> rows = FXCollections.observableArrayList();
    private final ObservableList<WatchedTimelock> watched = FXCollections.observableArrayList();
    private final ObservableMap<OperationId, Path> prepared = FXCollections.observableHashMap();
    private final LongProperty chainNow = new SimpleLongProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty statusIsError = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "timelock-view-rpc");
        t.setDaemon(true);
        return t;
    });
    private final Timeline ticker;
    private TimelockBoard.Snapshot snapshot;
    private final ZoneId zone;

    public TimelockPresenter(AppContext ctx, ZoneId zone) {
        this.ctx = ctx;
        this.board = new TimelockBoard(ctx);
        this.zone = zone;
        this.ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    public ObservableList<OperationRow> rows() {
        return rows;
    }

    /** Operations whose execute request is already in the queue, with the file. */
    public ObservableMap<OperationId, Path> prepared() {
        return prepared;
    }

    public ObservableList<WatchedTimelock> watched() {
        return watched;
    }

    /** Chain time now (estimated between reads from the offset seen at the last read), seconds since the epoch. */
    public LongProperty chainNow() {
        return chainNow;
    }

    public StringProperty status() {
        return status;
    }

    public BooleanProperty statusIsError() {
        return statusIsError;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The session the view reads and writes through (the Schedule and Cancel windows use it). */
    public AppContext context() {
        return ctx;
    }

    /** After a Schedule or Cancel window wrote its request: says where, and re-reads the timelocks. */
    public void written(TimelockRequests.Written w) {
        String wrote = "Wrote " + w.file() + " (safeTxHash " + w.safeTxHash() + "): " + w.prepared().action().describe()
                + " once the Safe's owners sign and execute it in the request queue.";
        setStatus(wrote, false);
        refresh(() -> setStatus(wrote, false));
    }

    public String requestsDir() {
        return ctx.requestsDir().toString();
    }

    /** Starts the one-second countdown tick. */
    public void start() {
        ticker.play();
    }

    /** Stops the tick (the view left the window). */
    public void stop() {
        ticker.stop();
    }

    private void tick() {
        if (snapshot != null) {
            chainNow.set(snapshot.chainTimeAt(System.currentTimeMillis() / 1000));
        }
    }

    /** Re-reads the watch list and every watched timelock, off the FX thread. */
    public void refresh() {
        refresh(() -> { });
    }

    /** As {@link #refresh()}, then {@code after} on the FX thread once the read succeeded. */
    private void refresh(Runnable after) {
        run("Reading the watched timelocks…", () -> {
            List<WatchedTimelock> list = board.watchList().load();
            return new Loaded(list, list.isEmpty() ? null : board.read());
        }, loaded -> {
            watched.setAll(loaded.watched());
            if (loaded.snapshot() == null) {
                rows.clear();
                setStatus("No timelocks watched yet: add one above (" + board.watchList().file() + ").", false);
                return;
            }
            snapshot = loaded.snapshot();
            prepared.clear();
            prepared.putAll(snapshot.executeRequests());
            rows.setAll(snapshot.rows());
            tick();
            String problems = snapshot.problems().isEmpty() ? "" : "  Could not read: " + String.join("; ", snapshot.problems());
            setStatus("Read " + rows.size() + " operation" + (rows.size() == 1 ? "" : "s") + " from " + loaded.watched().size()
                    + " timelock" + (loaded.watched().size() == 1 ? "" : "s") + " at chain time " + TimelockTimes.utc(snapshot.chainNow())
                    + "." + problems, !snapshot.problems().isEmpty());
            after.run();
        });
    }

    private record Loaded(List<WatchedTimelock> watched, TimelockBoard.Snapshot snapshot) {}

    /**
     * Adds a timelock to {@code DATA_DIR/timelocks.json} and re-reads.
     *
     * @param safe the Safe that executes; blank for a Compound timelock's admin
     */
    public void watch(String address, TimelockFlavor flavor, String safe, String label) {
        try {
            Address a = Address.parse(address.strip(), "timelock address");
            Optional<Address> s = safe == null || safe.isBlank() ? Optional.empty() : Optional.of(Address.parse(safe.strip(), "Safe address"));
            if (s.isEmpty() && flavor == TimelockFlavor.OPENZEPPELIN) {
                setStatus("An OpenZeppelin timelock needs the Safe that executes its operations.", true);
                return;
            }
            board.watchList().add(new WatchedTimelock(a, flavor, s, label));
        } catch (RuntimeException e) {
            setStatus(message(e), true);
            return;
        }
        refresh();
    }

    /** Writes the Safe request that executes {@code row} into the queue, after the chain's checks. */
    public void prepareExecute(OperationRow row, Consumer<TimelockRequests.Written> done) {
        run("Checking operation " + row.id() + " and writing its execute request…", () -> board.prepareExecute(row), w -> {
            prepared.put(row.id(), w.file());
            setStatus("Wrote " + w.file() + " (safeTxHash " + w.safeTxHash() + "): the Safe's owners sign it in the request queue.", false);
            done.accept(w);
        });
    }

    /** What the state column shows at chain time {@code now}. */
    public static String stateText(OperationRow row, long now) {
        OperationRow.RowState s = row.stateAt(now);
        return switch (s) {
            case WAITING -> "Waiting";
            case READY -> "Ready";
            case DONE -> "Done";
            case CANCELLED -> "Cancelled";
            case EXPIRED -> "Expired";
            case UNSET -> "Unknown";
        };
    }

    /** What the countdown column shows at chain time {@code now}. */
    public static String countdownText(OperationRow row, long now) {
        return switch (row.stateAt(now)) {
            case WAITING -> "in " + TimelockTimes.countdown(row.readyAt() - now);
            case READY -> row.expiresAt() > 0 ? "ready now; expires in " + TimelockTimes.countdown(row.expiresAt() - now) : "ready now";
            case EXPIRED -> "expired " + TimelockTimes.duration(now - row.expiresAt()) + " ago: cancel and queue again";
            case DONE -> "executed";
            case CANCELLED -> "cancelled";
            case UNSET -> "";
        };
    }

    private <T> void run(String progress, Supplier<T> work, Consumer<T> onSuccess) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() {
                return work.get();
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            busy.set(false);
            setStatus(message(task.getException()), true);
        });
        busy.set(true);
        setStatus(progress, false);
        worker.submit(task);
    }

    private void setStatus(String text, boolean error) {
        status.set(text);
        statusIsError.set(error);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
