package io.countersign.app.console.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.SessionListener;
import io.countersign.app.session.Signers;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.hw.trezor.EmulatedThpTrezor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's Trezor Safe 7 pairing dialog ({@link ThpPairingDialog}) driven against the
 * {@link EmulatedThpTrezor} fixture (THP on loopback UDP), opening the signer as the console does
 * ({@code Signers.factory} over a data folder, the prompt as {@code QueuePresenter} wires it): the
 * field takes digits only, Pair waits for 6 of them, the code the device shows pairs it, and the
 * next opening finds the stored pairing and shows no dialog; Cancel stops with "not paired".
 * Saves target/screenshots/thp-pairing-dialog.png.
 */
@ExtendWith(ApplicationExtension.class)
class ThpPairingDialogFxTest {
    static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/2");
    static final Address ACCOUNT = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", PATH, "t").address();

    @TempDir
    Path dir;
    EmulatedThpTrezor safe7;
    final AtomicInteger asked = new AtomicInteger();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 320, 200));
        stage.sizeToScene();
        stage.show();
        safe7 = new EmulatedThpTrezor(Anvil.MNEMONIC, 0);
    }

    @AfterEach
    void stop() {
        safe7.close();
    }

    /** Opens the Safe 7 off the FX thread as the console's sign task does, with its prompt. */
    CompletableFuture<Address> openInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            SessionListener listener = new SessionListener() {
                public void confirmOnDevice(String s) {}

                public void notice(String s) {}

                public String thpPairingCode(String device) {
                    asked.incrementAndGet();
                    return ThpPairingDialog.askFromWorker(device);
                }
            };
            try (AppContext ctx = new AppContext(dir.resolve("data"), true, null, true, Map.of());
                    Signer s = Signers.factory(ctx).open(safe7.uri(), PATH, listener, null)) {
                return s.address();
            }
        });
    }

    DialogPane awaitDialog(FxRobot robot) throws Exception {
        // the buttons get their ids when the dialog is shown, a moment after its content exists
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#thp-pair").tryQuery().isPresent());
        return robot.lookup(".dialog-pane").match((DialogPane p) -> p.lookup("#thp-code") != null).query();
    }

    @Test
    void theShownCodePairsAndTheNextOpeningShowsNoDialog(FxRobot robot) throws Exception {
        CompletableFuture<Address> first = openInBackground();
        DialogPane pane = awaitDialog(robot);
        assertEquals("Enter the code shown on your Trezor", pane.getHeaderText());
        TextField field = robot.lookup("#thp-code").queryAs(TextField.class);
        Button pair = robot.lookup("#thp-pair").queryButton();

        robot.clickOn(field).write("12ab-3");
        assertEquals("123", field.getText(), "only digits are taken");
        assertTrue(pair.isDisabled(), "Pair waits for 6 digits");
        robot.interact(field::clear);

        String shown = safe7.shownCode();
        robot.write(shown + "9");
        assertEquals(shown, field.getText(), "at most 6 digits");
        assertFalse(pair.isDisabled());
        Path png = Path.of("target", "screenshots", "thp-pairing-dialog.png");
        Files.createDirectories(png.getParent());
        WaitForAsyncUtils.asyncFx(() -> {
            png(pane, png);
            return null;
        }).get();
        robot.clickOn(pair);

        assertEquals(ACCOUNT, first.get(30, TimeUnit.SECONDS));
        assertEquals(1, asked.get());
        assertTrue(Files.exists(dir.resolve("data").resolve("devices").resolve("thp-pairings.tink")), "the pairing is stored");

        assertEquals(ACCOUNT, openInBackground().get(30, TimeUnit.SECONDS));
        assertEquals(1, asked.get(), "a paired Trezor shows no pairing dialog");
        assertTrue(robot.lookup("#thp-code").tryQuery().isEmpty());
    }

    /** A snapshot of the dialog as PNG (FX thread), for a person to look at. */
    static void png(javafx.scene.Node node, Path file) throws java.io.IOException {
        javafx.scene.image.WritableImage image = node.snapshot(null, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }

    @Test
    void cancelStopsWithNotPairedAndStoresNothing(FxRobot robot) throws Exception {
        CompletableFuture<Address> opening = openInBackground();
        awaitDialog(robot);
        robot.clickOn("#thp-cancel");
        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> opening.get(30, TimeUnit.SECONDS)).getCause();
        assertTrue(e.getMessage().contains("not paired with this computer"), e.toString());
        assertInstanceOf(RuntimeException.class, e);
        assertFalse(Files.exists(dir.resolve("data").resolve("devices").resolve("thp-pairings.tink")));
        assertFalse(Window.getWindows().stream().anyMatch(w -> w.getScene() != null && w.getScene().lookup("#thp-code") != null));
    }
}
