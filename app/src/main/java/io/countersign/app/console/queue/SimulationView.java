package io.countersign.app.console.queue;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.ChainCheck;
import io.countersign.app.session.SafeSimulations;
import io.countersign.eth.simulation.NodeSimulator;
import io.countersign.eth.simulation.Simulation;
import io.countersign.multisig.SafeRequest;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The request detail's "What it does on chain" panel (docs/simulation.md): online, the request is
 * simulated on the node in the background (journalled, as {@code safe simulate}) and the
 * movements into and out of the Safe are listed per asset, with failures, approvals and Safe
 * configuration changes as warnings in red; offline, the simulation the request file carries is
 * shown, labelled as not verified on this machine.
 */
final class SimulationView {
    /** Style class of a warning line (red, bold). */
    static final String WARNING_STYLE = "simulation-warning";
    private final VBox box = new VBox(2);

    SimulationView(AppContext ctx, SafeRequest request) {
        box.setId("simulation-panel");
        Label title = new Label("What it does on chain");
        title.getStyleClass().add("section");
        box.getChildren().add(title);
        if (ctx.rpcIfOnline().isPresent()) {
            Label status = new Label("simulating on the node…");
            status.setId("simulation-status");
            box.getChildren().add(status);
            Thread t = new Thread(() -> {
                try {
                    // one round trip for the state and the block; at a block already simulated, nothing more
                    var state = ChainCheck.readSafeLatest(ctx.rpc("simulating"), request, "nothing was simulated");
                    Simulation s = SafeSimulations.runCached(ctx, request, state, NodeSimulator.METHODS);
                    Platform.runLater(() -> fill(status, s.provenance(), s, request, ctx));
                } catch (RuntimeException e) {
                    Platform.runLater(() -> {
                        status.setText("could not simulate: " + e.getMessage());
                        warn(status);
                        io.countersign.app.console.ConsoleText.escapeTree(box);
                    });
                }
            }, "simulation");
            t.setDaemon(true);
            t.start();
            return;
        }
        Optional<SafeSimulations.Carried> carried;
        try {
            carried = SafeSimulations.carried(request);
        } catch (RuntimeException e) {
            Label bad = new Label("the request file's simulation cannot be read: " + e.getMessage());
            warn(bad);
            box.getChildren().add(bad);
            return;
        }
        if (carried.isEmpty()) {
            box.getChildren().add(new Label("offline: not simulated, and the request file carries no simulation"));
            return;
        }
        Label status = new Label();
        status.setId("simulation-status");
        box.getChildren().add(status);
        fill(status, carried.get().label(), carried.get().simulation(), request, ctx);
    }

    private void fill(Label status, String provenance, Simulation s, SafeRequest request, AppContext ctx) {
        status.setText(provenance);
        status.setWrapText(true);
        box.getChildren().addAll(lines(s, request, ctx, "simulation-line-"));
        io.countersign.app.console.ConsoleText.escapeTree(box);
    }

    /**
     * What {@code s} shows about the request's Safe, one label per line (↑ out, ↓ in, ⚠ warnings
     * in red with {@link #WARNING_STYLE}), with the policy's symbols and address-book names; the
     * provenance line is left to the caller. Ids {@code idPrefix + 0, 1, …}.
     */
    static List<Label> lines(Simulation s, SafeRequest request, AppContext ctx, String idPrefix) {
        List<Label> out = new java.util.ArrayList<>();
        int i = 0;
        for (SafeSimulations.Line line : SafeSimulations.lines(s, request.safe(), ctx.policy().policyDocument())) {
            if (line.kind() == SafeSimulations.Line.Kind.INFO && line.text().contains(s.provenance())) {
                continue;
            }
            Label l = new Label(switch (line.kind()) {
                case OUT -> "↑ " + line.text();
                case IN -> "↓ " + line.text();
                case WARNING -> "⚠ " + line.text();
                case INFO -> line.text();
            });
            l.setWrapText(true);
            l.setId(idPrefix + i++);
            if (line.kind() == SafeSimulations.Line.Kind.WARNING) {
                warn(l);
            }
            out.add(l);
        }
        return out;
    }

    private static void warn(Label l) {
        l.getStyleClass().add(WARNING_STYLE);
        l.getStyleClass().add("cs-danger-bold");
    }

    Node node() {
        return box;
    }
}
