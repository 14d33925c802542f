package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.demo.DemoEnvironment;
import io.countersign.eth.Address;
import io.countersign.eth.testing.TestPaths;
import io.countersign.multisig.SafeState;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
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
 * The console end to end on the demo chain (anvil, Safe 1.4.1, 2-of-3 of demo keys): select a
 * request, sign it with two demo keys through the dialogs, execute, and read the effect back
 * from the chain. The same demo key signs and then executes, so a signer must survive use.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleSignAndExecuteFxTest {
    static final Address VENDOR = Address.parse("0x000000000000000000000000000000000000dEaD");
    DemoEnvironment demo;

    @Start
    void start(Stage stage) throws Exception {
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-demo-fx-"), Map.of());
        MainWindow.show(stage, new ConsoleSession(demo.context(), demo.signers()));
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    void pickSignerAndConfirm(FxRobot robot, int index) {
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<String> box = robot.lookup(".combo-box").queryAs(ComboBox.class);
        robot.interact(() -> box.getSelectionModel().select(index));
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> "OK".equals(b.getText())).queryButton());
    }

    static boolean showing(DialogPane p) {
        return p.getScene() != null && p.getScene().getWindow() != null && p.getScene().getWindow().isShowing();
    }

    void awaitDoneDialog(FxRobot robot, String header) throws Exception {
        // Wait for the task's outcome dialog: "… done", or "… refused" with the reason (reported in the failure).
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p)
                && p.getHeaderText() != null && (p.getHeaderText().contains("done") || p.getHeaderText().contains("refused"))).tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p) && p.getHeaderText() != null
                && (p.getHeaderText().contains("done") || p.getHeaderText().contains("refused"))).query();
        assertTrue(pane.getHeaderText().startsWith(header), pane.getHeaderText() + ": " + pane.getContentText());
        robot.interact(() -> pane.getScene().getWindow().hide());
    }

    @Test
    void twoDemoKeysSignThroughTheConsoleAndTheSafeExecutes(FxRobot robot) throws Exception {
        BigInteger before = demo.anvil().rpc().balance(VENDOR);
        TableCell<?, ?> row = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> "Pay vendor invoice #1042 (1.5 ETH)".equals(c.getText())).query();
        robot.clickOn((javafx.scene.Node) row);

        robot.clickOn("#sign-button");
        pickSignerAndConfirm(robot, 0);
        awaitDoneDialog(robot, "Signing done");
        robot.clickOn("#sign-button");
        pickSignerAndConfirm(robot, 1);
        awaitDoneDialog(robot, "Signing done");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#execute-button").queryButton().isDisabled());
        robot.clickOn("#execute-button");
        // the fee and gas first, confirmed, then the executor
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#execute-fee").match((DialogPane p) -> showing(p)).tryQuery().isPresent());
        DialogPane fee = robot.lookup("#execute-fee").match((DialogPane p) -> showing(p)).query();
        assertTrue(fee.getContentText().startsWith("Gas limit "), fee.getContentText());
        robot.clickOn(robot.from(fee).lookup(".button").match((Button b) -> "Execute".equals(b.getText())).queryButton());
        pickSignerAndConfirm(robot, 0);
        awaitDoneDialog(robot, "Executing done");

        assertEquals(before.add(new BigInteger("1500000000000000000")), demo.anvil().rpc().balance(VENDOR));
        assertEquals(BigInteger.ONE, SafeState.read(demo.anvil().rpc(), demo.safe()).nonce());
    }
}
