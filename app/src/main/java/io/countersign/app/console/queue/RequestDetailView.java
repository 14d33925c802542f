package io.countersign.app.console.queue;

import io.countersign.app.session.ReadableCalls;
import io.countersign.app.session.RequestQueue;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeSignature;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeTxFields;
import io.countersign.multisig.SafeTxHashes;
import io.countersign.multisig.SignatureMethod;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One request in detail: what it does (decoded intents, unknown calldata flagged), every SafeTx
 * field, the three hashes in full with copy buttons (to compare with the device's screen), the
 * signatures collected, and the Sign and Execute actions.
 */
final class RequestDetailView {
    private final QueuePresenter presenter;
    private final VBox box = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(box);
    /**
     * The actions (Sign, Execute, Export, air-gap), pinned below the scrolling detail: in a
     * 1280×800 window a long request pushed them under the status line, where a click landed on
     * the status line instead.
     */
    private final VBox actions = new VBox(6);
    private final javafx.scene.layout.BorderPane pane = new javafx.scene.layout.BorderPane(scroll);
    private CompetingNonceMarks competing;

    RequestDetailView(QueuePresenter presenter) {
        this.presenter = presenter;
        box.setPadding(new Insets(12));
        box.setId("request-detail");
        scroll.setFitToWidth(true);
        actions.setId("request-actions");
        actions.setPadding(new Insets(8, 12, 8, 12));
        actions.getStyleClass().add("request-actions");
        pane.setBottom(actions);
        show(null);
    }

    /** Where the detail learns which other queued requests hold the same nonce. */
    void competing(CompetingNonceMarks marks) {
        this.competing = marks;
    }

    Node node() {
        return pane;
    }

    void show(RequestQueue.Entry entry) {
        box.getChildren().clear();
        actions.getChildren().clear();
        if (entry == null) {
            box.getChildren().add(new Label("Select a request to see what it does and its hashes."));
            return;
        }
        if (!entry.ok()) {
            Label refused = new Label("This file is refused: " + entry.error());
            refused.setWrapText(true);
            refused.getStyleClass().add("refused");
            box.getChildren().addAll(title(entry.file().getFileName().toString()), refused);
            io.countersign.app.console.ConsoleText.escapeTree(box);
            return;
        }
        SafeRequest r = entry.request();
        SafeTx tx = r.tx();
        SafeTxHashes h = r.hashes();
        box.getChildren().add(title("Safe " + r.safe() + " (" + r.safeVersion() + ") on " + r.chainName() + " · nonce " + tx.nonce()
                + (r.description().isEmpty() ? "" : " · " + r.description())));
        Label competes = competing == null ? null : competing.detailLine(entry);
        if (competes != null) {
            box.getChildren().add(competes);
        }

        box.getChildren().add(section("What it does"));
        ReadableCalls readable = ReadableCalls.of(presenter.session().context(), r);
        List<ReadableCalls.Line> lines = readable.lines();
        StringBuilder raw = new StringBuilder();
        int index = 0;
        for (ReadableCalls.Line line : lines) {
            Label l = new Label(line.text());
            l.setWrapText(true);
            l.setPadding(new Insets(0, 0, 0, 18 * line.depth()));
            l.getStyleClass().add("intent-line");
            l.setId("intent-" + index++);
            // the raw values one hover away: base units and full addresses
            Tooltip tip = new Tooltip(io.countersign.app.console.ConsoleText.text(line.raw()));
            tip.setWrapText(true);
            tip.setMaxWidth(900);
            l.setTooltip(tip);
            if (line.flagged()) {
                l.getStyleClass().add("flagged");
            }
            box.getChildren().add(l);
            raw.append(line.raw()).append('\n');
        }
        TextArea rawText = new TextArea(raw.toString().stripTrailing());
        rawText.setEditable(false);
        rawText.setWrapText(true);
        rawText.setPrefRowCount(Math.min(8, lines.size() + 1));
        rawText.getStyleClass().add("hash");
        rawText.setId("raw-calls");
        TitledPane rawPane = new TitledPane("Raw: base units and full addresses", rawText);
        rawPane.setExpanded(false);
        rawPane.setId("raw-pane");
        box.getChildren().add(rawPane);

        box.getChildren().add(section("Hashes — compare these with your device"));
        box.getChildren().add(hashRow("safeTxHash", h.safeTxHashHex(), "safe-tx-hash"));
        box.getChildren().add(hashRow("domain hash", Hex.encode(h.domainHash()), "domain-hash"));
        box.getChildren().add(hashRow("message hash", Hex.encode(h.messageHash()), "message-hash"));

        box.getChildren().add(section("Signatures: " + r.signatures().size() + " of " + (r.threshold() > 0 ? r.threshold() : "?")));
        for (SafeSignature s : r.signatures()) {
            box.getChildren().add(new Label("✓ " + s.signer() + "  (" + s.method().id() + ")"));
        }
        List<String> missing = r.owners().stream().filter(o -> !r.signers().contains(o)).map(Object::toString).toList();
        if (!missing.isEmpty()) {
            box.getChildren().add(new Label("not yet: " + String.join(", ", missing)));
        }

        Button sign = new Button("Sign (EIP-712)…");
        sign.setId("sign-button");
        sign.setOnAction(e -> presenter.sign(entry, SignatureMethod.EIP712));
        Button signEth = new Button("Sign (eth_sign)…");
        signEth.setMnemonicParsing(false);
        signEth.setId("sign-eth-button");
        signEth.setOnAction(e -> presenter.sign(entry, SignatureMethod.ETH_SIGN));
        Button exec = new Button("Execute…");
        exec.setId("execute-button");
        // fewer signatures than the threshold: executable only when a parent Safe's approval is queued (the chain decides)
        exec.setDisable(r.threshold() > 0 && r.signatures().size() < r.threshold()
                && !io.countersign.app.console.safe.NestedApprovalDialog.approvalQueued(presenter.entries(), r));
        exec.setOnAction(e -> presenter.execute(entry));
        Button export = new Button("Export…");
        export.setId("export-button");
        export.setTooltip(new Tooltip("Write a copy of this request for another officer to sign"));
        export.setOnAction(e -> io.countersign.app.console.safe.ExchangeActions.exportRequest(export.getScene().getWindow(), entry.file()));
        Button calldata = new Button("Export calldata…");
        calldata.setId("calldata-button");
        calldata.setTooltip(new Tooltip("execTransaction calldata for a broadcaster, after the policy's decision"));
        calldata.setOnAction(e -> io.countersign.app.console.safe.ExchangeActions.exportCalldata(calldata.getScene().getWindow(),
                presenter.session(), entry.file()));
        Button approveVia = new Button("Approve via parent Safe…");
        approveVia.setId("approve-via-button");
        approveVia.setTooltip(new Tooltip("An owner that is itself a Safe approves this request: writes the parent Safe's approveHash request"));
        approveVia.setOnAction(e -> io.countersign.app.console.safe.NestedApprovalDialog.open(approveVia.getScene().getWindow(),
                presenter.session(), entry.file(), presenter::reload));
        actions.getChildren().add(new HBox(8, sign, signEth, exec, export, calldata, approveVia));
        actions.getChildren().add(io.countersign.app.console.airgap.AirgapActions.buttons(r, entry.file(), presenter.session().context(),
                presenter::reload));
        // its lines arrive from a background simulation; the actions are pinned outside the scrolling detail
        box.getChildren().add(new SimulationView(presenter.session().context(), r).node());
        box.getChildren().add(section("Fields"));
        GridPane fields = new GridPane();
        fields.setHgap(12);
        fields.setVgap(4);
        int row = 0;
        for (SafeTxFields.Field f : SafeTxFields.of(tx, r.safeVersion())) {
            if (f.name().equals("data")) {
                continue;
            }
            String value = f.name().equals("value") ? f.value() + " (" + Erc20.toTokenUnits(tx.value(), 18) + " native)"
                    : f.name().equals("to") ? f.value() + readable.label(tx.to()).map(l -> "  (" + l + ")").orElse("")
                    : f.value();
            row = field(fields, row, f.name(), value, f.highlighted());
        }
        TextArea data = new TextArea(Hex.encode(tx.data()));
        data.setEditable(false);
        data.setWrapText(true);
        data.setPrefRowCount(Math.min(6, 1 + tx.data().length / 60));
        data.getStyleClass().add("hash");
        box.getChildren().addAll(fields, new Label("data (" + tx.data().length + " bytes)"), data);

        box.getChildren().add(new Label("File: " + entry.file()));
        io.countersign.app.console.ConsoleText.escapeTree(box);
        io.countersign.app.console.ConsoleText.escapeTree(actions);
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("detail-title");
        l.setWrapText(true);
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    /** A field row; a non-zero refund field gets the style class {@code refund-field} (red) on name and value. */
    private static int field(GridPane grid, int row, String name, String value, boolean refund) {
        Label n = new Label(name);
        Label v = new Label(value);
        v.getStyleClass().add("hash");
        v.setId("field-" + name);
        if (refund) {
            n.getStyleClass().add(REFUND_STYLE);
            v.getStyleClass().add(REFUND_STYLE);
        }
        grid.addRow(row, n, v);
        return row + 1;
    }

    /** Style class of a non-zero refund field (safeTxGas, baseGas, gasPrice, gasToken, refundReceiver): red, bold. */
    public static final String REFUND_STYLE = "refund-field";

    private static HBox hashRow(String name, String hex, String id) {
        Label label = new Label(name);
        label.setMinWidth(110);
        TextField value = new TextField(hex);
        value.setEditable(false);
        value.setId(id);
        value.getStyleClass().add("hash");
        HBox.setHgrow(value, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(hex);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        return new HBox(8, label, value, copy);
    }
}
