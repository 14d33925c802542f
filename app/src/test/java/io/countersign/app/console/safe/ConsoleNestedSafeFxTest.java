package io.countersign.app.console.safe;

import static io.countersign.app.console.safe.FxSteps.awaitDialog;
import static io.countersign.app.console.safe.FxSteps.close;
import static io.countersign.app.console.safe.FxSteps.menu;
import static io.countersign.app.console.safe.FxSteps.pickSigner;
import static io.countersign.app.console.safe.FxSteps.screenshot;
import static io.countersign.app.console.safe.FxSteps.selectRow;
import static io.countersign.app.console.safe.FxSteps.showing;
import static io.countersign.app.console.safe.FxSteps.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.MainWindow;
import io.countersign.app.demo.DemoEnvironment;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.testing.TestPaths;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * A nested Safe through the console, on the demo chain: the child Safe is owned by demo key 1
 * and by the demo Safe (the parent, 2 of 3 demo keys), threshold 2. The officer types a transfer
 * on the child, signs it with demo key 1 (1 of 2), approves it via the parent Safe (the request's
 * "Approve via parent Safe…": the parent's approveHash request goes into the queue), signs the
 * parent's request with two demo keys and executes it; the child then executes with the parent's
 * approved-hash signature. The chain is the oracle: approvedHashes(parent, safeTxHash), the
 * payee's balance and the child's nonce.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleNestedSafeFxTest {
    static final Address PAYEE = Address.parse("0x9999999999999999999999999999999999999999");
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    DemoEnvironment demo;
    Address child;

    @Start
    void start(Stage stage) throws Exception {
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-nested-"), Map.of());
        child = demo.contracts().createSafe(List.of(demo.signers().get(0).address(), demo.safe()), 2, BigInteger.valueOf(77));
        demo.anvil().send(demo.contracts().deployer(), child, ETH.multiply(BigInteger.TEN), new byte[0]);
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

    void sign(FxRobot robot, String description, int key) throws Exception {
        selectRow(robot, description);
        robot.clickOn("#sign-button");
        pickSigner(robot, key);
        close(robot, awaitDialog(robot, "Signing done", "Signing refused"));
    }

    void execute(FxRobot robot, String description) throws Exception {
        selectRow(robot, description);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#execute-button").queryButton().isDisabled());
        robot.clickOn("#execute-button");
        DialogPane fee = awaitDialog(robot, "Execute safeTxHash", "Executing refused");
        robot.clickOn((Node) robot.from(fee).lookup(".button").match((Button b) -> "Execute".equals(b.getText())).query());
        pickSigner(robot, 0);
        close(robot, awaitDialog(robot, "Executing done", "Executing refused"));
    }

    SafeRequest queued(String description) throws Exception {
        try (Stream<Path> s = Files.list(demo.context().requestsDir())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                SafeRequest r = RequestFile.read(p);
                if (r.description().equals(description)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no queued request " + description);
    }

    @Test
    void aParentSafeApprovesAChildRequestAndTheChildExecutes(FxRobot robot) throws Exception {
        var rpc = demo.anvil().rpc();
        BigInteger payeeBefore = rpc.balance(PAYEE);

        // the child's request, typed on the child Safe and signed by its one key owner
        menu(robot, "File", "New request", "Native transfer…");
        robot.clickOn("#new-safe").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write(child.toString());
        robot.clickOn("#new-nonce").write("0");
        robot.clickOn("#new-description").write("Child pays 2 ETH");
        robot.clickOn("#new-to-text").write(PAYEE.toString());
        robot.clickOn("#new-amount").write("2");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#new-save").tryQuery().map(n -> !((Button) n).isDisabled()).orElse(false)
                && robot.lookup("#new-safe-tx-hash").tryQuery().isPresent());
        assertEquals(child.toString(), text(robot, "#new-safe"));
        robot.clickOn("#new-save");
        close(robot, awaitDialog(robot, "Request saved"));
        sign(robot, "Child pays 2 ETH", 0);
        SafeRequest childRequest = queued("Child pays 2 ETH");
        assertEquals(1, childRequest.signatures().size());
        selectRow(robot, "Child pays 2 ETH");
        assertTrue(robot.lookup("#execute-button").queryButton().isDisabled(), "1 of 2 and no parent approval queued: not executable");

        // approve via the parent Safe: its approveHash request goes into the queue
        robot.clickOn("#approve-via-button");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#approve-parent").match((Node n) -> showing(n)
                && n.getScene().getWindow().isFocused()).tryQuery().isPresent());
        robot.clickOn("#approve-parent").write(demo.safe().toString());
        robot.clickOn("#approve-nonce").write("0");
        robot.clickOn("#approve-description").write("Parent approves the child payment");
        screenshot(robot, robot.lookup("#approve-via-parent").query(), "approve-via-parent");
        robot.clickOn("#approve-write");
        close(robot, awaitDialog(robot, "Parent request saved", "Approval refused"));
        SafeRequest parentRequest = queued("Parent approves the child payment");
        assertEquals(demo.safe(), parentRequest.safe());
        assertEquals(child, parentRequest.tx().to());
        assertEquals(Hex.encode(SafeAbi.approveHash(childRequest.hashes().safeTxHash())), Hex.encode(parentRequest.tx().data()));

        // the parent's request: two of the demo keys, executed
        sign(robot, "Parent approves the child payment", 0);
        sign(robot, "Parent approves the child payment", 1);
        execute(robot, "Parent approves the child payment");
        byte[] approved = rpc.call(child, SafeAbi.approvedHashes(demo.safe(), childRequest.hashes().safeTxHash()));
        assertFalse(new BigInteger(1, approved).signum() == 0, "the chain holds the parent's approval of the child's safeTxHash");

        // the child executes with 1 signature in its file and the parent's approved hash
        execute(robot, "Child pays 2 ETH");
        assertEquals(payeeBefore.add(ETH.multiply(BigInteger.TWO)), rpc.balance(PAYEE));
        assertEquals(BigInteger.ONE, SafeState.read(rpc, child).nonce());
        assertEquals(ETH.multiply(BigInteger.valueOf(8)), rpc.balance(child));
    }
}
