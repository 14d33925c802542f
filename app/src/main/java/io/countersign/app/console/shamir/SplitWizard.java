package io.countersign.app.console.shamir;

import io.countersign.app.session.AppContext;
import io.countersign.app.shamir.ShamirNotes;
import io.countersign.shamir.GroupSpec;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The split wizard: a secret (hex master secret or BIP-39 phrase) from a password field, the
 * group layout, and share cards printed to one PDF per share (with a QR code).
 *
 * <p>The console shell opens it with {@link #create(AppContext)} or {@link #open(AppContext, Window)}.
 */
public final class SplitWizard {
    private SplitWizard() {}

    /** A new split view; its background work runs on a daemon thread. */
    public static Parent create(AppContext ctx) {
        return create(ctx, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shamir-split");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Opens the wizard in its own window. */
    public static Stage open(AppContext ctx, Window owner) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Countersign — Split a secret into SLIP-39 shares");
        // 900 tall where the screen has room; the wizard scrolls on a smaller one (1280×800)
        stage.setScene(new Scene(create(ctx), 780, Math.min(900, javafx.stage.Screen.getPrimary().getVisualBounds().getHeight() - 60)));
        stage.show();
        return stage;
    }

    /** One row of the group layout: "Group 2: [3] of [5] shares needed". */
    private record GroupRow(HBox box, Spinner<Integer> threshold, Spinner<Integer> count) { }

    static Parent create(AppContext ctx, Executor executor) {
        SplitPresenter p = new SplitPresenter(ctx, executor);

        Label title = new Label("Split a secret into SLIP-39 shares");
        title.getStyleClass().add("title");
        Label intro = new Label("Do this on an offline machine. The secret is never shown or saved; only the share"
                + " cards are written: one PDF per share (share-g1-m1.pdf, …), readable by you only, in the folder"
                + " you choose. Give each file to its guardian only.");
        intro.setWrapText(true);

        Label secretLabel = step("1. The secret");
        PasswordField secret = new PasswordField();
        secret.setId("secret");
        secret.setPromptText("A BIP-39 phrase (12–24 words) or a master secret in hex (32 or 64 digits)");
        Label kind = new Label();
        kind.setId("secretKind");
        kind.getStyleClass().add("hint");
        kind.textProperty().bind(p.secretKind);
        secret.textProperty().addListener((o, a, b) -> p.describeSecret(b));
        Label bipNote = new Label(ShamirNotes.BIP39_NOT_TREZOR);
        bipNote.setWrapText(true);
        bipNote.getStyleClass().add("warning");
        bipNote.visibleProperty().bind(p.secretIsBip39);
        bipNote.managedProperty().bind(bipNote.visibleProperty());

        Label passLabel = step("2. Passphrase (optional)");
        PasswordField pass = new PasswordField();
        pass.setId("passphrase");
        pass.setPromptText("Leave empty for none");
        PasswordField passAgain = new PasswordField();
        passAgain.setId("passphraseAgain");
        passAgain.setPromptText("Type it again");
        Label passNote = new Label("Printable ASCII only. A wrong passphrase at recovery is not detected: it opens a"
                + " different wallet. Without the passphrase, the shares are useless.");
        passNote.setWrapText(true);
        passNote.getStyleClass().add("hint");

        Label layoutLabel = step("3. Groups");
        VBox rows = new VBox(6);
        List<GroupRow> groups = new ArrayList<>();
        Spinner<Integer> groupThreshold = new Spinner<>(1, 1, 1);
        groupThreshold.setId("groupThreshold");
        groupThreshold.setPrefWidth(80);
        Label layoutSummary = new Label();
        layoutSummary.setId("layoutSummary");
        layoutSummary.getStyleClass().add("summary");
        layoutSummary.setWrapText(true);
        Runnable refresh = () -> {
            int n = groups.size();
            var f = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) groupThreshold.getValueFactory();
            f.setMax(n);
            for (int i = 0; i < n; i++) {
                ((Label) groups.get(i).box().getChildren().getFirst()).setText("Group " + (i + 1) + ":");
            }
            layoutSummary.setText(summary(groupThreshold.getValue(), groups));
        };
        Button addGroup = new Button("Add group");
        addGroup.setId("addGroup");
        addGroup.setOnAction(e -> addRow(groups, rows, refresh, 2, 3));
        addRow(groups, rows, refresh, 2, 3);
        groupThreshold.valueProperty().addListener((o, a, b) -> refresh.run());
        HBox gtRow = new HBox(8, new Label("Groups needed to recover:"), groupThreshold, addGroup);
        gtRow.setAlignment(Pos.CENTER_LEFT);

        Label advancedLabel = step("4. Options");
        Spinner<Integer> exponent = new Spinner<>(0, 15, 1);
        exponent.setId("iterationExponent");
        exponent.setPrefWidth(80);
        CheckBox extendable = new CheckBox("Extendable backup (recommended: more shares can be added later)");
        extendable.setId("extendable");
        extendable.setSelected(true);
        HBox expRow = new HBox(8, new Label("Iteration exponent (PBKDF2 work; Trezor uses 1):"), exponent);
        expRow.setAlignment(Pos.CENTER_LEFT);

        Label cardsLabel = step("5. Share cards");
        TextField label = new TextField();
        label.setId("label");
        label.setPromptText("A name printed on every card, e.g. Treasury cold key");
        TextField file = new TextField();
        file.setId("cardsFile");
        file.setPromptText("A folder for the share cards (one PDF per share)");
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the share cards (one PDF per share)");
            File chosen = chooser.showDialog(browse.getScene().getWindow());
            if (chosen != null) {
                file.setText(chosen.getPath());
            }
        });

        Button create = new Button("Create share cards");
        create.setId("createCards");
        create.getStyleClass().add("primary");
        create.disableProperty().bind(p.working);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(p.working);
        create.setOnAction(e -> {
            List<GroupSpec> layout = groups.stream().map(g -> new GroupSpec(g.threshold().getValue(), g.count().getValue())).toList();
            Path out = file.getText().isBlank() ? null : Path.of(file.getText().strip());
            p.split(new SplitPresenter.Request(secret.getText(), pass.getText().toCharArray(), passAgain.getText().toCharArray(),
                    groupThreshold.getValue(), layout, exponent.getValue(), extendable.isSelected(), label.getText().strip(), out));
        });

        p.fingerprint.addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                secret.clear();
                pass.clear();
                passAgain.clear();
            }
        });

        Label error = new Label();
        error.setId("splitError");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(p.error);
        error.visibleProperty().bind(p.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label result = new Label();
        result.setId("splitResult");
        result.setWrapText(true);
        result.textProperty().bind(p.result);
        Label fpHeading = new Label("Fingerprint address (m/44'/60'/0'/0/0) — record it; it is printed on every card:");
        fpHeading.setWrapText(true);
        Label fingerprint = new Label();
        fingerprint.setId("fingerprint");
        fingerprint.getStyleClass().add("fingerprint");
        fingerprint.textProperty().bind(p.fingerprint);
        Label next = new Label("Next: give each card to its guardian, run a test recovery, and only then destroy other"
                + " copies of the secret.");
        next.setWrapText(true);
        next.getStyleClass().add("hint");
        VBox done = new VBox(6, result, fpHeading, fingerprint, next);
        done.getStyleClass().add("result");
        done.setPadding(new Insets(12));
        done.visibleProperty().bind(p.fingerprint.isNotEmpty());
        done.managedProperty().bind(done.visibleProperty());

        VBox content = new VBox(8, title, intro, new Separator(),
                secretLabel, secret, kind, bipNote,
                passLabel, pass, passAgain, passNote,
                layoutLabel, gtRow, rows, layoutSummary,
                advancedLabel, expRow, extendable,
                cardsLabel, label, new HBox(8, file, browse),
                new HBox(10, create, spinner), error, done);
        content.setPadding(new Insets(20));
        content.getStyleClass().add("wizard");
        ScrollPane root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.getStylesheets().add(SplitWizard.class.getResource("wizard.css").toExternalForm());
        io.countersign.app.console.Themes.ensureInstalled();
        root.getStylesheets().add(SplitWizard.class.getResource("split-wizard.css").toExternalForm());
        refresh.run();
        return root;
    }

    private static Label step(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("step");
        return l;
    }

    private static void addRow(List<GroupRow> groups, VBox rows, Runnable refresh, int t, int n) {
        if (groups.size() >= 16) {
            return;
        }
        Spinner<Integer> threshold = new Spinner<>(1, 16, t);
        Spinner<Integer> count = new Spinner<>(1, 16, n);
        threshold.setPrefWidth(70);
        count.setPrefWidth(70);
        int index = groups.size() + 1;
        threshold.setId("groupThreshold" + index);
        count.setId("groupCount" + index);
        Button remove = new Button("Remove");
        HBox box = new HBox(8, new Label(), threshold, new Label("of"), count, new Label("shares needed"), remove);
        box.setAlignment(Pos.CENTER_LEFT);
        GroupRow row = new GroupRow(box, threshold, count);
        remove.setOnAction(e -> {
            if (groups.size() > 1) {
                groups.remove(row);
                rows.getChildren().remove(box);
                refresh.run();
            }
        });
        threshold.valueProperty().addListener((o, a, b) -> refresh.run());
        count.valueProperty().addListener((o, a, b) -> refresh.run());
        groups.add(row);
        rows.getChildren().add(box);
        refresh.run();
    }

    /** E.g. "Any 2 of the 3 groups; group 1: 2 of 3 shares · group 2: …  (8 cards)". */
    private static String summary(int gt, List<GroupRow> groups) {
        StringBuilder s = new StringBuilder("Recovery needs any " + gt + " of the " + groups.size() + " group"
                + (groups.size() == 1 ? "" : "s") + ".");
        int cards = 0;
        for (int i = 0; i < groups.size(); i++) {
            int t = groups.get(i).threshold().getValue();
            int n = groups.get(i).count().getValue();
            cards += n;
            s.append(i == 0 ? " " : " · ").append("Group ").append(i + 1).append(": any ").append(t).append(" of ").append(n);
            if (t > n) {
                s.append(" (needs more shares than it has!)");
            } else if (t == 1 && n > 1) {
                s.append(" (1 of N is not allowed: use 1 of 1)");
            }
        }
        return s.append(".  ").append(cards).append(" card").append(cards == 1 ? "" : "s").append(" in all.").toString();
    }
}
