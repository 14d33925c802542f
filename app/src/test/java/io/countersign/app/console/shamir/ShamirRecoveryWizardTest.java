package io.countersign.app.console.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.app.shamir.ShamirVectorsForConsole;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The guardian ceremony wizard in a real window: shares typed word by word with four-letter
 * completion, checked as entered, then recovered, revealed and compared with the official
 * SLIP-0039 vector's secret and the address of its xprv.
 */
@ExtendWith(ApplicationExtension.class)
class ShamirRecoveryWizardTest {
    private Path dataDir;
    private AppContext ctx;
    private Parent root;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("countersign-recovery-wizard");
        ctx = new AppContext(dataDir, true, null, false, Map.of());
        root = RecoveryWizard.create(ctx);
        stage.setScene(new Scene(root, 780, 1000));
        stage.show();
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    /** Every word cut to its first four letters: the completion must restore the rest. */
    private static String fourLetters(String mnemonic) {
        return Arrays.stream(mnemonic.split(" ")).map(w -> w.substring(0, Math.min(4, w.length())))
                .collect(Collectors.joining(" ")) + " ";
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void aGuardianRecoversAVectorSecretAndSeesItsFingerprint(FxRobot robot) throws Exception {
        var v = ShamirVectorsForConsole.vector("4. ");
        var bad = ShamirVectorsForConsole.vector("2. ");
        TextArea input = robot.lookup("#shareInput").queryAs(TextArea.class);

        robot.clickOn(input).write(bad.mnemonics().getFirst()).type(KeyCode.ENTER);
        assertTrue(text(robot, "#shareError").contains("invalid checksum"), text(robot, "#shareError"));
        assertEquals("No share entered yet.", text(robot, "#progress"));
        robot.interact(input::clear);

        robot.write(fourLetters(v.mnemonics().get(0)));
        assertEquals(v.mnemonics().get(0) + " ", input.getText(), "four letters + space complete each word");
        robot.type(KeyCode.ENTER);
        assertEquals("", text(robot, "#shareError"));
        assertEquals("group 1: 1 of 2", text(robot, "#progress"));
        assertTrue(text(robot, "#remaining").contains("need 1 more share"), text(robot, "#remaining"));
        assertTrue(robot.lookup("#recover").queryButton().isDisabled());

        robot.write(fourLetters(v.mnemonics().get(1))).type(KeyCode.ENTER);
        assertEquals("group 1: 2 of 2 ✓", text(robot, "#progress"));
        assertFalse(robot.lookup("#recover").queryButton().isDisabled());

        robot.clickOn("#kindMaster");
        robot.clickOn("#passphrase").write(ShamirVectorsForConsole.PASSPHRASE);
        robot.clickOn("#recover");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !text(robot, "#fingerprint").isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        TextArea hex = robot.lookup("#secretHex").queryAs(TextArea.class);
        assertEquals("", hex.getText(), "the secret stays hidden until Reveal");
        assertFalse(hex.getParent().isVisible(), "the secret box is hidden");
        assertEquals(ShamirVectorsForConsole.addressFromXprv(v.xprv()), text(robot, "#fingerprint").toLowerCase(Locale.ROOT));
        assertTrue(text(robot, "#passphraseWarning").contains("A wrong passphrase cannot be detected"));

        robot.clickOn("#reveal");
        assertEquals(v.secretHex(), hex.getText());
        assertTrue(hex.getParent().isVisible());
        robot.interact(() -> {
            try {
                Snapshots.png(root, Path.of("/tmp/countersign-recovery-wizard.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        try (AuditJournal journal = AuditJournal.open(dataDir.resolve("journal.sqlite"))) {
            var entries = journal.latest(5).stream().filter(e -> e.kind() == EntryKind.RECOVERY_CEREMONY).toList();
            assertEquals(1, entries.size());
            assertEquals("combine", entries.getFirst().payload().get("kind").asString());
            assertFalse(entries.getFirst().payloadJson().contains(v.secretHex()));
        }
    }

    @Test
    void sharesOfAnotherBackupAreRefusedWithTheReason(FxRobot robot) throws Exception {
        var a = ShamirVectorsForConsole.vector("4. ");
        var b = ShamirVectorsForConsole.vector("23. ");
        robot.clickOn("#shareInput").write(a.mnemonics().get(0)).type(KeyCode.ENTER);
        robot.write(b.mnemonics().get(1)).type(KeyCode.ENTER);
        assertTrue(text(robot, "#shareError").startsWith("This share: belongs to a different backup"), text(robot, "#shareError"));
        assertEquals("group 1: 1 of 2", text(robot, "#progress"));
        robot.interact(() -> robot.lookup("#shareInput").queryAs(TextArea.class).clear());
        robot.write("shadow pistol acadmic");
        assertTrue(text(robot, "#completionHint").contains("\"acadmic\" is not in the SLIP-39 word list; nearest: academic"),
                text(robot, "#completionHint"));
    }
}
