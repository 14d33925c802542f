package io.countersign.app.console.timelock;

import io.countersign.app.console.ConsoleText;
import io.countersign.app.console.safe.RequestPreviewView;
import io.countersign.app.session.AppContext;
import io.countersign.app.timelock.OperationRow;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.app.timelock.TimelockRequests;
import io.countersign.app.timelock.TimelockTimes;
import io.countersign.app.timelock.WatchedTimelock;
import io.countersign.eth.Address;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.timelock.CompoundTransaction;
import io.countersign.timelock.OperationId;
import io.countersign.timelock.Salt;
import io.countersign.timelock.TimelockCall;
import io.countersign.timelock.TimelockOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The Timelocks tab's Schedule… and Cancel… windows: a form on the left, the Safe request it
 * makes on the right ({@link RequestPreviewView}: decoded calls, the three hashes, every SafeTx
 * field, the policy's decision), recomputed in a background task on every change. The request
 * calls the timelock's {@code schedule}/{@code scheduleBatch} (Compound: {@code queueTransaction})
 * or {@code cancel} ({@code cancelTransaction}); it is built by {@link TimelockRequests} after the
 * chain's checks (roles, {@code delay >= getMinDelay()}, Compound's {@code eta >= now + delay},
 * the operation's state), the same code {@code countersign timelock schedule|cancel} runs.
 * Nothing is written until Save, which writes exactly the request last shown into the queue.
 */
public final class TimelockStepWindow {
    private final AppContext ctx;
    private final Consumer<TimelockRequests.Written> onSaved;
    private final Stage stage = new Stage();
    private final TextField safe = field("tl-safe", "0x… the Safe that calls the timelock");
    private final TextField nonce = field("tl-nonce", "next free");
    private final TextField description = field("tl-description", "what this is for (shown in the queue)");
    private final Label facts = new Label();
    private final Label error = new Label();
    private final Button save = new Button("Save");
    private final RequestPreviewView preview = new RequestPreviewView();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "countersign-timelock-step");
        t.setDaemon(true);
        return t;
    });
    /** Builds the draft from the form's values (taken on the FX thread); runs in the task. */
    private Supplier<Work> form;
    private Task<Shown> running;
    private Shown shown;

    /** What the task does with the values taken from the form. */
    @FunctionalInterface
    private interface Work {
        TimelockRequests.Draft draft(TimelockRequests requests, Consumer<String> facts);
    }

    private record Shown(TimelockRequests.Draft draft, RequestPreviewView.Computed computed) {}

    private TimelockStepWindow(AppContext ctx, Consumer<TimelockRequests.Written> onSaved) {
        this.ctx = ctx;
        this.onSaved = onSaved;
    }

    /**
     * Opens the Schedule window (Compound: queue) for one of the watched timelocks.
     *
     * @param watched the timelocks to choose from (not empty)
     * @param selected the one chosen first
     * @param onSaved runs on the FX thread after the request was written
     */
    public static void schedule(AppContext ctx, List<WatchedTimelock> watched, WatchedTimelock selected, Window owner,
            Consumer<TimelockRequests.Written> onSaved) {
        TimelockStepWindow w = new TimelockStepWindow(ctx, onSaved);
        w.show(owner, "Schedule a timelock operation", "timelock-schedule-window", w.scheduleForm(watched, selected));
    }

    /** Opens the Cancel window for a waiting or ready operation (Compound: also an expired one). */
    public static void cancel(AppContext ctx, OperationRow row, Window owner, Consumer<TimelockRequests.Written> onSaved) {
        TimelockStepWindow w = new TimelockStepWindow(ctx, onSaved);
        w.show(owner, "Cancel timelock operation " + row.id().toString().substring(0, 10) + "…", "timelock-cancel-window",
                w.cancelForm(row));
    }

    private void show(Window owner, String title, String id, Node formNode) {
        facts.setId("tl-facts");
        facts.setWrapText(true);
        error.setId("tl-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b00020;");
        save.setId("tl-save");
        save.setDefaultButton(true);
        save.setDisable(true);
        save.setOnAction(e -> save());
        Button close = new Button("Close");
        close.setId("tl-close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        GridPane head = grid(new String[] {"Safe", "Nonce", "Description"}, safe, nonce, description);
        stage.setScene(preview.windowScene(new VBox(10, formNode, head, facts), error, id, close, save));
        stage.setTitle(title);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnHidden(e -> worker.shutdownNow());
        stage.show();
        recompute();
    }

    // ---------------------------------------------------------------- forms

    private Node scheduleForm(List<WatchedTimelock> watched, WatchedTimelock selected) {
        ChoiceBox<WatchedTimelock> timelock = new ChoiceBox<>();
        timelock.setId("tl-timelock");
        timelock.getItems().setAll(watched);
        timelock.setConverter(new StringConverter<>() {
            @Override
            public String toString(WatchedTimelock t) {
                return t == null ? "" : t.name() + " (" + (t.flavor() == TimelockFlavor.COMPOUND ? "Compound" : "OpenZeppelin") + ")";
            }

            @Override
            public WatchedTimelock fromString(String s) {
                return null;
            }
        });
        timelock.setMaxWidth(Double.MAX_VALUE);
        TextField target = field("tl-target", "0x… the account the timelock calls");
        TextField value = field("tl-value", "0 (native units the timelock sends, e.g. 1.5)");
        TextArea data = new TextArea();
        data.setId("tl-data");
        data.setPromptText("0x… calldata (empty for a plain transfer)");
        data.setPrefRowCount(3);
        data.setWrapText(true);
        data.textProperty().addListener((o, a, b) -> recompute());
        TextField signature = field("tl-signature", "Compound: e.g. transfer(address,uint256); empty: data is whole calldata");
        TextField predecessor = field("tl-predecessor", "0x… an operation that must be done first (empty: none)");
        TextField salt = field("tl-salt", "");
        salt.setText(Salt.random().toString());
        TextField delay = field("tl-delay", "seconds (empty: the timelock's getMinDelay())");
        TextField eta = field("tl-eta", "seconds since the epoch, at least chain time + delay()");
        for (TextInputControl f : List.of(target, data, predecessor, salt, safe)) {
            f.setStyle(MONO);
        }
        GridPane grid = grid(new String[] {"Timelock", "Target", "Value", "Calldata", "Signature (Compound)", "Predecessor", "Salt",
            "Delay (s)", "eta (Compound)"}, timelock, target, value, data, signature, predecessor, salt, delay, eta);
        Runnable flavorFields = () -> {
            boolean compound = timelock.getValue() != null && timelock.getValue().flavor() == TimelockFlavor.COMPOUND;
            for (Node n : List.of(signature, eta)) {
                visible(grid, n, compound);
            }
            for (Node n : List.of(predecessor, salt, delay)) {
                visible(grid, n, !compound);
            }
            WatchedTimelock t = timelock.getValue();
            safe.setText(t == null ? "" : t.safe().map(Address::toString).orElse(""));
            safe.setPromptText(t != null && t.flavor() == TimelockFlavor.COMPOUND ? "empty: the timelock's admin()"
                    : "0x… the Safe that calls the timelock");
        };
        timelock.valueProperty().addListener((o, a, b) -> {
            flavorFields.run();
            recompute();
        });
        timelock.setValue(selected);
        flavorFields.run();
        form = () -> {
            WatchedTimelock t = timelock.getValue();
            String targetText = target.getText();
            String valueText = value.getText();
            String dataText = data.getText();
            String signatureText = signature.getText();
            String predecessorText = predecessor.getText();
            String saltText = salt.getText();
            String delayText = delay.getText();
            String etaText = eta.getText();
            Address safeAddress = optionalAddress(safe.getText(), "Safe");
            TimelockRequests.Target where = target();
            return (requests, say) -> {
                if (t == null) {
                    throw new IllegalArgumentException("choose the timelock");
                }
                TimelockCall call = new TimelockCall(address(targetText, "target"), amount(valueText),
                        Hex.decode(blank(dataText) ? "0x" : dataText.strip(), "calldata"));
                if (t.flavor() == TimelockFlavor.COMPOUND) {
                    var c = requests.compound(t.address());
                    BigInteger minDelay = TimelockRequests.checked(c::delay);
                    long now = TimelockRequests.checked(c::now);
                    Address sender = safeAddress != null ? safeAddress : TimelockRequests.checked(c::admin);
                    say.accept("delay() " + minDelay + " s (" + TimelockTimes.duration(minDelay.longValueExact()) + "); chain time "
                            + now + " (" + TimelockTimes.utc(now) + "): eta at least " + (now + minDelay.longValueExact()));
                    BigInteger etaValue = whole(required(etaText, "eta"), "eta");
                    return requests.draftQueue(t.address(), new CompoundTransaction(call.target(), call.value(),
                            signatureText == null ? "" : signatureText.strip(), call.data(), etaValue), sender, where);
                }
                if (safeAddress == null) {
                    throw new IllegalArgumentException("give the Safe that schedules (a proposer of the timelock)");
                }
                BigInteger minDelay = TimelockRequests.checked(() -> requests.oz(t.address()).minDelay());
                say.accept("getMinDelay() " + minDelay + " s (" + TimelockTimes.duration(minDelay.longValueExact())
                        + "): the delay may not be shorter");
                OperationId pred = blank(predecessorText) ? OperationId.ZERO : OperationId.parse(predecessorText.strip(), "predecessor");
                TimelockOperation op = TimelockOperation.single(call, pred, Salt.parse(required(saltText, "salt")));
                BigInteger d = blank(delayText) ? null : whole(delayText, "delay");
                return requests.draftSchedule(t.address(), op, d, safeAddress, where);
            };
        };
        return new VBox(8, title("Schedule (Compound: queue) an operation"), grid);
    }

    private Node cancelForm(OperationRow row) {
        WatchedTimelock t = row.timelock();
        safe.setText(t.safe().map(Address::toString).orElse(""));
        StringBuilder what = new StringBuilder((t.flavor() == TimelockFlavor.COMPOUND ? "txHash " : "operation id ") + row.id());
        for (String call : row.callText()) {
            what.append("\n  ").append(call);
        }
        Label operation = new Label(ConsoleText.text(what.toString()));
        operation.setId("tl-operation");
        operation.setWrapText(true);
        form = () -> {
            Address safeAddress = optionalAddress(safe.getText(), "Safe");
            TimelockRequests.Target where = target();
            return (requests, say) -> {
                say.accept("Timelock " + t.name() + " (" + t.address() + ")");
                if (t.flavor() == TimelockFlavor.COMPOUND) {
                    Address sender = safeAddress != null ? safeAddress
                            : TimelockRequests.checked(() -> requests.compound(t.address()).admin());
                    return requests.draftCancelCompound(t.address(), row.compoundTransaction().orElseThrow(), sender, where);
                }
                if (safeAddress == null) {
                    throw new IllegalArgumentException("give the Safe that cancels (a canceller of the timelock)");
                }
                return requests.draftCancel(t.address(), row.id(), safeAddress, where);
            };
        };
        return new VBox(8, title(t.flavor() == TimelockFlavor.COMPOUND ? "Cancel (cancelTransaction)" : "Cancel (cancel)"), operation);
    }

    // ---------------------------------------------------------------- live preview

    /** Takes the form's values now and builds the request in the background; the newest run wins. */
    private void recompute() {
        if (form == null) {
            return;
        }
        if (running != null) {
            running.cancel();
        }
        shown = null;
        save.setDisable(true);
        Work work;
        try {
            work = form.get();
        } catch (RuntimeException e) {
            problem(e);
            return;
        }
        Task<Shown> task = new Task<>() {
            @Override
            protected Shown call() {
                TimelockRequests.Draft d = work.draft(new TimelockRequests(ctx), text -> updateMessage(text));
                if (isCancelled()) {
                    return null;
                }
                return new Shown(d, RequestPreviewView.compute(ctx, d.request()));
            }
        };
        task.messageProperty().addListener((o, a, b) -> facts.setText(ConsoleText.text(b)));
        task.setOnSucceeded(e -> {
            if (task != running || task.getValue() == null) {
                return;
            }
            shown = task.getValue();
            preview.show(shown.computed());
            error.setText("");
            save.setDisable(false);
        });
        task.setOnFailed(e -> {
            if (task == running) {
                problem(task.getException());
            }
        });
        running = task;
        worker.submit(task);
    }

    private void problem(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        preview.problem(message);
        error.setText(ConsoleText.text(message));
    }

    /** Writes the request last shown (its safeTxHash unchanged) into the queue. */
    private void save() {
        Shown s = shown;
        if (s == null) {
            return;
        }
        save.setDisable(true);
        Task<TimelockRequests.Written> task = new Task<>() {
            @Override
            protected TimelockRequests.Written call() {
                return new TimelockRequests(ctx).write(s.draft());
            }
        };
        task.setOnSucceeded(e -> {
            stage.close();
            onSaved.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            save.setDisable(false);
            Throwable ex = task.getException();
            error.setText(ConsoleText.text("Not saved: " + (ex.getMessage() == null ? ex : ex.getMessage())));
        });
        worker.submit(task);
    }

    // ---------------------------------------------------------------- fields

    private TimelockRequests.Target target() {
        BigInteger n = blank(nonce.getText()) ? null : whole(nonce.getText(), "nonce");
        return new TimelockRequests.Target(n, description.getText() == null ? "" : description.getText().strip(), null);
    }

    private TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().addListener((o, a, b) -> recompute());
        return f;
    }

    private static void visible(GridPane grid, Node field, boolean on) {
        for (Node n : grid.getChildren()) {
            if (n == field || (GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n).equals(GridPane.getRowIndex(field)))) {
                n.setVisible(on);
                n.setManaged(on);
            }
        }
    }

    /** Addresses, ids and calldata in a monospace face small enough that 32 bytes fit the form's width. */
    private static final String MONO = "-fx-font-family: monospace; -fx-font-size: 11.5px;";

    private static Label title(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private static GridPane grid(String[] labels, Node... fields) {
        GridPane grid = new GridPane(8, 6);
        for (int i = 0; i < labels.length; i++) {
            Label l = new Label(labels[i]);
            l.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(i, l, fields[i]);
            GridPane.setHgrow(fields[i], Priority.ALWAYS);
            if (fields[i] instanceof TextInputControl || fields[i] instanceof ChoiceBox) {
                ((Region) fields[i]).setMaxWidth(Double.MAX_VALUE);
            }
        }
        return grid;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String required(String text, String field) {
        if (blank(text)) {
            throw new IllegalArgumentException("give the " + field);
        }
        return text.strip();
    }

    private static Address address(String text, String field) {
        return Address.parse(required(text, field), field);
    }

    private static Address optionalAddress(String text, String field) {
        return blank(text) ? null : Address.parse(text.strip(), field);
    }

    private static BigInteger amount(String text) {
        return blank(text) ? BigInteger.ZERO : Erc20.toBaseUnits(text.strip(), 18);
    }

    private static BigInteger whole(String text, String field) {
        String t = text.strip();
        if (!t.matches("[0-9]{1,30}")) {
            throw new IllegalArgumentException(field + " \"" + t + "\" is not a whole number");
        }
        return new BigInteger(t);
    }
}
