package io.countersign.app.console.shamir;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.shamir.Recovery;
import io.countersign.app.shamir.SecretKind;
import io.countersign.app.shamir.ShamirCeremony;
import io.countersign.app.shamir.ShareCheck;
import io.countersign.app.shamir.ShareCollector;
import io.countersign.shamir.CeremonyStatus;
import io.countersign.shamir.ShamirException;
import io.countersign.shamir.Share;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The guardian ceremony's state and actions, behind {@link RecoveryWizard}: shares checked as
 * they are entered, the progress line, the combine in a background {@link Task} (PBKDF2), and
 * the secret kept hidden until {@link #reveal()}. The secret bytes are wiped by {@link #clear()}.
 */
final class RecoveryPresenter {
    private final AppContext ctx;
    private final Executor executor;
    private final ShareCollector collector = new ShareCollector();

    final ObservableList<String> acceptedShares = FXCollections.observableArrayList();
    final StringProperty shareError = new SimpleStringProperty("");
    final StringProperty progress = new SimpleStringProperty("No share entered yet.");
    final StringProperty remaining = new SimpleStringProperty("");
    final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper(false);
    final BooleanProperty working = new SimpleBooleanProperty(false);
    final ObjectProperty<SecretKind> kind = new SimpleObjectProperty<>(SecretKind.BIP39_ENTROPY);
    final StringProperty fingerprint = new SimpleStringProperty("");
    final StringProperty recoverError = new SimpleStringProperty("");
    final StringProperty secretHex = new SimpleStringProperty("");
    final StringProperty secretPhrase = new SimpleStringProperty("");
    final BooleanProperty recovered = new SimpleBooleanProperty(false);
    final BooleanProperty revealed = new SimpleBooleanProperty(false);
    private Recovery recovery;

    RecoveryPresenter(AppContext ctx, Executor executor) {
        this.ctx = ctx;
        this.executor = executor;
        kind.addListener((obs, was, now) -> rekind(now));
    }

    /** Number of the next share the guardian enters (1-based). */
    int nextPosition() {
        return acceptedShares.size() + 1;
    }

    /**
     * Checks a typed share; keeps it when good, else shows why.
     *
     * @return whether the entry field can be cleared (the share was taken or was a repeat)
     */
    boolean addShare(String text) {
        if (text.isBlank()) {
            shareError.set("Type the share's words first.");
            return false;
        }
        if (recovered.get()) {
            shareError.set("The secret was already recovered. Press Start over for a new ceremony.");
            return false;
        }
        ShareCheck check = collector.offer(text);
        switch (check) {
            case ShareCheck.Accepted a -> {
                shareError.set("");
                acceptedShares.add(describe(acceptedShares.size() + 1, a.share()));
                refreshStatus();
                return true;
            }
            case ShareCheck.Repeated r -> {
                shareError.set("This is the same share as an earlier one; it is counted once.");
                return true;
            }
            case ShareCheck.Rejected x -> {
                shareError.set(x.reason().replaceFirst("^share \\d+: ", "This share: "));
                return false;
            }
        }
    }

    private static String describe(int n, Share s) {
        return "Share " + n + " · group " + (s.groupIndex() + 1) + ", member " + (s.memberIndex() + 1)
                + "  ✓ checksum valid";
    }

    private void refreshStatus() {
        var status = collector.status();
        if (status.isEmpty()) {
            progress.set("No share entered yet.");
            remaining.set("");
            complete.set(false);
            return;
        }
        CeremonyStatus s = status.get();
        progress.set(s.summary());
        remaining.set(s.isComplete() ? "Enough shares: you can recover the secret."
                : "Still needed: " + ShareCollector.shortfall(s) + ".");
        complete.set(s.isComplete());
    }

    /**
     * Combines the shares in the background; the passphrase is wiped when done.
     *
     * @param passphrase the SLIP-39 passphrase as typed (empty for none); wiped by this method
     */
    Task<Recovery> recover(char[] passphrase) {
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(passphrase));
        byte[] exact = new byte[encoded.remaining()];
        encoded.get(exact);
        Arrays.fill(encoded.array(), (byte) 0);
        Arrays.fill(passphrase, '\0');
        List<Share> shares = collector.shares();
        List<Integer> positions = collector.positions();
        SecretKind k = kind.get();
        Task<Recovery> task = new Task<>() {
            @Override
            protected Recovery call() throws Exception {
                try {
                    Recovery r = ShamirCeremony.recover(shares, positions, exact, k);
                    ShamirCeremony.journalCombine(ctx, shares);
                    return r;
                } finally {
                    Arrays.fill(exact, (byte) 0);
                }
            }
        };
        working.set(true);
        recoverError.set("");
        task.setOnSucceeded(e -> {
            working.set(false);
            recovery = task.getValue();
            recovered.set(true);
            showFingerprint();
        });
        task.setOnFailed(e -> {
            working.set(false);
            Throwable t = task.getException();
            recoverError.set(t instanceof ShamirException || t instanceof CountersignException
                    ? t.getMessage() : "Recovery failed: " + t);
        });
        executor.execute(task);
        return task;
    }

    private void rekind(SecretKind now) {
        if (recovery == null || recovery.kind() == now) {
            return;
        }
        try {
            Recovery other = recovery.as(now);
            recovery.close();
            recovery = other;
            recoverError.set("");
        } catch (ShamirException e) {
            recoverError.set(e.getMessage());
        }
        showFingerprint();
    }

    private void showFingerprint() {
        fingerprint.set(recovery.fingerprint().toString());
        if (revealed.get()) {
            reveal();
        }
    }

    /** Shows the secret (hex, and the BIP-39 phrase when the shares hold BIP-39 entropy). */
    void reveal() {
        if (recovery == null) {
            return;
        }
        secretHex.set(recovery.secretHex());
        try {
            secretPhrase.set(recovery.kind() == SecretKind.BIP39_ENTROPY ? recovery.bip39() : "");
        } catch (ShamirException e) {
            secretPhrase.set("");
            recoverError.set(e.getMessage());
        }
        revealed.set(true);
    }

    /** Hides the secret again. */
    void hide() {
        secretHex.set("");
        secretPhrase.set("");
        revealed.set(false);
    }

    /** Forgets every share and wipes the recovered secret. */
    void clear() {
        hide();
        if (recovery != null) {
            recovery.close();
            recovery = null;
        }
        collector.clear();
        acceptedShares.clear();
        shareError.set("");
        recoverError.set("");
        fingerprint.set("");
        recovered.set(false);
        refreshStatus();
    }
}
