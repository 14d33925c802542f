package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.demo.DemoEnvironment;
import io.countersign.eth.Address;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.TypedData;
import io.countersign.eth.testing.TestPaths;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SignatureMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's counterpart of {@code --allow-blind}: "Sign (eth_sign)…" first shows a dialog
 * naming the risk (the device shows only a hash, not the fields) and the request's safeTxHash.
 * Cancel: no signer is picked and the demo key is never asked; nothing is journalled or written.
 * "Sign blind": the signer picker follows, the demo key signs the safeTxHash, and the journal's
 * SIGNATURE entry says {@code blind: true}. The demo chain (anvil, Safe 1.4.1, 2-of-3 demo keys).
 */
@ExtendWith(ApplicationExtension.class)
class BlindSigningConfirmationFxTest {
    static final String ROW = "Pay vendor invoice #1042 (1.5 ETH)";
    DemoEnvironment demo;
    final AtomicInteger signingCalls = new AtomicInteger();

    /** A demo key that counts every signing request it receives. */
    Signer counting(Signer d) {
        return new Signer() {
            @Override
            public Address address() {
                return d.address();
            }

            @Override
            public String label() {
                return d.label();
            }

            @Override
            public SignedTransaction signTransaction(EthTransaction tx) {
                signingCalls.incrementAndGet();
                return d.signTransaction(tx);
            }

            @Override
            public Signature signPersonalMessage(byte[] message) {
                signingCalls.incrementAndGet();
                return d.signPersonalMessage(message);
            }

            @Override
            public Signature signTypedData(TypedData typedData) {
                signingCalls.incrementAndGet();
                return d.signTypedData(typedData);
            }
        };
    }

    @Start
    void start(Stage stage) throws Exception {
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-blind-fx-"),
                Map.of());
        MainWindow.show(stage, new ConsoleSession(demo.context(), demo.signers().stream().map(this::counting).toList()));
        stage.setWidth(1280);
        stage.setHeight(860);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    static boolean showing(DialogPane p) {
        return p.getScene() != null && p.getScene().getWindow() != null && p.getScene().getWindow().isShowing();
    }

    DialogPane blindDialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#blind-signing-dialog").match((DialogPane p) -> showing(p)).tryQuery().isPresent());
        return robot.lookup("#blind-signing-dialog").match((DialogPane p) -> showing(p)).query();
    }

    /** The dialog as PNG under target/screenshots, for a person to look at. */
    static void snapshot(DialogPane pane, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        javafx.scene.image.WritableImage image = WaitForAsyncUtils.asyncFx(() -> pane.getScene().getRoot().snapshot(null, null)).get();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }

    Path requestFile() throws Exception {
        try (var files = Files.list(demo.context().requestsDir())) {
            return files.filter(p -> RequestFile.read(p).description().equals(ROW)).findFirst().orElseThrow();
        }
    }

    List<JournalEntry> entries(EntryKind kind, String safeTxHash) {
        return demo.context().journal().since(kind, Instant.EPOCH).stream()
                .filter(e -> e.payload().path("safeTxHash").asString("").equals(safeTxHash)).toList();
    }

    @Test
    void cancellingTheBlindSigningDialogAsksNoDeviceAndConfirmingSignsBlind(FxRobot robot) throws Exception {
        Path file = requestFile();
        SafeRequest request = RequestFile.read(file);
        String hash = request.hashes().safeTxHashHex();
        byte[] before = Files.readAllBytes(file);
        robot.clickOn((javafx.scene.Node) robot.lookup(".table-cell").match((TableCell<?, ?> c) -> ROW.equals(c.getText())).query());

        robot.clickOn("#sign-eth-button");
        DialogPane dialog = blindDialog(robot);
        assertTrue(dialog.getHeaderText().contains("only a hash"), dialog.getHeaderText());
        assertTrue(dialog.getContentText().contains("safeTxHash " + hash), dialog.getContentText());
        assertTrue(dialog.getContentText().contains("NOT show the decoded fields"), dialog.getContentText());
        snapshot(dialog, Path.of("target", "screenshots", "blind-signing-confirmation.png"));
        robot.clickOn(robot.lookup("#blind-signing-dialog .button").match((Button b) -> "Cancel".equals(b.getText())).queryButton());
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(showing(dialog));
        assertTrue(robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p)).tryQuery().isEmpty(),
                "no signer picker after cancel");
        assertEquals(0, signingCalls.get(), "cancel: the device was never asked");
        assertEquals(List.of(), entries(EntryKind.DECISION, hash), "cancel: nothing decided or journalled");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "cancel: the request file is unchanged");

        robot.clickOn("#sign-eth-button");
        DialogPane again = blindDialog(robot);
        robot.clickOn(robot.lookup("#blind-signing-dialog .button").match((Button b) -> "Sign blind".equals(b.getText())).queryButton());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".combo-box").tryQuery().isPresent());
        assertFalse(showing(again));
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> "OK".equals(b.getText())).queryButton());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p)
                && p.getHeaderText() != null && (p.getHeaderText().contains("done") || p.getHeaderText().contains("refused")))
                .tryQuery().isPresent());
        DialogPane done = robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p) && p.getHeaderText() != null
                && (p.getHeaderText().contains("done") || p.getHeaderText().contains("refused"))).query();
        assertTrue(done.getHeaderText().startsWith("Signing done"), done.getHeaderText() + ": " + done.getContentText());
        robot.interact(() -> done.getScene().getWindow().hide());

        assertEquals(1, signingCalls.get());
        SafeRequest signed = RequestFile.read(file);
        assertEquals(1, signed.signatures().size());
        assertEquals(SignatureMethod.ETH_SIGN, signed.signatures().getFirst().method());
        List<JournalEntry> sigs = entries(EntryKind.SIGNATURE, hash);
        assertEquals(1, sigs.size());
        assertTrue(sigs.getFirst().payload().path("blind").asBoolean(), sigs.getFirst().payload().toString());
        assertFalse(demo.context().allowBlind(), "the confirmation covered that one signing only");
    }
}
