package io.countersign.app.console.safe;

import static io.countersign.app.console.safe.FxSteps.awaitDialog;
import static io.countersign.app.console.safe.FxSteps.close;
import static io.countersign.app.console.safe.FxSteps.menu;
import static io.countersign.app.console.safe.FxSteps.pickSigner;
import static io.countersign.app.console.safe.FxSteps.selectRow;
import static io.countersign.app.console.safe.FxSteps.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.MainWindow;
import io.countersign.app.demo.DemoEnvironment;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.testing.TestPaths;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeState;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Rejection and owner management through the console on the demo chain: a rejection at nonce 0
 * replaces the pending vendor payment (which then can no longer execute), an owner is added and
 * the threshold raised, each typed into File › New request, signed by two demo keys and executed;
 * the Safe's owners, threshold and the vendor's balance read back from the chain.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleSafeAdminFxTest {
    static final Address VENDOR = Address.parse("0x000000000000000000000000000000000000dEaD");
    static final Address NEW_OWNER = Address.parse("0x8888888888888888888888888888888888888888");
    DemoEnvironment demo;

    @Start
    void start(Stage stage) throws Exception {
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-admin-"), Map.of());
        MainWindow.show(stage, new ConsoleSession(demo.context(), demo.signers()));
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    void saveWhenShown(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#new-save").tryQuery().map(n -> !((Button) n).isDisabled()).orElse(false));
        String shown = text(robot, "#new-safe-tx-hash");
        String onChain = Hex.encode(SafeAbi.decodeBytes32(demo.anvil().rpc().call(demo.safe(), SafeAbi.getTransactionHash(FxSteps.shownSafeTx(robot)))));
        assertEquals(onChain, shown, "the preview's safeTxHash is the Safe's own hash of the fields shown");
        robot.clickOn("#new-save");
        close(robot, awaitDialog(robot, "Request saved"));
    }

    void signTwiceAndExecute(FxRobot robot, String description) throws Exception {
        for (int key : new int[] {0, 1}) {
            selectRow(robot, description);
            robot.clickOn("#sign-button");
            pickSigner(robot, key);
            close(robot, awaitDialog(robot, "Signing done", "Signing refused"));
        }
        selectRow(robot, description);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#execute-button").queryButton().isDisabled());
        robot.clickOn("#execute-button");
        DialogPane fee = awaitDialog(robot, "Execute safeTxHash", "Executing refused");
        robot.clickOn((Node) robot.from(fee).lookup(".button").match((Button b) -> "Execute".equals(b.getText())).query());
        pickSigner(robot, 0);
        close(robot, awaitDialog(robot, "Executing done", "Executing refused"));
    }

    @Test
    void aRejectionReplacesANonceAnOwnerIsAddedAndTheThresholdRaised(FxRobot robot) throws Exception {
        var rpc = demo.anvil().rpc();
        BigInteger vendorBefore = rpc.balance(VENDOR);

        menu(robot, "File", "New request", "Rejection (replace a pending nonce)…");
        robot.clickOn("#new-nonce").write("0");
        robot.clickOn("#new-description").write("Reject the vendor payment");
        saveWhenShown(robot);
        signTwiceAndExecute(robot, "Reject the vendor payment");
        assertEquals(BigInteger.ONE, SafeState.read(rpc, demo.safe()).nonce());

        // the replaced request can no longer execute: its nonce is used
        selectRow(robot, "Pay vendor invoice #1042 (1.5 ETH)");
        robot.clickOn("#sign-button");
        pickSigner(robot, 2);
        DialogPane refused = awaitDialog(robot, "Signing refused", "Signing done");
        assertTrue(refused.getContentText().contains("below Safe"), refused.getContentText());
        close(robot, refused);
        assertEquals(vendorBefore, rpc.balance(VENDOR));

        menu(robot, "File", "New request", "Owners and threshold…");
        robot.clickOn("#new-nonce").write("1");
        robot.clickOn("#new-description").write("Add the new treasurer");
        robot.clickOn("#owners-kind-add");
        robot.clickOn("#owners-owner-text").write(NEW_OWNER.toString());
        robot.clickOn("#owners-threshold").write("2");
        saveWhenShown(robot);
        signTwiceAndExecute(robot, "Add the new treasurer");

        menu(robot, "File", "New request", "Owners and threshold…");
        robot.clickOn("#new-nonce").write("2");
        robot.clickOn("#new-description").write("Three signatures from now on");
        robot.clickOn("#owners-kind-threshold");
        robot.clickOn("#owners-threshold").write("3");
        saveWhenShown(robot);
        signTwiceAndExecute(robot, "Three signatures from now on");

        SafeState state = SafeState.read(rpc, demo.safe());
        assertTrue(state.owners().contains(NEW_OWNER), state.owners().toString());
        assertEquals(4, state.owners().size());
        assertEquals(3, state.threshold());
        assertEquals(BigInteger.valueOf(3), state.nonce());
    }
}
