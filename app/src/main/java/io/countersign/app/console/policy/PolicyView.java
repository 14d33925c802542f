package io.countersign.app.console.policy;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.session.DecisionLines;
import io.countersign.app.session.PolicyAdmin;
import io.countersign.eth.Address;
import io.countersign.eth.Signer;
import io.countersign.multisig.RequestFile;
import io.countersign.policy.Asset;
import io.countersign.policy.Decision;
import io.countersign.policy.Policy;
import io.countersign.policy.PolicyStore;
import io.countersign.policy.Reason;
import io.countersign.policy.Rule;
import io.countersign.policy.SignedBundle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Policy screen: the installed bundle (version, bundleHash, pinned admins and threshold, who
 * signed it, its rules as a table with units and labels, the YAML beside it); a request checked
 * against it with every reason per leg; and, for admins, a draft opened, its parse error shown on
 * the line it names, signed by a device showing the 32-byte bundle hash, a co-admin's signature
 * file added, and installed with the first-install warning listing the admin addresses. Every
 * step is {@link PolicyAdmin}, the service {@code countersign policy} uses.
 */
public final class PolicyView {
    /** Where files come from and go: file dialogs by default, a test's folder where no dialog can be driven. */
    public record Files2(Function<String, Optional<Path>> open, Function<String, Optional<Path>> save) {}

    private final ConsoleSession session;
    private final PolicyAdmin admin;
    private Files2 files;
    private BorderPane root;

    private final GridPane header = new GridPane();
    private final TableView<Rule> rules = new TableView<>();
    private final TextArea installedYaml = new TextArea();

    private final ComboBox<Path> requests = new ComboBox<>();
    private final Label decision = new Label();
    private final TableView<Reason> reasons = new TableView<>();

    private final TextArea draft = new TextArea();
    private final Label draftStatus = new Label();
    private final TextField bundleHash = new TextField();
    private final ComboBox<Signer> signer = new ComboBox<>();
    private final ListView<String> signatures = new ListView<>();
    private final Label adminStatus = new Label();
    private Path draftFile;
    private SignedBundle bundle;
    private boolean selectError;

    private PolicyView(ConsoleSession session, Files2 files) {
        this.session = session;
        this.admin = new PolicyAdmin(session.context());
        this.files = files;
    }

    public static Node create(ConsoleSession session) {
        return new PolicyView(session, null).build();
    }

    public static Node create(ConsoleSession session, Files2 files) {
        return new PolicyView(session, files).build();
    }

    private Node build() {
        root = new BorderPane();
        root.setId("policy-view");
        if (files == null) {
            files = new Files2(title -> chooser(title, false), title -> chooser(title, true));
        }
        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab installed = new Tab("Installed", installedPane());
        Tab check = new Tab("Check a request", checkPane());
        check.setId("policy-check-tab");
        Tab draftTab = new Tab("Draft, sign, install", draftPane());
        draftTab.setId("policy-draft-tab");
        tabs.getTabs().addAll(installed, check, draftTab);
        root.setCenter(tabs);
        refreshInstalled();
        return root;
    }

