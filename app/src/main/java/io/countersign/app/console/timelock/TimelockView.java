package io.countersign.app.console.timelock;

import io.countersign.app.session.AppContext;
import io.countersign.app.timelock.OperationRow;
import io.countersign.app.timelock.TimelockTimes;
import io.countersign.eth.intent.TimelockFlavor;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

/**
 * The Timelock view: the operations of every timelock the treasury watches, with the target and
 * decoded calls, the state, when each is ready (local time and UTC), a live countdown in chain
 * time, and "Prepare execute" for a ready operation, which writes its Safe request into the
 * request queue. Watched timelocks live in {@code DATA_DIR/timelocks.json}; the bar at the top
 * adds one.
 */
public final class TimelockView {
    private TimelockView() {}

    /** The view for a console tab, reading the chain through {@code ctx} (it needs {@code --rpc}). */
    public static Parent create(AppContext ctx) {
        return create(ctx, ZoneId.systemDefault());
    }

    /** As {@link #create(AppContext)}, with local times in {@code zone}. */
    public static Parent create(AppContext ctx, ZoneId zone) {
        TimelockPresenter c = new TimelockPresenter(ctx, zone);
        BorderPane root = new BorderPane(table(c));
        root.setTop(new VBox(toolbar(c), watchBar(c)));
        root.setBottom(statusLine(c));
        root.getStyleClass().add("timelock-view");
        root.getStylesheets().add(TimelockView.class.getResource("timelock.css").toExternalForm());
        io.countersign.app.console.Themes.ensureInstalled();
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                c.stop();
            } else {
                c.start();
            }
        });
        c.refresh();
        return root;
    }

    private static HBox toolbar(TimelockPresenter c) {
        Label title = new Label("Timelocks");
        title.getStyleClass().add("view-title");
        Label clock = new Label();
        clock.setId("timelock-chain-time");
        clock.textProperty().bind(Bindings.createStringBinding(() -> c.chainNow().get() == 0 ? "" : "Chain time "
                + TimelockTimes.utc(c.chainNow().get()) + "  ·  " + TimelockTimes.local(c.chainNow().get(), c.zone()), c.chainNow()));
        Button refresh = new Button("Refresh");
        refresh.setId("timelock-refresh");
        refresh.disableProperty().bind(c.busy());
        refresh.setOnAction(e -> c.refresh());
        Button schedule = new Button("Schedule…");
        schedule.setId("timelock-schedule");
        schedule.setTooltip(new Tooltip("Write a Safe request that schedules (Compound: queues) an operation on a watched timelock"));
        schedule.disableProperty().bind(Bindings.isEmpty(c.watched()));
        schedule.setOnAction(e -> TimelockStepWindow.schedule(c.context(), List.copyOf(c.watched()), c.watched().getFirst(),
                schedule.getScene().getWindow(), w -> written(c, schedule.getScene(), w)));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, title, schedule, spacer, clock, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 8, 4, 8));
        return bar;
    }

    private static HBox watchBar(TimelockPresenter c) {
        TextField address = field("timelock-address", "Timelock address 0x…", 20);
        ChoiceBox<TimelockFlavor> flavor = new ChoiceBox<>();
        flavor.setId("timelock-flavor");
        flavor.getItems().setAll(TimelockFlavor.values());
        flavor.setValue(TimelockFlavor.OPENZEPPELIN);
        flavor.setConverter(new StringConverter<>() {
            @Override
            public String toString(TimelockFlavor f) {
                return f == null ? "" : f == TimelockFlavor.OPENZEPPELIN ? "OpenZeppelin" : "Compound";
            }

            @Override
            public TimelockFlavor fromString(String s) {
                return null;
            }
        });
        TextField safe = field("timelock-safe", "Safe that executes 0x…", 20);
        safe.promptTextProperty().bind(Bindings.createStringBinding(() -> flavor.getValue() == TimelockFlavor.COMPOUND
                ? "Safe (empty: the timelock's admin)" : "Safe that executes 0x…", flavor.valueProperty()));
        TextField label = field("timelock-label", "Label (optional)", 12);
        Button watch = new Button("Add");
        watch.setId("timelock-watch");
        watch.disableProperty().bind(c.busy().or(address.textProperty().isEmpty()));
        watch.setOnAction(e -> {
            c.watch(address.getText(), flavor.getValue(), safe.getText(), label.getText());
            address.clear();
            label.clear();
        });
        Label watching = new Label();
        watching.getStyleClass().add("muted");
        watching.textProperty().bind(Bindings.size(c.watched()).asString("(%d watched)"));
        Label add = new Label("Watch a timelock:");
        for (javafx.scene.control.Control n : new javafx.scene.control.Control[] {add, flavor, watch, watching}) {
            n.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(address, Priority.SOMETIMES);
        HBox.setHgrow(safe, Priority.SOMETIMES);
        HBox bar = new HBox(8, add, address, flavor, safe, label, watch, watching);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 8, 8, 8));
        bar.getStyleClass().add("watch-bar");
        return bar;
    }

    private static TextField field(String id, String prompt, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        return f;
    }

    private static TableView<OperationRow> table(TimelockPresenter c) {
        TableView<OperationRow> table = new TableView<>(c.rows());
        table.setId("timelock-table");
        table.setPlaceholder(new Label("No timelock operations to show.\nAdd the timelock your Safe controls above;"
                + " its scheduled operations appear here with a countdown."));
        TableColumn<OperationRow, String> timelock = column("Timelock", 170, r -> fixed(r.timelock().name() + "\n"
                + (r.timelock().flavor() == TimelockFlavor.COMPOUND ? "Compound" : "OpenZeppelin")
                + r.timelock().safe().map(s -> "\nvia Safe\n" + s.toString().substring(0, 14) + "\n" + s.toString().substring(14, 28)
                        + "\n" + s.toString().substring(28))
                        .orElse(" · via its admin")));
        timelock.setCellFactory(col -> wrappingCell(col, "timelock-cell"));
        table.getColumns().add(timelock);
        TableColumn<OperationRow, String> id = column("Operation id", 265, r -> fixed(twoLines(r.id().toString())));
        id.setCellFactory(col -> wrappingCell(col, "hash"));
        table.getColumns().add(id);
        TableColumn<OperationRow, String> calls = column("Calls (decoded)", 280, r -> fixed(callsText(r)));
        calls.setCellFactory(col -> wrappingCell(col, "calls-cell"));
        table.getColumns().add(calls);
        TableColumn<OperationRow, String> state = column("State", 75, r -> live(c, () -> TimelockPresenter.stateText(r, c.chainNow().get())));
        state.setCellFactory(col -> stateCell(c));
        table.getColumns().add(state);
        TableColumn<OperationRow, String> readyAt = column("Ready at (local / UTC)", 190, r -> fixed(r.readyAt() > 0
                ? TimelockTimes.local(r.readyAt(), c.zone()) + "\n" + TimelockTimes.utc(r.readyAt()) : ""));
        readyAt.setCellFactory(col -> wrappingCell(col, "time-cell"));
        table.getColumns().add(readyAt);
        TableColumn<OperationRow, String> countdown = column("Countdown", 130,
                r -> live(c, () -> TimelockPresenter.countdownText(r, c.chainNow().get())));
        countdown.setCellFactory(col -> wrappingCell(col, "countdown"));
        table.getColumns().add(countdown);
        TableColumn<OperationRow, OperationRow> action = new TableColumn<>("Action");
        action.setPrefWidth(140);
        action.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        action.setCellFactory(col -> new ExecuteCell(c));
        table.getColumns().add(action);
        table.getColumns().forEach(col -> col.setSortable(false));
        return table;
    }

    /** {@code 0x} and 32 hex digits, then the other 32: a full id an officer can compare, in a narrow column. */
    private static String twoLines(String id) {
        return id.substring(0, 34) + "\n  " + id.substring(34);
    }

    private static String callsText(OperationRow r) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < r.calls().size(); i++) {
            out.append(i == 0 ? "" : "\n").append(r.calls().size() > 1 ? (i + 1) + ". " : "").append(r.callText().get(i));
        }
        return out.toString();
    }

    private static ObservableValue<String> fixed(String text) {
        return new javafx.beans.property.ReadOnlyStringWrapper(text);
    }

    private static ObservableValue<String> live(TimelockPresenter c, java.util.concurrent.Callable<String> text) {
        return Bindings.createStringBinding(text, c.chainNow());
    }

    private static TableColumn<OperationRow, String> column(String title, double width, Function<OperationRow, ObservableValue<String>> value) {
        TableColumn<OperationRow, String> col = new TableColumn<>(title);
        col.setPrefWidth(width);
        col.setCellValueFactory(cell -> value.apply(cell.getValue()));
        return col;
    }

    /** A cell whose text wraps at the column's width, so the row grows instead of cutting the text off. */
    private static TableCell<OperationRow, String> wrappingCell(TableColumn<OperationRow, String> col, String styleClass) {
        Text text = new Text();
        text.wrappingWidthProperty().bind(col.widthProperty().subtract(12));
        text.getStyleClass().add("cell-text");
        TableCell<OperationRow, String> cell = new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : io.countersign.app.console.ConsoleText.text(item));
                setGraphic(empty ? null : text);
                setText(null);
            }
        };
        cell.getStyleClass().add(styleClass);
        cell.setAlignment(Pos.TOP_LEFT);
        return cell;
    }

    private static TableCell<OperationRow, String> stateCell(TimelockPresenter c) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : io.countersign.app.console.ConsoleText.text(item));
                getStyleClass().removeIf(s -> s.startsWith("state-"));
                if (!empty && item != null) {
                    getStyleClass().add("state-" + item.toLowerCase(java.util.Locale.ROOT));
                }
            }
        };
    }

    /** A request a Schedule or Cancel window wrote: the status line says so, and the queue tab re-reads its folder. */
    private static void written(TimelockPresenter c, javafx.scene.Scene scene, io.countersign.app.timelock.TimelockRequests.Written w) {
        c.written(w);
        if (scene != null) {
            io.countersign.app.console.queue.QueueView.reloadIn(scene);
        }
    }

    /**
     * "Prepare execute", enabled while the operation is ready at chain time, and "Cancel…",
     * enabled while it is waiting or ready (Compound: also expired).
     */
    private static final class ExecuteCell extends TableCell<OperationRow, OperationRow> {
        private final Button button = new Button("Prepare execute");
        private final Button cancel = new Button("Cancel…");
        private final VBox box = new VBox(4, button, cancel);
        private final TimelockPresenter c;

        ExecuteCell(TimelockPresenter c) {
            this.c = c;
            button.getStyleClass().add("prepare-execute");
            button.setMinWidth(Region.USE_PREF_SIZE);
            cancel.getStyleClass().add("cancel-operation");
            cancel.setMinWidth(Region.USE_PREF_SIZE);
            cancel.setTooltip(new Tooltip("Write a Safe request that cancels this operation into the request queue"));
        }

        @Override
        protected void updateItem(OperationRow row, boolean empty) {
            super.updateItem(row, empty);
            button.disableProperty().unbind();
            button.textProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            button.disableProperty().bind(c.busy().or(Bindings.createBooleanBinding(
                    () -> row.stateAt(c.chainNow().get()) != OperationRow.RowState.READY || c.prepared().containsKey(row.id()),
                    c.chainNow(), c.prepared())));
            button.textProperty().bind(Bindings.createStringBinding(() -> c.prepared().containsKey(row.id())
                    ? "Request in queue" : "Prepare execute", c.prepared()));
            button.setTooltip(new Tooltip(c.prepared().containsKey(row.id()) ? "Already written: " + c.prepared().get(row.id())
                    : "Write the Safe request that executes this operation into the request queue"));
            button.setOnAction(e -> c.prepareExecute(row, w -> { }));
            cancel.disableProperty().unbind();
            cancel.disableProperty().bind(c.busy().or(Bindings.createBooleanBinding(() -> switch (row.stateAt(c.chainNow().get())) {
                case WAITING, READY, EXPIRED -> false;
                default -> true;
            }, c.chainNow())));
            cancel.setOnAction(e -> {
                javafx.scene.Scene scene = getScene();
                TimelockStepWindow.cancel(c.context(), row, scene.getWindow(), w -> written(c, scene, w));
            });
            setGraphic(box);
        }
    }

    private static Label statusLine(TimelockPresenter c) {
        Label status = new Label();
        status.setId("timelock-status");
        status.setWrapText(true);
        status.textProperty().bind(c.status());
        c.statusIsError().addListener((obs, was, error) -> {
            status.getStyleClass().remove("error");
            if (error) {
                status.getStyleClass().add("error");
            }
        });
        status.setPadding(new Insets(6, 8, 6, 8));
        status.setMaxWidth(Double.MAX_VALUE);
        return status;
    }
}
