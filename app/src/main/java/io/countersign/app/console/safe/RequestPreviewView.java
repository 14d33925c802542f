package io.countersign.app.console.safe;

import io.countersign.app.console.ConsoleText;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.DecisionLines;
import io.countersign.policy.Decision;
import io.countersign.app.session.ReadableCalls;
import io.countersign.app.session.SafeProposer;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.Intent;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeTxFields;
import io.countersign.multisig.SafeTxHashes;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The right half of a New request window: what the request being typed will be, recomputed on
 * every change — the decoded calls (as the queue and the device show them), the three hashes
 * (domainSeparator, message hash, safeTxHash), every SafeTx field, and the policy's decision with
 * its reasons. Nothing is written: the decision is evaluated, not journalled. Also the right half
 * of the Timelocks tab's Schedule and Cancel windows.
 */
public final class RequestPreviewView {
    /** One computed preview; made off the FX thread ({@link #compute}). */
    public record Computed(SafeRequest request, List<ReadableCalls.Line> lines, Decision decision, String policy) {}

    private final VBox box = new VBox(6);
    private final ScrollPane scroll = new ScrollPane(box);

    public RequestPreviewView() {
        box.setPadding(new Insets(10));
        box.setId("new-preview");
        scroll.setFitToWidth(true);
        scroll.setMinWidth(420);
        problem("Fill in the form: the request appears here as you type.");
    }

    /**
     * The window every previewed form shares (New request, timelock Schedule…/Cancel…): the form
     * on the left, scrolling, this preview on the right, and below them the error line and the
     * buttons; the scene at most 1240×760, within the primary screen.
     *
     * @param form the form's fields, laid out by the caller
     * @param error the line that says why Save is disabled
     * @param buttons Cancel/Close then Save, in that order, at the right
     * @param id the root node's id (tests look the window up by it)
     */
    public javafx.scene.Scene windowScene(Region form, Node error, String id, javafx.scene.control.Button... buttons) {
        form.setPadding(new Insets(10));
        form.setMinWidth(440);
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(formScroll, node());
        split.setDividerPositions(0.45);
        Region spacer = new Region();
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(8, error, spacer);
        bar.getChildren().addAll(buttons);
        javafx.scene.layout.HBox.setHgrow(error, Priority.SOMETIMES);
        bar.setPadding(new Insets(8));
        javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane(split);
        root.setBottom(bar);
        root.setId(id);
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        return new javafx.scene.Scene(root, Math.min(1240, screen.getWidth() - 40), Math.min(760, screen.getHeight() - 60));
    }

    public Node node() {
        return scroll;
    }

    /**
     * The request for {@code call} on the Safe, decoded and decided as the signing session will
     * (the officer about to sign counted as one approval). Reads the policy's journal and, online,
     * the names the node gives; call off the FX thread.
     */
    static Computed compute(AppContext ctx, SafeProposer.SafeFacts facts, Call call, BigInteger nonce, String description) {
        tools.jackson.databind.node.ObjectNode meta = new tools.jackson.databind.ObjectMapper().createObjectNode();
        meta.put("description", description == null ? "" : description);
        SafeRequest request = new SafeRequest(facts.chainId(), facts.safe(), facts.version(), SafeTx.of(call, nonce),
                facts.owners(), facts.threshold(), List.of(), meta);
        return compute(ctx, request);
    }

    /** As {@link #compute(AppContext, SafeProposer.SafeFacts, Call, BigInteger, String)}, for a request already built; off the FX thread. */
    public static Computed compute(AppContext ctx, SafeRequest request) {
        List<Intent> intents = ctx.decode(request);
        List<ReadableCalls.Line> lines = ReadableCalls.of(ctx, request, intents).lines();
        Decision decision = ctx.policy().evaluate(request.chainId(), request.safe(), request.hashes().safeTxHashHex(), intents,
                Instant.now(), 1);
        return new Computed(request, lines, decision, ctx.policy().summary());
    }

    /** Shows why there is no request yet (an empty or invalid field), in place of the last preview. */
    public void problem(String text) {
        box.getChildren().clear();
        Label l = new Label(ConsoleText.text(text));
        l.setWrapText(true);
        l.setId("new-problem");
        l.getStyleClass().add("new-problem");
        box.getChildren().add(l);
    }

    public void show(Computed c) {
        box.getChildren().clear();
        SafeRequest r = c.request();
        SafeTxHashes h = r.hashes();
        box.getChildren().add(section("Decoded calls"));
        int i = 0;
        for (ReadableCalls.Line line : c.lines()) {
            Label l = new Label(line.text());
            l.setWrapText(true);
            l.setPadding(new Insets(0, 0, 0, 16 * line.depth()));
            l.setId("new-intent-" + i++);
            if (line.flagged()) {
                l.getStyleClass().add("flagged");
            }
            box.getChildren().add(l);
        }
        box.getChildren().add(section("Policy decision"));
        Decision v = c.decision();
        Label decision = new Label(v.word().toUpperCase(java.util.Locale.ROOT) + " — " + c.policy());
        decision.setId("new-decision");
        decision.getStyleClass().add(DecisionLines.signable(v) ? "verdict-ok" : "verdict-bad");
        box.getChildren().add(decision);
        VBox reasons = new VBox(2);
        reasons.setId("new-reasons");
        for (String reason : DecisionLines.reasons(v)) {
            Label l = new Label("• " + reason);
            l.setWrapText(true);
            reasons.getChildren().add(l);
        }
        box.getChildren().add(reasons);
        box.getChildren().add(section("Hashes"));
        box.getChildren().add(hash("domainSeparator", Hex.encode(h.domainHash()), "new-domain-separator"));
        box.getChildren().add(hash("message hash", Hex.encode(h.messageHash()), "new-message-hash"));
        box.getChildren().add(hash("safeTxHash", h.safeTxHashHex(), "new-safe-tx-hash"));
        box.getChildren().add(section("SafeTx fields (Safe " + r.safeVersion() + " on " + r.chainName() + ")"));
        GridPane fields = new GridPane(10, 3);
        int row = 0;
        for (SafeTxFields.Field f : SafeTxFields.of(r.tx(), r.safeVersion())) {
            Label name = new Label(f.name());
            name.setMinWidth(Region.USE_PREF_SIZE);
            javafx.scene.control.TextInputControl value;
            if (f.name().equals("data")) {
                // calldata wraps: every byte visible, none cut off at the window's edge
                TextArea area = new TextArea(f.value());
                area.setWrapText(true);
                area.setPrefRowCount(Math.min(6, 1 + f.value().length() / 64));
                value = area;
            } else {
                value = new TextField(f.value());
            }
            value.setEditable(false);
            value.setId("new-field-" + f.name());
            value.setStyle(MONO);
            GridPane.setHgrow(value, Priority.ALWAYS);
            fields.addRow(row++, name, value);
        }
        box.getChildren().add(fields);
        ConsoleText.escapeTree(box);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        l.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 0 0;");
        return l;
    }

    /** Hashes and fields in a monospace face small enough that a 32-byte hash fits a 1280-px screen's half. */
    private static final String MONO = "-fx-font-family: monospace; -fx-font-size: 11.5px;";

    private static VBox hash(String name, String hex, String id) {
        Label label = new Label(name);
        TextField value = new TextField(hex);
        value.setEditable(false);
        value.setId(id);
        value.setStyle(MONO);
        value.setMaxWidth(Double.MAX_VALUE);
        return new VBox(2, label, value);
    }
}
