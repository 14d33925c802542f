package io.countersign.app.console.shamir;

import io.countersign.app.session.AppContext;
import io.countersign.app.shamir.SecretKind;
import io.countersign.app.shamir.ShamirNotes;
import io.countersign.app.shamir.WordCompletion;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The guardian ceremony wizard: shares typed one at a time with word completion, each checked
 * as it is entered, the progress per group, the passphrase, and the recovered secret shown
 * only on an explicit Reveal, next to the fingerprint address.
 *
 * <p>The console shell opens it with {@link #create(AppContext)} (a node to place in a tab or
 * a window) or {@link #open(AppContext, Window)} (its own window).
 */
public final class RecoveryWizard {
    private RecoveryWizard() {}

    /** A new ceremony view; its background work runs on a daemon thread. */
    public static Parent create(AppContext ctx) {
        return create(ctx, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shamir-recovery");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Opens the wizard in its own window; closing the window wipes the recovered secret. */
    public static Stage open(AppContext ctx, Window owner) {
        Parent root = create(ctx);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Countersign — Recovery ceremony");
        // 900 tall where the screen has room; the wizard scrolls on a smaller one (1280×800)
        stage.setScene(new Scene(root, 780, Math.min(900, javafx.stage.Screen.getPrimary().getVisualBounds().getHeight() - 60)));
        stage.setOnHidden(e -> ((RecoveryPresenter) root.getProperties().get(RecoveryPresenter.class)).clear());
        stage.show();
        return stage;
    }

    static Parent create(AppContext ctx, Executor executor) {
        RecoveryPresenter p = new RecoveryPresenter(ctx, executor);

        Label title = new Label("Recovery ceremony");
        title.getStyleClass().add("title");
        Label intro = new Label("Each guardian types their share; every share is checked as it is entered. Nothing is"
                + " written to disk, and the secret stays hidden until you press Reveal.");
        intro.setWrapText(true);

        Label shareLabel = new Label();
        shareLabel.getStyleClass().add("step");
        TextArea shareInput = new TextArea();
        shareInput.setId("shareInput");
        shareInput.setWrapText(true);
        shareInput.setPrefRowCount(3);
        shareInput.setPromptText("Type the words of one share. Four letters of each word are enough.");
        Label hint = new Label(WordCompletion.at("", 0).hint());
        hint.setId("completionHint");
        hint.getStyleClass().add("hint");
        Runnable refreshHint = () -> hint.setText(WordCompletion.at(shareInput.getText(), shareInput.getCaretPosition()).hint());
        shareInput.caretPositionProperty().addListener((o, a, b) -> refreshHint.run());
        shareInput.textProperty().addListener((o, a, b) -> refreshHint.run());

        Button add = new Button("Add share");
        add.setId("addShare");
        add.getStyleClass().add("primary");
        Button startOver = new Button("Start over");
        startOver.setId("startOver");
        Runnable addShare = () -> {
            if (p.addShare(shareInput.getText())) {
                shareInput.clear();
            }
            shareLabel.setText("Share " + p.nextPosition());
            shareInput.requestFocus();
        };
        add.setOnAction(e -> addShare.run());
        startOver.setOnAction(e -> {
            p.clear();
            shareInput.clear();
            shareLabel.setText("Share " + p.nextPosition());
        });
        shareLabel.setText("Share " + p.nextPosition());
        shareInput.disableProperty().bind(p.recovered);
        add.disableProperty().bind(p.recovered);
        // Enter adds the share; Tab, or Space after four letters, completes the word.
        shareInput.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                addShare.run();
            } else if (e.getCode() == KeyCode.TAB) {
                e.consume();
                complete(shareInput);
            }
        });
        shareInput.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if ("\t".equals(e.getCharacter()) || " ".equals(e.getCharacter()) && complete(shareInput)) {
                e.consume();
            }
        });

        Label shareError = new Label();
        shareError.setId("shareError");
        shareError.getStyleClass().add("error");
        shareError.setWrapText(true);
        shareError.textProperty().bind(p.shareError);
        shareError.visibleProperty().bind(p.shareError.isNotEmpty());
        shareError.managedProperty().bind(shareError.visibleProperty());

        ListView<String> accepted = new ListView<>(p.acceptedShares);
        accepted.setId("acceptedShares");
        accepted.setPrefHeight(110);
        accepted.setFocusTraversable(false);
        Label progress = new Label();
        progress.setId("progress");
        progress.getStyleClass().add("progress");
        progress.textProperty().bind(p.progress);
        Label remaining = new Label();
        remaining.setId("remaining");
        remaining.setWrapText(true);
        remaining.textProperty().bind(p.remaining);

        Label passLabel = new Label("Passphrase");
        passLabel.getStyleClass().add("step");
        PasswordField passphrase = new PasswordField();
        passphrase.setId("passphrase");
        passphrase.setPromptText("Leave empty if the backup has no passphrase");
        Label passNote = new Label("A wrong passphrase is not detected: it opens a different wallet. The fingerprint below"
                + " is the only check.");
        passNote.setWrapText(true);
        passNote.getStyleClass().add("hint");

        Label kindLabel = new Label("These shares protect");
        kindLabel.getStyleClass().add("step");
        ToggleGroup kinds = new ToggleGroup();
        RadioButton bip39 = new RadioButton("a BIP-39 phrase (made by Countersign from 12–24 words)");
        bip39.setId("kindBip39");
        bip39.setUserData(SecretKind.BIP39_ENTROPY);
        RadioButton master = new RadioButton("a SLIP-39 master secret (a Trezor Shamir backup, or a hex secret)");
        master.setId("kindMaster");
        master.setUserData(SecretKind.MASTER_SECRET);
        bip39.setToggleGroup(kinds);
        master.setToggleGroup(kinds);
        kinds.selectToggle(bip39);
        kinds.selectedToggleProperty().addListener((o, a, b) -> p.kind.set((SecretKind) b.getUserData()));
        Label bipNote = new Label(ShamirNotes.BIP39_NOT_TREZOR);
        bipNote.setWrapText(true);
        bipNote.getStyleClass().add("hint");
        bipNote.visibleProperty().bind(bip39.selectedProperty());
        bipNote.managedProperty().bind(bipNote.visibleProperty());

        Button recover = new Button("Recover");
        recover.setId("recover");
        recover.getStyleClass().add("primary");
        recover.disableProperty().bind(p.complete.not().or(p.working).or(p.recovered));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(p.working);
        Label working = new Label("Deriving the key (PBKDF2)…");
        working.visibleProperty().bind(p.working);
        recover.setOnAction(e -> {
            char[] pass = passphrase.getText().toCharArray();
            passphrase.clear();
            p.recover(pass);
        });
        Label recoverError = new Label();
        recoverError.setId("recoverError");
        recoverError.getStyleClass().add("error");
        recoverError.setWrapText(true);
        recoverError.textProperty().bind(p.recoverError);
        recoverError.visibleProperty().bind(p.recoverError.isNotEmpty());
        recoverError.managedProperty().bind(recoverError.visibleProperty());

        VBox result = resultPane(p);

        VBox content = new VBox(8, title, intro, new Separator(), shareLabel, shareInput, hint,
                new HBox(8, add, startOver), shareError, accepted, progress, remaining, new Separator(),
                passLabel, passphrase, passNote, kindLabel, bip39, master, bipNote,
                new HBox(10, recover, spinner, working), recoverError, result);
        content.setPadding(new Insets(20));
        content.getStyleClass().add("wizard");
        ScrollPane root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.getStylesheets().add(RecoveryWizard.class.getResource("wizard.css").toExternalForm());
        io.countersign.app.console.Themes.ensureInstalled();
        root.getStylesheets().add(RecoveryWizard.class.getResource("recovery-wizard.css").toExternalForm());
        root.getProperties().put(RecoveryPresenter.class, p);
        return root;
    }

    /** Replaces the word at the caret by the SLIP-39 word it starts, followed by a space. */
    private static boolean complete(TextArea input) {
        WordCompletion c = WordCompletion.at(input.getText(), input.getCaretPosition());
        if (c.completion().isEmpty()) {
            return false;
        }
        input.replaceText(c.start(), c.end(), c.completion().get() + " ");
        return true;
    }

    private static VBox resultPane(RecoveryPresenter p) {
        Label heading = new Label("Recovered. Compare the fingerprint address with the one recorded at the split:");
        heading.setWrapText(true);
        heading.getStyleClass().add("step");
        Label fingerprint = new Label();
        fingerprint.setId("fingerprint");
        fingerprint.getStyleClass().add("fingerprint");
        fingerprint.textProperty().bind(p.fingerprint);
        Label path = new Label("first Ethereum address, m/44'/60'/0'/0/0");
        path.getStyleClass().add("hint");
        Label warning = new Label(ShamirNotes.WRONG_PASSPHRASE);
        warning.setId("passphraseWarning");
        warning.setWrapText(true);
        warning.getStyleClass().add("warning");

        Button reveal = new Button();
        reveal.setId("reveal");
        reveal.textProperty().bind(Bindings.when(p.revealed).then("Hide secret").otherwise("Reveal secret"));
        reveal.setOnAction(e -> {
            if (p.revealed.get()) {
                p.hide();
            } else {
                p.reveal();
            }
        });
        Label hexLabel = new Label("Master secret (hex)");
        TextArea hex = new TextArea();
        hex.setId("secretHex");
        hex.setEditable(false);
        hex.setWrapText(true);
        hex.setPrefRowCount(2);
        hex.textProperty().bind(p.secretHex);
        Label phraseLabel = new Label("BIP-39 phrase");
        TextArea phrase = new TextArea();
        phrase.setId("secretPhrase");
        phrase.setEditable(false);
        phrase.setWrapText(true);
        phrase.setPrefRowCount(3);
        phrase.textProperty().bind(p.secretPhrase);
        VBox secret = new VBox(6, hexLabel, hex, phraseLabel, phrase);
        secret.getStyleClass().add("secret");
        secret.visibleProperty().bind(p.revealed);
        secret.managedProperty().bind(secret.visibleProperty());
        phraseLabel.visibleProperty().bind(p.secretPhrase.isNotEmpty());
        phraseLabel.managedProperty().bind(phraseLabel.visibleProperty());
        phrase.visibleProperty().bind(p.secretPhrase.isNotEmpty());
        phrase.managedProperty().bind(phrase.visibleProperty());

        Label done = new Label("When you are done, press Start over (or close the window): the secret is wiped from memory.");
        done.setWrapText(true);
        done.getStyleClass().add("hint");
        VBox box = new VBox(8, heading, fingerprint, path, warning, reveal, secret, done);
        box.getStyleClass().add("result");
        box.setPadding(new Insets(12));
        box.visibleProperty().bind(p.recovered);
        box.managedProperty().bind(box.visibleProperty());
        VBox.setVgrow(box, Priority.NEVER);
        return box;
    }
}
