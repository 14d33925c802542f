package io.countersign.app.console.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.app.shamir.ShareCardsReader;
import io.countersign.shamir.Slip39;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The split wizard in a real window: a hex secret, two groups, share cards that recover the secret. */
@ExtendWith(ApplicationExtension.class)
class ShamirSplitWizardTest {
    private static final String SECRET = "bb54aac4b89dc868ba37d9cc21b2cece";
    private Path dir;
    private AppContext ctx;
    private Parent root;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("countersign-split-wizard");
        ctx = new AppContext(dir, true, null, false, Map.of());
        root = SplitWizard.create(ctx);
        stage.setScene(new Scene(root, 780, 1100));
        stage.show();
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theWizardPrintsCardsThatRecoverTheSecret(FxRobot robot) throws Exception {
        Path pdf = dir.resolve("cards");
        robot.clickOn("#secret").write(SECRET);
        assertEquals("Recognised: master secret, 128 bits", text(robot, "#secretKind"));
        robot.clickOn("#passphrase").write("guardians");
        robot.clickOn("#passphraseAgain").write("guardians");
        robot.clickOn("#addGroup");
        robot.interact(() -> {
            robot.lookup("#groupThreshold").queryAs(Spinner.class).getValueFactory().setValue(2);
            robot.lookup("#groupThreshold2").queryAs(Spinner.class).getValueFactory().setValue(1);
            robot.lookup("#groupCount2").queryAs(Spinner.class).getValueFactory().setValue(1);
        });
        assertTrue(text(robot, "#layoutSummary").startsWith("Recovery needs any 2 of the 2 groups."), text(robot, "#layoutSummary"));
        robot.clickOn("#label").write("Treasury cold key");
        robot.clickOn("#cardsFile").write(pdf.toString());
        robot.clickOn("#createCards");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !text(robot, "#fingerprint").isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", text(robot, "#splitError"));
        assertTrue(text(robot, "#splitResult").startsWith("4 share cards written to " + pdf), text(robot, "#splitResult"));
        robot.interact(() -> {
            try {
                Snapshots.png(root, Path.of("/tmp/countersign-split-wizard.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        List<ShareCardsReader.Card> cards = ShareCardsReader.readFolder(pdf);
        assertEquals(4, cards.size());
        for (String name : List.of("share-g1-m1.pdf", "share-g1-m2.pdf", "share-g1-m3.pdf", "share-g2-m1.pdf")) {
            assertEquals("rw-------", ShareCardsReader.permissions(pdf.resolve(name)), name);
        }
        assertTrue(cards.get(3).text().contains("Group 2 of 2"), cards.get(3).text());
        byte[] secret = Slip39.combine(List.of(cards.get(1).qr(), cards.get(3).qr(), cards.get(2).qr()),
                "guardians".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(SECRET, HexFormat.of().formatHex(secret));
    }

    @Test
    void differentPassphrasesAreRefusedBeforeAnythingIsWritten(FxRobot robot) {
        Path pdf = dir.resolve("never");
        robot.clickOn("#secret").write(SECRET);
        robot.clickOn("#passphrase").write("guardians");
        robot.clickOn("#passphraseAgain").write("guardianz");
        robot.clickOn("#cardsFile").write(pdf.toString());
        robot.clickOn("#createCards");
        assertEquals("The two passphrases differ: type the same passphrase twice.", text(robot, "#splitError"));
        assertTrue(Files.notExists(pdf));
    }
}
