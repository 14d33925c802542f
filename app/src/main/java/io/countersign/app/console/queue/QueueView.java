package io.countersign.app.console.queue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.session.RequestQueue;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The request queue: one row per request file in the data folder (Safe, nonce, description,
 * signatures k of threshold, the full safeTxHash), and the selected request's detail below.
 * Transaction Builder and Transaction Service files dropped on it, or chosen with "Import…",
 * are imported ({@link ImportActions}).
 */
public final class QueueView {
    private QueueView() {}

    public static Parent create(ConsoleSession session) {
        TableView<RequestQueue.Entry> table = new TableView<>();
        table.setId("queue-table");
        table.getColumns().add(column("Safe", 375, e -> e.ok() ? e.request().safe().toString() : e.file().getFileName().toString()));
        CompetingNonceMarks competing = new CompetingNonceMarks(table.getItems());
        TableColumn<RequestQueue.Entry, String> nonce = column("Nonce", 60, e -> e.ok() ? e.request().tx().nonce().toString() : "");
        nonce.setCellFactory(col -> competing.cell());
        table.getColumns().add(nonce);
        table.getColumns().add(column("Description", 200, e -> e.ok() ? e.request().description() : "REFUSED: " + e.error()));
        table.getColumns().add(column("Signatures", 90, e -> e.ok()
                ? e.request().signatures().size() + " of " + (e.request().threshold() > 0 ? e.request().threshold() : "?") : ""));
        TableColumn<RequestQueue.Entry, String> hash = column("safeTxHash", 590, e -> e.ok() ? e.request().hashes().safeTxHashHex() : "");
        hash.getStyleClass().add("hash");
        table.getColumns().add(hash);
        table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth() < 100 ? c.getPrefWidth() : 100));
        table.getColumns().getFirst().setMinWidth(375);
        hash.setMinWidth(590);
        table.setPlaceholder(new Label("No requests in " + session.context().requestsDir()
                + ".\nCreate one with File › New request, open other officers' request files with File › Open request files,"
                + "\nor import a Transaction Builder or Transaction Service file: drop it here or press Import…"));

        QueuePresenter presenter = new QueuePresenter(session, table);
        RequestDetailView detail = new RequestDetailView(presenter);
        detail.competing(competing);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> detail.show(entry));
        presenter.onReload(() -> detail.show(table.getSelectionModel().getSelectedItem()));

        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> presenter.reload());
        ImportActions importer = new ImportActions(presenter);
        Button importButton = new Button("Import…");
        importButton.setId("import-button");
        importButton.setTooltip(new javafx.scene.control.Tooltip("Import a Transaction Builder batch or Transaction Service JSON (or drop it on the queue)"));
        importButton.setOnAction(e -> importer.choose(importButton.getScene().getWindow()));
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.size(table.getItems()).asString("%d requests"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, new Label("Queue: " + session.context().requestsDir()), spacer, count, importButton,
                io.countersign.app.console.airgap.AirgapActions.scanRequestButton(session.context(), presenter::reload), refresh);
        toolbar.setPadding(new Insets(6));

        BorderPane top = new BorderPane(table);
        top.setTop(toolbar);
        SplitPane split = new SplitPane(top, detail.node());
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        split.getStylesheets().add(QueueView.class.getResource("queue.css").toExternalForm());
        io.countersign.app.console.Themes.ensureInstalled();
        split.setId("queue-view");
        importer.acceptDrops(split);
        split.getProperties().put(RELOAD, (Runnable) presenter::reload);
        presenter.reload();
        return split;
    }

    private static final String RELOAD = "countersign.queue.reload";

    /** Reloads the request queue shown in {@code scene} (after a request was saved, merged or imported elsewhere). */
    public static void reloadIn(javafx.scene.Scene scene) {
        if (scene != null && scene.lookup("#queue-view") instanceof javafx.scene.Node queue
                && queue.getProperties().get(RELOAD) instanceof Runnable reload) {
            reload.run();
        }
    }

    /** A cell whose text may be cut off by the column width keeps the full text in a tooltip. */
    static final class FullTextCell extends TableCell<RequestQueue.Entry, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
        }
    }

    private static TableColumn<RequestQueue.Entry, String> column(String title, double width,
            java.util.function.Function<RequestQueue.Entry, String> value) {
        TableColumn<RequestQueue.Entry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(io.countersign.app.console.ConsoleText.text(value.apply(cell.getValue()))));
        c.setCellFactory(col -> new FullTextCell());
        return c;
    }
}
