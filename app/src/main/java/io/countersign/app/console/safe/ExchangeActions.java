package io.countersign.app.console.safe;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.ConsoleText;
import io.countersign.app.session.RequestMerge;
import io.countersign.app.session.SafeExecutor;
import io.countersign.app.session.SessionListener;
import io.countersign.eth.Hex;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exchanging requests with other officers: export a request file for someone else to sign,
 * take in request files from others (several at once, through {@link RequestMerge#intoQueue}, as
 * {@code safe merge} merges through {@link RequestMerge}: each file read with every check of
 * {@link RequestFile#read}; a file for a request already in the queue has its signatures merged
 * into it, one that is new is added to the queue), and export the execTransaction calldata for
 * a broadcaster (after the same checks and policy decision as {@code safe calldata}).
 */
public final class ExchangeActions {
    private ExchangeActions() {}

    /** Asks where, then writes a copy of {@code requestFile} there (atomically). */
    public static void exportRequest(Window owner, Path requestFile) {
        Optional<Path> target = ConsoleFiles.chooser().save(owner, "Export the request for another officer",
                requestFile.getFileName().toString());
        if (target.isEmpty()) {
            return;
        }
        try {
            SafeRequest r = RequestFile.read(requestFile);
            RequestFile.writeAtomically(target.get(), Files.readString(requestFile, StandardCharsets.UTF_8));
            info(owner, "Request exported", "safeTxHash " + r.hashes().safeTxHashHex() + "\n" + r.signatures().size()
                    + " signature(s)\nwritten to " + target.get());
        } catch (Exception e) {
            error(owner, "Export refused — nothing was written", e.getMessage());
        }
    }

    /** File › Open request files: a chooser for several files, then {@link #take}. */
    public static void openRequestFiles(Window owner, ConsoleSession session, Runnable reload) {
        List<Path> files = ConsoleFiles.chooser().open(owner, "Open request files (their signatures are merged into the queue)", true);
        if (!files.isEmpty()) {
            take(owner, session, files, reload);
        }
    }

    /** Whether {@code file} reads as a request file (the drop target routes those here). */
    public static boolean isRequestFile(Path file) {
        try {
            RequestFile.read(file);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Merges or adds each file in a background task and reports, file by file, what happened; a
     * file that fails a check changes nothing and is named with the reason.
     */
    public static void take(Window owner, ConsoleSession session, List<Path> files, Runnable reload) {
        Task<List<String>> task = new Task<>() {
            @Override
            protected List<String> call() {
                List<String> report = new ArrayList<>();
                int i = 0;
                for (Path f : files) {
                    updateProgress(i++, files.size());
                    report.add(takeOne(session, f));
                }
                return report;
            }
        };
        task.setOnSucceeded(e -> {
            reload.run();
            boolean refused = task.getValue().stream().anyMatch(l -> l.startsWith("REFUSED"));
            VBox box = new VBox(6);
            box.setId("merge-report");
            for (String line : task.getValue()) {
                Label l = new Label(ConsoleText.text(line));
                l.setWrapText(true);
                box.getChildren().add(l);
            }
            Alert a = new Alert(refused ? Alert.AlertType.WARNING : Alert.AlertType.INFORMATION);
            a.initOwner(owner);
            a.setHeaderText(refused ? "Some files were refused — they changed nothing" : "Signatures merged");
            a.getDialogPane().setContent(box);
            a.getDialogPane().setMinWidth(720);
            a.show();
        });
        task.setOnFailed(e -> error(owner, "Merge failed", String.valueOf(task.getException().getMessage())));
        Thread t = new Thread(task, "countersign-merge");
        t.setDaemon(true);
        t.start();
    }

    /** One report line: what {@link RequestMerge#intoQueue} did with {@code file}, or why it was refused. */
    private static String takeOne(ConsoleSession session, Path file) {
        RequestMerge.Taken t;
        try {
            t = RequestMerge.intoQueue(session.context().requestsDir(), file);
        } catch (RuntimeException e) {
            return "REFUSED " + file.getFileName() + ": " + e.getMessage();
        }
        String hash = t.request().hashes().safeTxHashHex();
        if (t.added()) {
            return file.getFileName() + ": new request added to the queue with " + t.newSignatures() + " signature(s) (safeTxHash " + hash + ")";
        }
        return file.getFileName() + ": " + t.newSignatures() + " new signature(s) merged into " + t.queueFile().getFileName() + " — now "
                + t.request().signatures().size() + " of " + (t.request().threshold() > 0 ? t.request().threshold() : "?")
                + " (safeTxHash " + hash + ")";
    }

    /**
     * Export calldata: the checks and policy decision of {@code safe calldata} run in a task; the
     * file written holds {@code {"to","value","data","safeTxHash"}}.
     */
    public static void exportCalldata(Window owner, ConsoleSession session, Path requestFile) {
        Optional<Path> target = ConsoleFiles.chooser().save(owner, "Export execTransaction calldata for a broadcaster",
                requestFile.getFileName().toString().replace(".json", "") + "-calldata.json");
        if (target.isEmpty()) {
            return;
        }
        Task<String> task = new Task<>() {
            @Override
            protected String call() {
                SafeRequest r = RequestFile.read(requestFile);
                byte[] data = new SafeExecutor(session.context(), SessionListener.NONE).calldataThroughGate(r);
                ObjectNode out = new ObjectMapper().createObjectNode();
                out.put("to", r.safe().toString());
                out.put("value", "0");
                out.put("data", Hex.encode(data));
                out.put("safeTxHash", r.hashes().safeTxHashHex());
                RequestFile.writeAtomically(target.get(), out.toPrettyString() + "\n");
                return "to " + r.safe() + " (execTransaction, " + data.length + " bytes of calldata)\nwritten to " + target.get();
            }
        };
        task.setOnSucceeded(e -> info(owner, "Calldata exported", task.getValue()));
        task.setOnFailed(e -> error(owner, "Calldata refused — nothing was written", String.valueOf(task.getException().getMessage())));
        Thread t = new Thread(task, "countersign-calldata");
        t.setDaemon(true);
        t.start();
    }

    static void info(Window owner, String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, ConsoleText.text(text));
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setHeaderText(header);
        a.getDialogPane().setMinWidth(640);
        a.show();
    }

    static void error(Window owner, String header, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, ConsoleText.text(text == null ? "" : text));
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setHeaderText(header);
        a.getDialogPane().setMinWidth(640);
        a.show();
    }
}