    private Optional<Path> chooser(String title, boolean save) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        java.io.File f = save ? c.showSaveDialog(root.getScene().getWindow()) : c.showOpenDialog(root.getScene().getWindow());
        return Optional.ofNullable(f).map(java.io.File::toPath);
    }

    // ---- installed ----

    private Node installedPane() {
        header.setHgap(10);
        header.setVgap(4);
        header.setId("policy-header");
        TableColumn<Rule, String> id = column("Rule", 150, Rule::id);
        TableColumn<Rule, String> kind = column("Kind", 130, r -> r.getClass().getSimpleName());
        TableColumn<Rule, String> what = column("What it allows or limits", 520, r -> describe(currentPolicy(), r));
        rules.getColumns().setAll(List.of(id, kind, what));
        rules.setId("policy-rules");
        rules.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        installedYaml.setEditable(false);
        installedYaml.setId("policy-yaml");
        installedYaml.getStyleClass().add("hash");
        SplitPane split = new SplitPane(rules, installedYaml);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(8, header, split);
        box.setPadding(new Insets(8));
        return box;
    }

    private Policy policyShown;

    private Policy currentPolicy() {
        return policyShown;
    }

    private void refreshInstalled() {
        header.getChildren().clear();
        Optional<PolicyStore.Installed> installed;
        try {
            installed = admin.installed();
        } catch (RuntimeException e) {
            header.addRow(0, new Label("Installed policy"), bad("refused: " + e.getMessage(), "policy-version"));
            return;
        }
        if (installed.isEmpty()) {
            header.addRow(0, new Label("Installed policy"), bad("none: nothing can be signed until a signed bundle is installed"
                    + (session.context().devMode() ? " (this console runs in DEV MODE)" : ""), "policy-version"));
            rules.getItems().clear();
            installedYaml.clear();
            return;
        }
        PolicyStore.Installed i = installed.get();
        policyShown = i.policy();
        int r = 0;
        header.addRow(r++, new Label("Version"), value("v" + i.policy().version() + (i.policy().name().isEmpty() ? ""
                : " — " + i.policy().name()), "policy-version"));
        header.addRow(r++, new Label("bundleHash"), value(i.verified().bundleHash(), "policy-bundle-hash"));
        header.addRow(r++, new Label("Admins"), value(i.pinned().threshold() + " of " + i.pinned().admins().size() + ": "
                + i.pinned().admins().stream().map(Address::toString).collect(Collectors.joining(", ")), "policy-admins"));
        header.addRow(r, new Label("Signed by"), value(i.verified().signers().stream().map(Address::toString)
                .collect(Collectors.joining(", ")), "policy-signers"));
        rules.getItems().setAll(i.policy().rules());
        installedYaml.setText(admin.installedYaml());
    }

    private static TextField value(String text, String id) {
        TextField f = new TextField(text);
        f.setEditable(false);
        f.setId(id);
        f.getStyleClass().add("hash");
        f.setPrefColumnCount(70);
        return f;
    }

    private static Label bad(String text, String id) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add("verdict-bad");
        l.setWrapText(true);
        return l;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(value.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A rule in words: amounts in token units with the asset's name, addresses with their address-book labels. */
    static String describe(Policy p, Rule rule) {
        Function<Address, String> named = a -> p == null ? a.toString() : p.describe(a);
        return switch (rule) {
            case Rule.Limit l -> "spend of " + asset(p, l.asset()) + ": " + String.join(", ",
                    l.perTransaction().map(v -> "at most " + amount(p, l.asset(), v) + " per request").stream().toList())
                    + l.perDay().map(v -> (l.perTransaction().isPresent() ? ", " : "") + "at most " + amount(p, l.asset(), v)
                    + " per 24 h").orElse("")
                    + l.perWeek().map(v -> ", at most " + amount(p, l.asset(), v) + " per 7 days").orElse("");
            case Rule.RecipientAllow a -> "only these recipients: " + a.recipients().stream().map(named).sorted()
                    .collect(Collectors.joining(", "));
            case Rule.RecipientDeny d -> "never these recipients: " + d.recipients().stream().map(named).sorted()
                    .collect(Collectors.joining(", "));
            case Rule.ContractAllow c -> "contract calls: " + c.selectors().entrySet().stream()
                    .map(e -> named.apply(e.getKey()) + " " + String.join(" ", e.getValue())).sorted()
                    .collect(Collectors.joining("; "));
            case Rule.RefundAllow f -> "gas refunds in " + asset(p, f.asset()) + f.maxRefund().map(v -> " up to "
                    + amount(p, f.asset(), v)).orElse("") + " to " + f.receivers().stream().map(named).sorted()
                    .collect(Collectors.joining(", ")) + (f.anyExecutor() ? " or tx.origin" : "");
            case Rule.DelegatecallAllow d -> "DELEGATECALL only to " + d.targets().stream().map(named).sorted()
                    .collect(Collectors.joining(", "));
            case Rule.TimeWindow w -> "signing only " + w.windows().stream().map(x -> x.days().stream().sorted()
                    .map(dd -> dd.name().substring(0, 3)).collect(Collectors.joining(",")) + " " + x.from() + "–" + x.to())
                    .collect(Collectors.joining("; ")) + (p == null ? "" : " (" + p.timeZone() + ")");
            case Rule.Tier t -> "tier " + t.level() + ": above " + amount(p, t.asset(), t.above()) + " requires "
                    + t.require().stream().map(Object::toString).collect(Collectors.joining(", "));
        };
    }

    private static String asset(Policy p, Asset a) {
        return p == null ? a.key() : p.assetName(a);
    }

    private static String amount(Policy p, Asset a, BigInteger base) {
        Optional<Integer> decimals = p == null ? Optional.empty() : p.decimals(a);
        return decimals.map(d -> new BigDecimal(base, d).stripTrailingZeros().toPlainString() + " " + asset(p, a))
                .orElse(base + " base units of " + asset(p, a));
    }

    // ---- check a request ----

    private Node checkPane() {
        requests.setId("policy-request");
        requests.setPrefWidth(520);
        requests.setPromptText("a request in the queue");
        Button reload = new Button("Re_load queue");
        reload.setOnAction(e -> loadQueue());
        Button open = new Button("_Open request…");
        open.setOnAction(e -> files.open().apply("Open a request file").ifPresent(p -> {
            requests.getItems().add(p);
            requests.setValue(p);
        }));
        Button check = new Button("_Check");
        check.setId("policy-check");
        check.setOnAction(e -> check());
        decision.setId("policy-decision");
        decision.getStyleClass().add("section-title");
        TableColumn<Reason, String> leg = column("Leg", 330, r -> r.intent().isEmpty() ? "(the whole request)" : r.intent());
        TableColumn<Reason, String> rule = column("Rule", 130, Reason::ruleId);
        TableColumn<Reason, String> outcome = column("Outcome", 140, r -> r.outcome().name());
        TableColumn<Reason, String> message = column("Reason", 520, Reason::message);
        reasons.getColumns().setAll(List.of(leg, rule, outcome, message));
        reasons.setId("policy-reasons");
        reasons.setPlaceholder(new Label("Pick a request and press Check."));
        VBox.setVgrow(reasons, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("Request"), requests, reload, open, check);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(8, bar, decision, reasons);
        box.setPadding(new Insets(8));
        loadQueue();
        return box;
    }

    private void loadQueue() {
        try (var s = Files.list(session.context().requestsDir())) {
            requests.getItems().setAll(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
        } catch (java.io.IOException | RuntimeException e) {
            requests.getItems().clear();
        }
    }

    private void check() {
        Path p = requests.getValue();
        if (p == null) {
            decision.setText("Pick a request first.");
            return;
        }
        try {
            var r = RequestFile.read(p);
            StringBuilder notes = new StringBuilder();
            Decision d = admin.check(r, n -> notes.append("\nNote: ").append(n));
            decision.setText("Decision: " + d.word() + " (" + session.context().policy().name() + ")"
                    + (DecisionLines.signable(d) ? "" : " — not signable") + notes);
            decision.getStyleClass().removeAll("verdict-ok", "verdict-bad");
            decision.getStyleClass().add(DecisionLines.signable(d) ? "verdict-ok" : "verdict-bad");
            reasons.getItems().setAll(d.reasons());
        } catch (RuntimeException e) {
            decision.setText("Cannot check " + p.getFileName() + ": " + e.getMessage());
            reasons.getItems().clear();
        }
    }

    // ---- draft, sign, install ----

    private Node draftPane() {
        Button open = new Button("Open _draft YAML…");
        open.setId("policy-open-draft");
        open.setOnAction(e -> files.open().apply("Open a policy draft (YAML)").ifPresent(this::openDraft));
        draft.setId("policy-draft");
        draft.getStyleClass().add("hash");
        draft.textProperty().addListener((o, was, now) -> reparse());
        draftStatus.setId("policy-draft-status");
        draftStatus.setWrapText(true);
        bundleHash.setEditable(false);
        bundleHash.setId("policy-draft-hash");
        bundleHash.getStyleClass().add("hash");
        bundleHash.setPrefColumnCount(66);
        signer.setId("policy-signer");
        signer.getItems().setAll(session.signers());
        signer.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Signer s) {
                return s == null ? "" : s.label() + " " + s.address();
            }

            @Override
            public Signer fromString(String s) {
                return null;
            }
        });
        signer.setPromptText("an admin's signer");
        Button sign = new Button("_Sign bundle…");
        sign.setId("policy-sign");
        sign.setOnAction(e -> sign());
        Button add = new Button("_Add co-admin signature file…");
        add.setId("policy-add-signature");
        add.setOnAction(e -> files.open().apply("Open a co-admin's signed bundle").ifPresent(this::addSignatureFile));
        Button install = new Button("_Install…");
        install.setId("policy-install");
        install.setOnAction(e -> install());
        signatures.setId("policy-signatures");
        signatures.setPrefHeight(80);
        adminStatus.setId("policy-admin-status");
        adminStatus.setWrapText(true);
        VBox.setVgrow(draft, Priority.ALWAYS);
        HBox hashRow = new HBox(8, new Label("Bundle hash (compare on the device)"), bundleHash);
        hashRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label signerLabel = new Label("Signer");
        HBox actions = new HBox(8, signerLabel, signer, sign, add, install);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        // at 1280 px the signer box (long demo-key labels) gives way; the label and buttons keep their whole text
        for (javafx.scene.control.Control c : java.util.List.of(signerLabel, sign, add, install)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        signer.setMinWidth(160);
        HBox.setHgrow(signer, Priority.SOMETIMES);
        VBox box = new VBox(8, open, draft, draftStatus, hashRow, actions, new Label("Signatures"), signatures, adminStatus);
        box.setPadding(new Insets(8));
        return box;
    }

    private void openDraft(Path file) {
        try {
            String text = Files.readString(file);
            draftFile = file;
            // the opened draft's error line is selected once; typing then replaces it without being reselected
            selectError = true;
            draft.setText(text);
            selectError = false;
        } catch (java.io.IOException e) {
            draftStatus.setText("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void reparse() {
        String text = draft.getText();
        PolicyAdmin.Draft d = PolicyAdmin.parseDraft(text, draftFile == null ? "draft" : draftFile.getFileName().toString());
        draftStatus.getStyleClass().removeAll("verdict-ok", "verdict-bad");
        if (!d.ok()) {
            draftStatus.setText((d.line() > 0 ? "Line " + d.line() + ": " : "") + d.error());
            draftStatus.getStyleClass().add("verdict-bad");
            bundleHash.clear();
            bundle = null;
            signatures.getItems().clear();
            if (d.line() > 0 && selectError) {
                selectError = false;
                // after the text change has settled (setText moves the caret), so the selection stays
                javafx.application.Platform.runLater(() -> selectLine(d.line()));
            }
            return;
        }
        String hash = SignedBundle.hashOf(text);
        if (bundle == null || !bundle.bundleHash().equals(hash)) {
            bundle = SignedBundle.unsigned(text);
            showSignatures();
        }
        draftStatus.setText("Draft v" + d.policy().orElseThrow().version() + " parses: " + d.policy().orElseThrow().rules().size()
                + " rules, admins " + d.policy().orElseThrow().admins().threshold() + " of " + d.policy().orElseThrow().admins().admins().size());
        draftStatus.getStyleClass().add("verdict-ok");
        bundleHash.setText(hash);
    }

    /** Selects line {@code line} (1-based) of the draft, so the error sits on the line it names. */
    private void selectLine(int line) {
        String text = draft.getText();
        int start = 0;
        for (int i = 1; i < line && start >= 0; i++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return;
            }
        }
        int end = text.indexOf('\n', start);
        draft.selectRange(start, end < 0 ? text.length() : end);
    }

    private void showSignatures() {
        signatures.getItems().setAll(bundle == null ? List.of()
                : bundle.signatures().stream().map(s -> s.signer().toString()).toList());
    }

    private void sign() {
        Signer s = signer.getValue();
        if (bundle == null || s == null) {
            adminStatus.setText(bundle == null ? "The draft must parse before it is signed." : "Pick the admin's signer first.");
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Sign policy bundle\n" + bundle.bundleHash()
                + "\nwith " + s.label() + " " + s.address() + "?\nThe device shows these 32 bytes: compare them before you approve.",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Sign the policy bundle");
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        Path target = draftFile == null ? files.save().apply("Save the signed bundle").orElse(null)
                : Path.of(draftFile + ".bundle.json");
        if (target == null) {
            return;
        }
        SignedBundle current = bundle;
        Task<SignedBundle> task = new Task<>() {
            @Override
            protected SignedBundle call() {
                return admin.sign(current, s, target, target.getFileName().toString());
            }
        };
        task.setOnSucceeded(e -> {
            bundle = task.getValue();
            showSignatures();
            adminStatus.setText("Signed by " + s.address() + " into " + target + " (" + bundle.signatures().size() + " of the "
                    + "admins' signatures)");
        });
        task.setOnFailed(e -> adminStatus.setText("Not signed: " + task.getException().getMessage()));
        Thread t = new Thread(task, "countersign-policy-sign");
        t.setDaemon(true);
        t.start();
    }

    private void addSignatureFile(Path file) {
        if (bundle == null) {
            adminStatus.setText("Open the draft the co-admin signed first.");
            return;
        }
        try {
            SignedBundle other = SignedBundle.fromJson(Files.readString(file), file.toString());
            bundle = PolicyAdmin.addSignatures(bundle, other, file.getFileName().toString());
            showSignatures();
            adminStatus.setText("Added the signatures of " + file.getFileName() + ": " + bundle.signatures().size() + " in all");
        } catch (java.io.IOException | RuntimeException e) {
            adminStatus.setText("Not added: " + e.getMessage());
        }
    }

    private void install() {
        if (bundle == null || bundle.signatures().isEmpty()) {
            adminStatus.setText("Sign the bundle (and add the co-admins' signatures) before installing it.");
            return;
        }
        Policy p = io.countersign.policy.PolicyParser.parse(bundle.policyYaml());
        String text = admin.firstInstall()
                ? "FIRST INSTALL: this bundle's admins become the pinned admins of this workstation, and every later bundle needs "
                + p.admins().threshold() + " of their signatures.\nConfirm each address out of band (in person, by phone) "
                + "before you go on:\n" + p.admins().admins().stream().map(a -> "  " + a).collect(Collectors.joining("\n"))
                : "Install policy v" + p.version() + " (" + bundle.bundleHash() + ")?";
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Install policy v" + p.version());
        confirm.getDialogPane().setId("policy-install-confirm");
        confirm.getDialogPane().setMinWidth(640);
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        try {
            PolicyStore.Installed i = admin.install(bundle);
            adminStatus.setText("Installed policy v" + i.policy().version() + " (" + i.verified().bundleHash() + ")"
                    + (i.firstInstall() ? "; its " + i.pinned().admins().size() + " admins and threshold " + i.pinned().threshold()
                    + " are now pinned" : ""));
            adminStatus.getStyleClass().add("verdict-ok");
            refreshInstalled();
        } catch (RuntimeException e) {
            adminStatus.setText("Not installed: " + e.getMessage());
        }
    }
}
