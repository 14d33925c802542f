package io.countersign.app.console.journal;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.JournalAnchors;
import io.countersign.app.session.JournalReview;
import io.countersign.eth.Address;
import io.countersign.journal.EntryKind;
import io.countersign.journal.ExportFormat;
import io.countersign.journal.JournalEntry;
import io.countersign.journal.VerifyResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Journal screen: every entry in a table (sequence, time, kind, Safe, safeTxHash, decision)
 * filtered by kind, Safe and date; the selected entry's payload and chain hashes; Verify against
 * the heads kept in the data folder and an optional head the officer kept ({@code SEQ:HASH}, as
 * {@code countersign audit verify --head}), in the background with a progress bar, selecting the
 * first bad entry when it fails; export to CSV or JSON; and charts of signed spend per day per
 * asset and of decisions per day. All journal reads run off the FX thread ({@link JournalReview}).
 */
public final class JournalView {
    /** How many days the charts show: the last ones that have data. */
    static final int CHART_DAYS = 31;
    private static final tools.jackson.databind.ObjectWriter PRETTY =
            tools.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter();
    /** Days typed and shown as ISO 8601 ({@code 2026-03-01}) whatever the locale, like every time the journal holds. */
    private static final javafx.util.StringConverter<LocalDate> ISO_DAY = new javafx.util.StringConverter<>() {
        @Override
        public String toString(LocalDate d) {
            return d == null ? "" : d.toString();
        }

        @Override
        public LocalDate fromString(String s) {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
        }
    };
    /** The gate's outcomes in the order the decision chart stacks them (docs/policy.md, "Decisions"). */
    static final List<String> OUTCOMES = List.of("allow", "require-approval", "require-timelock", "deny");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final AppContext ctx;
    private final JournalReview review;
    private final ZoneId zone = ZoneId.systemDefault();
    private final TableView<JournalReview.Row> table = new TableView<>();
    private final ComboBox<String> kind = new ComboBox<>();
    private final ComboBox<String> safe = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Label count = new Label();
    private final TextField head = new TextField();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label verdict = new Label();
    private final TextArea payload = new TextArea();
    private final GridPane hashes = new GridPane();
    private final StackedBarChart<String, Number> spendChart = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final StackedBarChart<String, Number> decisionChart = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final Button verify = new Button("_Verify");
    /** Where an export goes; a file dialog by default. */
    private Function<ExportFormat, Optional<Path>> exportTarget;
    private Task<?> loading;

    private JournalView(AppContext ctx) {
        this.ctx = ctx;
        this.review = new JournalReview(ctx);
    }

    /** Builds the screen and starts loading the entries and charts in the background. */
    public static Node create(AppContext ctx) {
        return new JournalView(ctx).build();
    }

    /**
     * As {@link #create(AppContext)}, with the export destination chosen by {@code exportTarget}
     * instead of a file dialog (a test's temporary folder, where no dialog can be driven).
     */
    public static Node create(AppContext ctx, Function<ExportFormat, Optional<Path>> exportTarget) {
        JournalView v = new JournalView(ctx);
        v.exportTarget = exportTarget;
        return v.build();
    }

    private Node build() {
        BorderPane root = new BorderPane();
        root.setId("journal-view");
        root.getStyleClass().add("journal-view");
        if (exportTarget == null) {
            exportTarget = f -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Export the journal as " + f.name());
                chooser.setInitialFileName("journal." + f.name().toLowerCase(java.util.Locale.ROOT));
                java.io.File file = chooser.showSaveDialog(root.getScene().getWindow());
                return Optional.ofNullable(file).map(java.io.File::toPath);
            };
        }
        root.setTop(new VBox(6, filters(), verifyBar()));
        BorderPane.setMargin(root.getTop(), new Insets(8));

