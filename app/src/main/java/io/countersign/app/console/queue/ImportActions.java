package io.countersign.app.console.queue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.session.SafeImporter;
import io.countersign.eth.Address;
import io.countersign.multisig.SafeImport;
import java.io.File;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The console's import: a Transaction Builder batch or Transaction Service file dropped on the
 * queue or chosen with "Import…" goes through the same {@link SafeImporter} as
 * {@code safe import}. A dialog asks for the Safe and, offline, its facts (pre-filled from what
 * the file says); the result shows every warning (checksum, unverified confirmations) before the
 * queue reloads; a refusal says why and writes nothing.
 */
final class ImportActions {
    private final QueuePresenter presenter;

    ImportActions(QueuePresenter presenter) {
        this.presenter = presenter;
    }

    /** Makes {@code target} accept dropped files. */
    void acceptDrops(Node target) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped(this::dropped);
    }

    private void dropped(DragEvent e) {
        List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        e.setDropCompleted(!files.isEmpty());
        e.consume();
        List<Path> paths = files.stream().map(File::toPath).toList();
        if (!paths.isEmpty() && paths.stream().allMatch(io.countersign.app.console.safe.ExchangeActions::isRequestFile)) {
            // other officers' request files: their signatures are merged into the queue (several at once)
            javafx.stage.Window window = e.getGestureTarget() instanceof Node n && n.getScene() != null ? n.getScene().getWindow() : null;
            javafx.application.Platform.runLater(() -> io.countersign.app.console.safe.ExchangeActions.take(window,
                    presenter.session(), paths, presenter::reload));
            return;
        }
        if (files.size() == 1) {
            javafx.application.Platform.runLater(() -> importFile(files.getFirst().toPath()));
        } else if (files.size() > 1) {
            error("Drop one file at a time", "Import reads one Transaction Builder or Transaction Service file per drop; "
                    + files.size() + " were dropped.");
        }
    }

    /** The "Import…" button: a file chooser, then {@link #importFile}. */
    void choose(Window owner) {
        // through the console's file dialogs, which a test can answer (ConsoleFiles)
        io.countersign.app.console.safe.ConsoleFiles.open(owner, "Import a Transaction Builder batch or Transaction Service transaction", false)
                .stream().findFirst().ifPresent(this::importFile);
    }

    /** Asks for the Safe's facts, imports in the background, shows the result. */
    void importFile(Path file) {
        Optional<SafeImporter.Request> request = ask(file);
        if (request.isEmpty()) {
            return;
        }
        Task<SafeImporter.Result> task = new Task<>() {
            @Override
            protected SafeImporter.Result call() {
                return new SafeImporter(presenter.session().context()).importFile(request.get());
            }
        };
        task.setOnSucceeded(e -> {
            presenter.reload();
            showResult(task.getValue());
        });
        task.setOnFailed(e -> {
            Throwable ex = task.getException();
            error("Import refused — nothing was written", ex.getMessage() == null ? ex.toString() : ex.getMessage());
        });
        Thread t = new Thread(task, "countersign-import");
        t.setDaemon(true);
        t.start();
    }

    private Optional<SafeImporter.Request> ask(Path file) {
        ConsoleSession session = presenter.session();
        boolean online = session.context().rpcIfOnline().isPresent();
        Prefill pre = Prefill.of(file);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Import " + file.getFileName());
        dialog.setHeaderText("Import " + file.getFileName() + (online ? "\nThe Safe's facts come from the node; any you give must match it."
                : "\nOffline: give the Safe's facts (chain, version, owners, threshold; a batch needs its nonce)."));
        TextField safe = field("import-safe", pre.safe());
        TextField chain = field("import-chain-id", pre.chainId());
        TextField version = field("import-safe-version", "");
        TextField owners = field("import-owners", "");
        owners.setPromptText("0xA…,0xB…");
        TextField threshold = field("import-threshold", "");
        TextField nonce = field("import-nonce", pre.nonce());
        TextField hash = field("import-safe-tx-hash", "");
        hash.setPromptText("only to pick from a Transaction Service list");
        GridPane grid = new GridPane(8, 6);
        grid.setPadding(new Insets(10));
        String[] labels = {"Safe", "Chain id", "Safe version", "Owners", "Threshold", "Nonce", "safeTxHash"};
        TextField[] fields = {safe, chain, version, owners, threshold, nonce, hash};
        for (int i = 0; i < labels.length; i++) {
            grid.addRow(i, new Label(labels[i]), fields[i]);
            fields[i].setPrefColumnCount(44);
        }
        dialog.getDialogPane().setContent(grid);
        ButtonType importButton = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(importButton, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(importButton).setId("import-ok");
        while (true) {
            Optional<ButtonType> answer = dialog.showAndWait();
            if (answer.isEmpty() || answer.get() != importButton) {
                return Optional.empty();
            }
            try {
                SafeImporter.GivenFacts facts = new SafeImporter.GivenFacts(number(chain), text(version),
                        text(owners) == null ? null : Arrays.stream(text(owners).split(",")).map(String::trim)
                                .map(o -> Address.parse(o, "Owners")).toList(),
                        number(threshold) == null ? null : number(threshold).intValueExact());
                return Optional.of(new SafeImporter.Request(file, Address.parse(text(safe), "Safe"), facts, number(nonce), text(hash),
                        null, null));
            } catch (RuntimeException ex) {
                error("Check the fields", ex.getMessage());
            }
        }
    }

    private static void showResult(SafeImporter.Result result) {
        SafeImport.Imported imported = result.imported();
        VBox box = new VBox(6);
        box.setId("import-result");
        box.setPadding(new Insets(8));
        VBox warnings = new VBox(4);
        warnings.setId("import-warnings");
        for (String w : imported.warnings()) {
            Label l = new Label("WARNING: " + w);
            l.setWrapText(true);
            l.getStyleClass().add("import-warning");
            l.getStyleClass().add("cs-danger-bold");
            warnings.getChildren().add(l);
        }
        box.getChildren().add(warnings);
        var r = imported.request();
        Label summary = new Label(imported.source().id() + ", " + imported.legs() + (imported.legs() == 1 ? " call" : " calls")
                + "\nsafeTxHash " + r.hashes().safeTxHashHex() + "\nnonce " + r.tx().nonce()
                + "\n" + r.signatures().size() + " signatures carried over"
                + (imported.unverified().isEmpty() ? "" : " (" + imported.unverified().size() + " unverified until checked on chain)")
                + (imported.checksumValid() == null ? "" : "\nTransaction Builder checksum " + (imported.checksumValid() ? "valid" : "NOT VALID"))
                + "\nwritten to " + result.written());
        summary.setId("import-summary");
        box.getChildren().add(summary);
        Alert a = new Alert(imported.warnings().isEmpty() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
        a.setHeaderText(imported.warnings().isEmpty() ? "Imported" : "Imported with " + imported.warnings().size()
                + (imported.warnings().size() == 1 ? " warning" : " warnings") + " — read before signing");
        a.getDialogPane().setContent(box);
        a.getDialogPane().setMinWidth(720);
        a.show();
    }

    private static void error(String header, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setHeaderText(header);
        a.getDialogPane().setMinWidth(640);
        a.show();
    }

    private static TextField field(String id, String value) {
        TextField f = new TextField(value == null ? "" : value);
        f.setId(id);
        return f;
    }

    private static String text(TextField f) {
        String t = f.getText() == null ? "" : f.getText().trim();
        return t.isEmpty() ? null : t;
    }

    private static BigInteger number(TextField f) {
        String t = text(f);
        if (t == null) {
            return null;
        }
        if (!t.matches("[0-9]+")) {
            throw new IllegalArgumentException(t + " is not a whole number");
        }
        return new BigInteger(t);
    }

    /** What the file itself says about its Safe, to pre-fill the dialog (never trusted: the importer checks it). */
    record Prefill(String safe, String chainId, String nonce) {
        static Prefill of(Path file) {
            try {
                JsonNode root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
                if (root.has("transactions")) {
                    return new Prefill(root.path("meta").path("createdFromSafeAddress").asString(""), root.path("chainId").asString(""), "");
                }
                JsonNode tx = root.has("results") && root.get("results").size() == 1 ? root.get("results").get(0) : root;
                return new Prefill(tx.path("safe").asString(""), "", "");
            } catch (Exception e) {
                return new Prefill("", "", "");
            }
        }
    }
}
