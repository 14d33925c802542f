package io.countersign.app.console.safe;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.RequestQueue;
import io.countersign.app.session.SafeGlance;
import io.countersign.eth.Address;
import io.countersign.eth.Erc20;
import java.util.LinkedHashSet;
import java.util.Set;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The "Safe" tab: a Safe of the queue at a glance ({@link SafeGlance}), read off the FX thread
 * with a progress bar; modules and a guard the policy does not name are shown red.
 */
public final class SafeGlanceView {
    private SafeGlanceView() {}

    public static Parent create(AppContext ctx) {
        Set<Address> safes = new LinkedHashSet<>();
        for (RequestQueue.Entry e : RequestQueue.load(ctx.requestsDir())) {
            if (e.ok()) {
                safes.add(e.request().safe());
            }
        }
        ComboBox<String> safe = new ComboBox<>();
        safe.setId("glance-safe");
        safe.setEditable(true);
        safe.setPrefWidth(420);
        safes.forEach(a -> safe.getItems().add(a.toString()));
        if (!safe.getItems().isEmpty()) {
            safe.setValue(safe.getItems().getFirst());
        }
        Button read = new Button("Read from chain");
        read.setId("glance-read");
        ProgressBar progress = new ProgressBar(0);
        progress.setId("glance-progress");
        progress.setVisible(false);
        VBox body = new VBox(6);
        body.setId("glance-body");
        body.setPadding(new Insets(10));
        read.setOnAction(ev -> {
            Address a;
            try {
                a = Address.parse(safe.getValue(), "Safe");
            } catch (RuntimeException bad) {
                body.getChildren().setAll(red("Not a Safe address: " + bad.getMessage()));
                return;
            }
            Task<SafeGlance> task = new Task<>() {
                @Override
                protected SafeGlance call() {
                    return SafeGlance.read(ctx, a, (done, all) -> updateProgress(done, all));
                }
            };
            progress.progressProperty().bind(task.progressProperty());
            progress.setVisible(true);
            read.setDisable(true);
            task.setOnSucceeded(x -> {
                read.setDisable(false);
                progress.setVisible(false);
                show(body, task.getValue());
            });
            task.setOnFailed(x -> {
                read.setDisable(false);
                progress.setVisible(false);
                body.getChildren().setAll(red("Could not read " + a + ": " + task.getException().getMessage()));
            });
            Thread t = new Thread(task, "countersign-safe-glance");
            t.setDaemon(true);
            t.start();
        });
        HBox bar = new HBox(8, new Label("Safe"), safe, read, progress);
        bar.setPadding(new Insets(6));
        BorderPane root = new BorderPane(new ScrollPane(body));
        root.setTop(bar);
        root.setId("safe-glance");
        return root;
    }

    static void show(VBox body, SafeGlance g) {
        body.getChildren().clear();
        body.getChildren().add(line("glance-version", "Safe " + g.state().address() + " · version " + g.state().version()
                + " · chain " + g.state().chainId()));
        body.getChildren().add(line("glance-balance", "Balance: " + Erc20.toTokenUnits(g.nativeBalance(), 18) + " native ("
                + g.nativeBalance() + " wei)"));
        for (SafeGlance.TokenBalance t : g.tokens()) {
            body.getChildren().add(line(null, "Balance: " + t.text()));
        }
        body.getChildren().add(line("glance-threshold", "Threshold " + g.state().threshold() + " of " + g.state().owners().size()
                + " owners · nonce " + g.state().nonce()));
        g.state().owners().forEach(o -> body.getChildren().add(line(null, "  owner " + o)));
        body.getChildren().add(line("glance-guard", "Guard: " + (g.guard().equals(Address.ZERO) ? "none" : g.guard().toString())));
        body.getChildren().add(line("glance-fallback", "Fallback handler: " + g.fallbackHandler()));
        body.getChildren().add(line("glance-modules", "Modules: " + (g.modules().isEmpty() ? "none" : g.modules().size())));
        g.modules().forEach(m -> body.getChildren().add(line(null, "  module " + m)));
        for (SafeGlance.Flag f : g.flags()) {
            Label l = red("⚠ " + f);
            l.getStyleClass().add("glance-flag");
            body.getChildren().add(l);
        }
        body.getChildren().add(line(null, "Requests in the data folder against nonce " + g.state().nonce() + ":"));
        for (SafeGlance.Pending p : g.pending()) {
            Label l = line(null, "  " + p.standing().name().toLowerCase(java.util.Locale.ROOT) + " · nonce " + p.nonce() + " · "
                    + p.description() + " · " + p.signatures() + " signature(s) · " + p.file());
            l.getStyleClass().add("glance-pending");
            if (p.standing() == SafeGlance.Standing.STALE) {
                l.getStyleClass().add("cs-danger");
            }
            body.getChildren().add(l);
        }
        io.countersign.app.console.ConsoleText.escapeTree(body);
    }

    private static Label line(String id, String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        if (id != null) {
            l.setId(id);
        }
        return l;
    }

    private static Label red(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("cs-danger-bold");
        return l;
    }
}