        TabPane views = new TabPane();
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        views.setId("journal-views");
        SplitPane entries = new SplitPane(table(), detail());
        entries.setOrientation(Orientation.HORIZONTAL);
        entries.setDividerPositions(0.62);
        Tab charts = new Tab("Charts", charts());
        charts.setId("journal-charts-tab");
        views.getTabs().addAll(new Tab("Entries", entries), charts);
        root.setCenter(views);
        reload();
        return root;
    }

    private Node filters() {
        kind.getItems().add("all kinds");
        for (EntryKind k : EntryKind.values()) {
            kind.getItems().add(k.name());
        }
        kind.getSelectionModel().selectFirst();
        kind.setId("journal-kind");
        kind.setTooltip(new Tooltip("Show entries of one kind"));
        safe.setEditable(true);
        safe.setPromptText("any Safe (0x… address)");
        safe.setId("journal-safe");
        safe.setPrefWidth(330);
        safe.setMinWidth(160);
        from.setPromptText("from day");
        from.setId("journal-from");
        to.setPromptText("last day");
        to.setId("journal-to");
        from.setConverter(ISO_DAY);
        to.setConverter(ISO_DAY);
        from.setPrefWidth(140);
        to.setPrefWidth(160);
        Button apply = new Button("_Filter");
        apply.setId("journal-filter");
        apply.setDefaultButton(false);
        apply.setOnAction(e -> reload());
        Button clear = new Button("Show _all");
        clear.setId("journal-clear");
        clear.setOnAction(e -> {
            clearFilters();
            reload();
        });
        kind.setOnAction(e -> reload());
        Button csv = new Button("Export _CSV…");
        csv.setId("journal-export-csv");
        csv.setOnAction(e -> export(ExportFormat.CSV));
        Button json = new Button("Export _JSON…");
        json.setId("journal-export-json");
        json.setOnAction(e -> export(ExportFormat.JSON));
        count.setId("journal-count");
        HBox box = new HBox(8, new Label("Kind"), kind, new Label("Safe"), safe, new Label("Days"), from, new Label("to"), to, apply, clear,
                count, spacer(), csv, json);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        keepWhole(box);
        return box;
    }

    /** Labels and buttons keep their whole text; fields and the Safe box give up width first. */
    private static void keepWhole(HBox box) {
        for (Node n : box.getChildren()) {
            if (n instanceof Label || n instanceof Button || n instanceof ProgressBar) {
                ((javafx.scene.layout.Region) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
    }

    private Node verifyBar() {
        head.setPromptText("optional SEQ:HASH, as `countersign audit verify` printed it");
        head.setId("journal-head");
        head.setPrefColumnCount(36);
        head.setMinWidth(160);
        HBox.setHgrow(head, Priority.SOMETIMES);
        verify.setId("journal-verify");
        verify.setMnemonicParsing(true);
        verify.setOnAction(e -> verify());
        progress.setId("journal-progress");
        progress.setPrefWidth(180);
        verdict.setId("journal-verdict");
        verdict.setWrapText(true);
        verdict.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(verdict, Priority.ALWAYS);
        HBox box = new HBox(8, verify, new Label("Kept head"), head, progress, verdict);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        keepWhole(box);
        verdict.setMinWidth(200);
        return box;
    }

    private static Node spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private Node table() {
        table.setId("journal-table");
        table.setPlaceholder(new Label("Loading the journal…"));
        TableColumn<JournalReview.Row, Long> seq = new TableColumn<>("#");
        seq.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().sequence()));
        seq.setPrefWidth(70);
        TableColumn<JournalReview.Row, String> time = column("Time", 150, r -> TIME.format(r.time().atZone(zone)));
        TableColumn<JournalReview.Row, String> k = column("Kind", 130, r -> r.kind().name());
        TableColumn<JournalReview.Row, String> s = column("Safe", 150, r -> shortHex(r.safe()));
        TableColumn<JournalReview.Row, String> h = column("safeTxHash", 160, r -> shortHex(r.safeTxHash()));
        TableColumn<JournalReview.Row, String> d = column("Decision", 130, JournalReview.Row::decision);
        table.getColumns().setAll(List.of(seq, time, k, s, h, d));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> show(now));
        return table;
    }

    private static String shortHex(String hex) {
        return hex.length() > 16 ? hex.substring(0, 10) + "…" + hex.substring(hex.length() - 6) : hex;
    }

    private static TableColumn<JournalReview.Row, String> column(String title, double width,
                                                                 Function<JournalReview.Row, String> value) {
        TableColumn<JournalReview.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(value.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private Node detail() {
        hashes.setHgap(8);
        hashes.setVgap(4);
        payload.setEditable(false);
        payload.setWrapText(true);
        payload.setId("journal-payload");
        payload.getStyleClass().add("hash");
        VBox.setVgrow(payload, Priority.ALWAYS);
        Label title = new Label("Entry");
        title.getStyleClass().add("section-title");
        VBox box = new VBox(6, title, hashes, new Label("Payload (canonical JSON, as hashed)"), payload);
        box.setPadding(new Insets(8));
        box.setMinWidth(300);
        return box;
    }

    private void show(JournalReview.Row row) {
        hashes.getChildren().clear();
        if (row == null) {
            payload.clear();
            return;
        }
        JournalEntry e = row.entry();
        int r = 0;
        r = field(r, "Sequence", Long.toString(e.sequence()), "journal-detail-sequence");
        r = field(r, "Time (UTC)", e.time().toString(), "journal-detail-time");
        r = field(r, "Kind", e.kind().name(), "journal-detail-kind");
        if (!row.safe().isEmpty()) {
            r = field(r, "Safe", row.safe(), "journal-detail-safe");
        }
        if (!row.safeTxHash().isEmpty()) {
            r = field(r, "safeTxHash", row.safeTxHash(), "journal-detail-safe-tx-hash");
        }
        r = field(r, "Previous hash", e.previousHash(), "journal-detail-previous-hash");
        field(r, "Entry hash", e.entryHash(), "journal-detail-entry-hash");
        String pretty;
        try {
            pretty = PRETTY.writeValueAsString(e.payload());
        } catch (RuntimeException notJson) {
            pretty = e.payloadJson();
        }
        payload.setText(pretty);
    }

    private int field(int row, String name, String value, String id) {
        TextField f = new TextField(value);
        f.setEditable(false);
        f.setId(id);
        f.getStyleClass().add("hash");
        f.setPrefColumnCount(value.length() > 40 ? 44 : 24);
        GridPane.setHgrow(f, Priority.ALWAYS);
        hashes.addRow(row, new Label(name), f);
        return row + 1;
    }

    private void clearFilters() {
        kind.getSelectionModel().selectFirst();
        safe.getEditor().clear();
        safe.setValue(null);
        from.setValue(null);
        to.setValue(null);
    }

    private JournalReview.Filter filter() {
        String k = kind.getValue();
        EntryKind kindFilter = k == null || k.startsWith("all") ? null : EntryKind.valueOf(k);
        String s = safe.getEditor().getText() == null ? "" : safe.getEditor().getText().strip();
        Address safeFilter = null;
        if (!s.isEmpty()) {
            try {
                safeFilter = Address.parse(s);
            } catch (RuntimeException e) {
                throw new CountersignException.Usage("the Safe filter '" + s + "' is not a 0x address of 40 hex characters");
            }
        }
        return new JournalReview.Filter(kindFilter, safeFilter, from.getValue(), to.getValue(), zone);
    }

    /** Loads the rows for the current filters, and afterwards the charts; {@code then} runs on the FX thread once the rows are shown. */
    private void reload() {
        reload(() -> {});
    }

    private void reload(Runnable then) {
        JournalReview.Filter f;
        try {
            f = filter();
        } catch (CountersignException e) {
            verdict.setText(e.getMessage());
            setStyle(verdict, "verdict-bad");
            return;
        }
        if (loading != null) {
            loading.cancel();
        }
        count.setText("loading…");
        Task<JournalReview.Overview> task = new Task<>() {
            @Override
            protected JournalReview.Overview call() {
                return review.overview(f, zone);
            }
        };
        task.setOnSucceeded(e -> {
            JournalReview.Overview l = task.getValue();
            table.setItems(FXCollections.observableList(l.rows()));
            table.setPlaceholder(new Label("No entries match these filters."));
            count.setText(l.rows().size() + (l.rows().size() == 1 ? " entry" : " entries"));
            String typed = safe.getEditor().getText();
            safe.getItems().setAll(l.safes());
            safe.getEditor().setText(typed);
            fillCharts(l.spend(), l.decisions());
            then.run();
        });
        task.setOnFailed(e -> {
            count.setText("");
            table.setPlaceholder(new Label("The journal cannot be read: " + task.getException().getMessage()));
            table.getItems().clear();
        });
        loading = task;
        start(task, "countersign-journal-load");
    }

    private static void start(Task<?> task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private void verify() {
        List<JournalAnchors.Anchor> given;
        String kept = head.getText() == null ? "" : head.getText().strip();
        try {
            given = JournalReview.givenAnchors(kept.isEmpty() ? List.of() : List.of(kept), "the kept head", List.of());
        } catch (CountersignException e) {
            verdict.setText(e.getMessage());
            setStyle(verdict, "verdict-bad");
            head.requestFocus();
            return;
        }
        verify.setDisable(true);
        progress.setProgress(0);
        verdict.setText("Verifying…");
        setStyle(verdict, "verdict-running");
        Task<JournalAnchors.Report> task = new Task<>() {
            @Override
            protected JournalAnchors.Report call() {
                long total = Math.max(1, review.count());
                return review.verify(given, done -> updateProgress(Math.min(done, total), total));
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        task.setOnSucceeded(e -> {
            progress.progressProperty().unbind();
            verify.setDisable(false);
            JournalAnchors.Report report = task.getValue();
            VerifyResult r = report.result();
            if (report.ok()) {
                progress.setProgress(1);
                verdict.setText("Journal intact: " + r.entries() + (r.entries() == 1 ? " entry" : " entries")
                        + (report.anchors().isEmpty() ? "" : ", reaching " + report.anchors().size() + " kept "
                        + (report.anchors().size() == 1 ? "head" : "heads")) + ". Keep this head elsewhere: "
                        + JournalAnchors.format(r.checkpoint()));
                setStyle(verdict, "verdict-ok");
            } else {
                verdict.setText("Journal " + (r.reason() == VerifyResult.Reason.TRUNCATED ? "CUT OFF" : "TAMPERED") + " at entry "
                        + r.firstBadSequence() + ": " + report.problem());
                setStyle(verdict, "verdict-bad");
                selectFirstBad(r.firstBadSequence());
            }
        });
        task.setOnFailed(e -> {
            progress.progressProperty().unbind();
            verify.setDisable(false);
            verdict.setText("Verify failed: " + task.getException().getMessage());
            setStyle(verdict, "verdict-bad");
        });
        start(task, "countersign-journal-verify");
    }

    /** Shows every entry again and selects the first bad one (or, when it is missing, the last entry before it). */
    private void selectFirstBad(long sequence) {
        clearFilters();
        reload(() -> {
            List<JournalReview.Row> rows = table.getItems();
            int index = -1;
            for (int i = 0; i < rows.size() && rows.get(i).sequence() <= sequence; i++) {
                index = i;
            }
            if (index >= 0) {
                table.getSelectionModel().clearAndSelect(index);
                table.scrollTo(Math.max(0, index - 3));
                table.requestFocus();
            }
        });
    }

    private static void setStyle(Label l, String style) {
        l.getStyleClass().removeAll("verdict-ok", "verdict-bad", "verdict-running");
        l.getStyleClass().add(style);
    }

    private void export(ExportFormat format) {
        Optional<Path> target = exportTarget.apply(format);
        if (target.isEmpty()) {
            return;
        }
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() {
                return review.export(format, target.get());
            }
        };
        task.setOnSucceeded(e -> {
            verdict.setText("Exported every entry as " + format.name() + " to " + task.getValue());
            setStyle(verdict, "verdict-ok");
        });
        task.setOnFailed(e -> {
            verdict.setText("Export failed, nothing was written: " + task.getException().getMessage());
            setStyle(verdict, "verdict-bad");
        });
        start(task, "countersign-journal-export");
    }

    private Node charts() {
        spendChart.setId("journal-spend-chart");
        spendChart.setTitle("Signed spend per day, by asset (counted once per safeTxHash)");
        spendChart.setAnimated(false);
        ((NumberAxis) spendChart.getYAxis()).setLabel("amount (token units)");
        decisionChart.setId("journal-decision-chart");
        decisionChart.setTitle("Decisions per day");
        decisionChart.setAnimated(false);
        ((NumberAxis) decisionChart.getYAxis()).setLabel("decisions");
        VBox box = new VBox(8, spendChart, decisionChart);
        VBox.setVgrow(spendChart, Priority.ALWAYS);
        VBox.setVgrow(decisionChart, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private void fillCharts(SortedMap<LocalDate, Map<String, BigDecimal>> spend, SortedMap<LocalDate, Map<String, Long>> decisions) {
        var s = lastDays(spend);
        ((CategoryAxis) spendChart.getXAxis()).setCategories(FXCollections.observableArrayList(s.keySet().stream().map(LocalDate::toString).toList()));
        spendChart.getData().setAll(series(s, BigDecimal::doubleValue));
        var d = lastDays(decisions);
        ((CategoryAxis) decisionChart.getXAxis()).setCategories(FXCollections.observableArrayList(d.keySet().stream().map(LocalDate::toString).toList()));
        // every outcome always has its series, in one order, so main.css gives each its colour and legend symbol
        List<XYChart.Series<String, Number>> byOutcome = new java.util.ArrayList<>();
        for (String outcome : OUTCOMES) {
            XYChart.Series<String, Number> x = new XYChart.Series<>();
            x.setName(outcome);
            byOutcome.add(x);
        }
        for (XYChart.Series<String, Number> x : series(d, Long::doubleValue)) {
            int i = OUTCOMES.indexOf(x.getName());
            if (i >= 0) {
                byOutcome.get(i).getData().setAll(x.getData());
            } else {
                byOutcome.add(x);
            }
        }
        decisionChart.getData().setAll(byOutcome);
    }

    private static <V> SortedMap<LocalDate, Map<String, V>> lastDays(SortedMap<LocalDate, Map<String, V>> all) {
        if (all.size() <= CHART_DAYS) {
            return all;
        }
        LocalDate first = all.keySet().stream().skip(all.size() - CHART_DAYS).findFirst().orElseThrow();
        return all.tailMap(first);
    }

    private static <V> List<XYChart.Series<String, Number>> series(SortedMap<LocalDate, Map<String, V>> perDay,
                                                                    Function<V, Double> number) {
        Map<String, XYChart.Series<String, Number>> byName = new java.util.LinkedHashMap<>();
        perDay.forEach((day, values) -> values.forEach((name, v) -> {
            XYChart.Series<String, Number> s = byName.computeIfAbsent(name, n -> {
                XYChart.Series<String, Number> x = new XYChart.Series<>();
                x.setName(n);
                return x;
            });
            s.getData().add(new XYChart.Data<>(day.toString(), number.apply(v)));
        }));
        return List.copyOf(byName.values());
    }
}
