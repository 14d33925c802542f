package io.countersign.app.console.shamir;

import io.countersign.app.session.AppContext;
import io.countersign.app.shamir.SecretInput;
import io.countersign.app.shamir.SecretKind;
import io.countersign.app.shamir.ShamirCeremony;
import io.countersign.app.shamir.ShareCards;
import io.countersign.app.shamir.SplitResult;
import io.countersign.shamir.GroupSpec;
import io.countersign.shamir.ShamirException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/**
 * The split wizard's state and actions, behind {@link SplitWizard}: recognises the secret
 * (hex master secret or BIP-39 phrase), runs the split and prints the share cards in a
 * background {@link Task}, and says where the cards went and which fingerprint to record.
 */
final class SplitPresenter {
    private final AppContext ctx;
    private final Executor executor;

    final StringProperty secretKind = new SimpleStringProperty("");
    final BooleanProperty secretIsBip39 = new SimpleBooleanProperty(false);
    final StringProperty error = new SimpleStringProperty("");
    final StringProperty result = new SimpleStringProperty("");
    final StringProperty fingerprint = new SimpleStringProperty("");
    final BooleanProperty working = new SimpleBooleanProperty(false);

    SplitPresenter(AppContext ctx, Executor executor) {
        this.ctx = ctx;
        this.executor = executor;
    }

    /** Describes the secret as typed, without showing it: "BIP-39 phrase, 24 words (256-bit entropy)". */
    void describeSecret(String text) {
        if (text.isBlank()) {
            secretKind.set("");
            secretIsBip39.set(false);
            return;
        }
        try (SecretInput s = SecretInput.detect(text)) {
            secretKind.set("Recognised: " + s.describe());
            secretIsBip39.set(s.kind() == SecretKind.BIP39_ENTROPY);
        } catch (ShamirException | IllegalArgumentException e) {
            secretKind.set("Not yet valid: " + e.getMessage());
            secretIsBip39.set(false);
        }
    }

    /** The parameters of one split, as the view collected them. */
    record Request(String secret, char[] passphrase, char[] passphraseAgain, int groupThreshold, List<GroupSpec> groups,
                   int iterationExponent, boolean extendable, String label, Path cards) { }

    /** Splits and prints the cards in the background; the passphrase arrays are wiped. */
    Task<SplitResult> split(Request r) {
        error.set("");
        result.set("");
        fingerprint.set("");
        boolean same = Arrays.equals(r.passphrase(), r.passphraseAgain());
        byte[] pass = utf8(r.passphrase());
        Arrays.fill(r.passphrase(), '\0');
        Arrays.fill(r.passphraseAgain(), '\0');
        if (!same) {
            Arrays.fill(pass, (byte) 0);
            error.set("The two passphrases differ: type the same passphrase twice.");
            return null;
        }
        if (r.cards() == null) {
            Arrays.fill(pass, (byte) 0);
            error.set("Choose a folder for the share cards (one PDF per share).");
            return null;
        }
        Task<SplitResult> task = new Task<>() {
            @Override
            protected SplitResult call() throws Exception {
                try (SecretInput secret = SecretInput.detect(r.secret())) {
                    SplitResult split = ShamirCeremony.split(secret, pass, r.groupThreshold(), r.groups(),
                            r.iterationExponent(), r.extendable(), new SecureRandom());
                    ShareCards.write(r.cards(), split, r.label());
                    ShamirCeremony.journalSplit(ctx, split, true);
                    return split;
                } finally {
                    Arrays.fill(pass, (byte) 0);
                }
            }
        };
        working.set(true);
        task.setOnSucceeded(e -> {
            working.set(false);
            SplitResult s = task.getValue();
            result.set(s.shareCount() + " share cards written to " + r.cards() + ", one PDF per share (share-g1-m1.pdf, …): "
                    + "give each file to its guardian only\n" + s.describeLayout()
                    + "\nBackup identifier " + s.identifier() + " · iteration exponent " + s.iterationExponent()
                    + " · " + (s.extendable() ? "extendable" : "not extendable"));
            fingerprint.set(s.fingerprint().toString());
        });
        task.setOnFailed(e -> {
            working.set(false);
            Throwable t = task.getException();
            error.set(t instanceof ShamirException || t instanceof IllegalArgumentException
                    || t instanceof java.io.UncheckedIOException ? t.getMessage() : "Split failed: " + t);
        });
        executor.execute(task);
        return task;
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        Arrays.fill(encoded.array(), (byte) 0);
        return out;
    }
}
