package io.countersign.app.console.safe;

import static io.countersign.app.console.safe.FxSteps.awaitDialog;
import static io.countersign.app.console.safe.FxSteps.close;
import static io.countersign.app.console.safe.FxSteps.menu;
import static io.countersign.app.console.safe.FxSteps.pickSigner;
import static io.countersign.app.console.safe.FxSteps.screenshot;
import static io.countersign.app.console.safe.FxSteps.selectRow;
import static io.countersign.app.console.safe.FxSteps.showing;
import static io.countersign.app.console.safe.FxSteps.size;
import static io.countersign.app.console.safe.FxSteps.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.MainWindow;
import io.countersign.app.demo.DemoEnvironment;
import io.countersign.app.session.AppContext;
import io.countersign.eth.Address;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.eth.testing.TestPaths;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeTx;
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
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console does the Safe job end to end on the demo chain (anvil, Safe 1.4.1, 2 of 3 demo
 * keys), driven as officers would: officer A creates an ERC-20 transfer and a three-leg batch
 * through File › New request (typing; the preview's safeTxHash is checked against the Safe
 * contract's own getTransactionHash of the fields shown), signs both with demo key 1 and exports
 * them; officer B (another data folder) opens the exported files, signs with demo key 2 and
 * exports; officer A merges B's files (several at once, by the file dialog) and executes both;
 * the chain's balances are the oracle.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleSafeWorkflowFxTest {
    static final Address SUPPLIER = Address.parse("0x4444444444444444444444444444444444444444");
    static final Address PAYEE_1 = Address.parse("0x5555555555555555555555555555555555555555");
    static final Address PAYEE_2 = Address.parse("0x6666666666666666666666666666666666666666");
    static final Address PAYEE_3 = Address.parse("0x7777777777777777777777777777777777777777");
    static final BigInteger ETH = BigInteger.TEN.pow(18);

    DemoEnvironment demo;
    Stage stage;
    Path exchange;
    AppContext officerB;
    FxSteps.Answers answers = new FxSteps.Answers();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-officer-a-"), Map.of());
        officerB = new AppContext(Files.createTempDirectory("countersign-officer-b-"), false, demo.anvil().url(), true, Map.of());
        exchange = Files.createTempDirectory("countersign-exchange-");
        ConsoleFiles.use(answers);
        MainWindow.show(stage, new ConsoleSession(demo.context(), demo.signers()));
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop() {
        ConsoleFiles.use(ConsoleFiles.NATIVE);
        officerB.close();
        demo.close();
    }

    BigInteger tokenBalance(Address who) {
        return SafeAbi.decodeUint(demo.anvil().rpc().call(demo.token(), Erc20.balanceOf(who)));
    }

    /** The preview is current: the Save button is enabled and the safeTxHash shown. */
    void awaitPreview(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#new-save").tryQuery().map(n -> !((Button) n).isDisabled()).orElse(false)
                && robot.lookup("#new-safe-tx-hash").tryQuery().isPresent());
    }

    void awaitHashChange(FxRobot robot, String from) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#new-safe-tx-hash").tryQuery()
                .map(n -> !((javafx.scene.control.TextField) n).getText().equals(from)).orElse(false)
                && !robot.lookup("#new-save").queryButton().isDisabled());
    }

    /** The chain's own hash of the ten fields the preview shows. */
    String chainHash(FxRobot robot) {
        SafeTx shown = FxSteps.shownSafeTx(robot);
        return Hex.encode(SafeAbi.decodeBytes32(demo.anvil().rpc().call(demo.safe(), SafeAbi.getTransactionHash(shown))));
    }

    List<Path> queueFiles(AppContext ctx) throws Exception {
        try (Stream<Path> s = Files.list(ctx.requestsDir())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    void addLeg(FxRobot robot, String kind, String to, String token, String amount) throws Exception {
        robot.clickOn("#batch-add");
        awaitShown(robot, "#leg-kind-" + kind);
        robot.clickOn("#leg-kind-" + kind);
        robot.clickOn("#leg-to-text").write(to);
        if (token != null) {
            robot.clickOn("#leg-token-text").write(token);
        }
        robot.clickOn("#leg-amount").write(amount);
        robot.clickOn("#leg-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#leg-ok").match(FxSteps::showing).tryQuery().isEmpty());
    }

    /** Waits until the dialog holding {@code id} is up and focused, as an officer waits for it before clicking. */
    static void awaitShown(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(id).match((Node n) -> showing(n) && n.getScene().getWindow().isFocused())
                .tryQuery().isPresent());
    }

    @Test
    void officersCreateSignMergeAndExecuteAnErc20TransferAndABatch(FxRobot robot) throws Exception {
        int queued = queueFiles(demo.context()).size();
        BigInteger tokenBefore = tokenBalance(SUPPLIER);

        // --- officer A: an ERC-20 transfer, typed; the preview follows every keystroke
        menu(robot, "File", "New request", "ERC-20 transfer…");
        assertEquals(demo.safe().toString(), text(robot, "#new-safe"), "the Safe of the queue is offered");
        robot.clickOn("#new-nonce").write("0");
        robot.clickOn("#new-description").write("Pay supplier 0.0001 TOKEN");
        robot.clickOn("#new-token-text").write(demo.token().toString());
        robot.clickOn("#new-to-text").write(SUPPLIER.toString());
        robot.clickOn("#new-amount").write("0.0001");
        awaitPreview(robot);
        String hash = text(robot, "#new-safe-tx-hash");
        assertEquals(chainHash(robot), hash, "the preview's safeTxHash is the Safe contract's hash of the fields shown");
        assertEquals(demo.token().toString(), text(robot, "#new-field-to").split(" ")[0]);
        assertEquals("0", text(robot, "#new-field-nonce"));
        assertTrue(robot.lookup("#new-decision").queryAs(Label.class).getText().startsWith("ALLOW"));
        assertTrue(robot.lookup("#new-intent-0").queryAs(Label.class).getText().contains(SUPPLIER.toString().substring(0, 6)),
                robot.lookup("#new-intent-0").queryAs(Label.class).getText());
        robot.clickOn("#new-amount").write("5");
        awaitHashChange(robot, hash);
        assertEquals(chainHash(robot), text(robot, "#new-safe-tx-hash"), "0.00015: another transfer, another hash");
        robot.type(javafx.scene.input.KeyCode.BACK_SPACE);
        // back to 0.0001: the first hash again
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#new-safe-tx-hash").tryQuery()
                .map(n -> ((javafx.scene.control.TextField) n).getText().equals(hash)).orElse(false)
                && !robot.lookup("#new-save").queryButton().isDisabled());
        assertEquals(queued, queueFiles(demo.context()).size(), "nothing is written before Save");
        Node erc20Form = robot.lookup("#new-request-erc20").query();
        size(robot, erc20Form, 1280, 800);
        screenshot(robot, erc20Form, "new-request-erc20-1280");
        size(robot, erc20Form, 1920, 1080);
        screenshot(robot, erc20Form, "new-request-erc20-1920");
        size(robot, erc20Form, 1240, 760); // back on the 1280-px screen, where its Save button can be clicked
        robot.clickOn("#new-save");
        close(robot, awaitDialog(robot, "Request saved"));
        assertEquals(queued + 1, queueFiles(demo.context()).size());

        // --- officer A: a three-leg batch, added, edited and reordered
        menu(robot, "File", "New request", "Batch (MultiSendCallOnly)…");
        robot.clickOn("#new-nonce").write("1");
        robot.clickOn("#new-description").write("Three payments");
        addLeg(robot, "native", PAYEE_2.toString(), null, "2");
        addLeg(robot, "native", PAYEE_1.toString(), null, "1");
        addLeg(robot, "erc20", PAYEE_3.toString(), demo.token().toString(), "0.0002");
        // payee 1 first: select leg 2, move it up; then edit payee 2's amount from 2 to 0.5
        @SuppressWarnings("unchecked")
        ListView<NewRequestWindow.Leg> legs = robot.lookup("#batch-legs").queryAs(ListView.class);
        robot.interact(() -> legs.getSelectionModel().select(1));
        robot.clickOn("#batch-up");
        robot.interact(() -> legs.getSelectionModel().select(1));
        robot.clickOn("#batch-edit");
        awaitShown(robot, "#leg-amount");
        robot.doubleClickOn("#leg-amount").eraseText(1).write("0.5");
        robot.clickOn("#leg-ok");
        awaitPreview(robot);
        assertEquals(List.of(PAYEE_1.toString(), PAYEE_2.toString(), PAYEE_3.toString()), legs.getItems().stream().map(NewRequestWindow.Leg::to).toList());
        assertEquals(chainHash(robot), text(robot, "#new-safe-tx-hash"));
        assertTrue(text(robot, "#new-field-operation").startsWith("1"), "a batch is a DELEGATECALL to MultiSendCallOnly");
        Node batchForm = robot.lookup("#new-request-batch").query();
        size(robot, batchForm, 1280, 800);
        screenshot(robot, batchForm, "new-request-batch-1280");
        size(robot, batchForm, 1920, 1080);
        screenshot(robot, batchForm, "new-request-batch-1920");
        size(robot, batchForm, 1240, 760);
        robot.clickOn("#new-save");
        close(robot, awaitDialog(robot, "Request saved"));

        // --- officer A signs both with demo key 1 and exports them
        Path aErc20 = exchange.resolve("erc20-signed-by-A.json");
        Path aBatch = exchange.resolve("batch-signed-by-A.json");
        for (var request : List.of(Map.entry("Pay supplier 0.0001 TOKEN", aErc20), Map.entry("Three payments", aBatch))) {
            selectRow(robot, request.getKey());
            robot.clickOn("#sign-button");
            pickSigner(robot, 0);
            close(robot, awaitDialog(robot, "Signing done", "Signing refused"));
            answers.saves.add(request.getValue());
            robot.clickOn("#export-button");
            close(robot, awaitDialog(robot, "Request exported"));
        }

        // --- officer B, in another data folder: opens both files, signs with demo key 2, exports
        robot.interact(() -> MainWindow.show(stage, new ConsoleSession(officerB, demo.signers())));
        answers.opens.add(List.of(aErc20, aBatch));
        menu(robot, "File", "Open request files / merge signatures…");
        close(robot, awaitDialog(robot, "Signatures merged"));
        assertEquals(2, queueFiles(officerB).size());
        Path bErc20 = exchange.resolve("erc20-signed-by-B.json");
        Path bBatch = exchange.resolve("batch-signed-by-B.json");
        for (var request : List.of(Map.entry("Pay supplier 0.0001 TOKEN", bErc20), Map.entry("Three payments", bBatch))) {
            selectRow(robot, request.getKey());
            robot.clickOn("#sign-button");
            pickSigner(robot, 1);
            close(robot, awaitDialog(robot, "Signing done", "Signing refused"));
            answers.saves.add(request.getValue());
            robot.clickOn("#export-button");
            close(robot, awaitDialog(robot, "Request exported"));
        }

        // --- officer A merges B's files, both at once, and executes
        robot.interact(() -> MainWindow.show(stage, new ConsoleSession(demo.context(), demo.signers())));
        answers.opens.add(List.of(bErc20, bBatch));
        menu(robot, "File", "Open request files / merge signatures…");
        DialogPane report = awaitDialog(robot, "Signatures merged");
        screenshot(robot, stage.getScene().getRoot(), "main-window-1280");
        size(robot, stage.getScene().getRoot(), 1920, 1080);
        screenshot(robot, stage.getScene().getRoot(), "main-window-1920");
        size(robot, stage.getScene().getRoot(), 1280, 800);
        screenshot(robot, report, "merge-report");
        close(robot, report);
        for (Path f : queueFiles(demo.context())) {
            SafeRequest r = RequestFile.read(f);
            if (r.tx().nonce().signum() == 0 && r.description().startsWith("Pay supplier") || r.description().equals("Three payments")) {
                assertEquals(2, r.signatures().size(), f + " holds both officers' signatures");
            }
        }
        BigInteger eth1 = demo.anvil().rpc().balance(PAYEE_1);
        for (String description : List.of("Pay supplier 0.0001 TOKEN", "Three payments")) {
            selectRow(robot, description);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#execute-button").queryButton().isDisabled());
            robot.clickOn("#execute-button");
            DialogPane fee = awaitDialog(robot, "Execute safeTxHash", "Executing refused");
            assertTrue(fee.getContentText().startsWith("Gas limit "), fee.getContentText());
            if (description.equals("Three payments")) {
                screenshot(robot, fee, "execute-fee");
            }
            robot.clickOn((Node) robot.from(fee).lookup(".button").match((Button b) -> "Execute".equals(b.getText())).query());
            pickSigner(robot, 0);
            close(robot, awaitDialog(robot, "Executing done", "Executing refused"));
        }

        EthRpc rpc = demo.anvil().rpc();
        assertEquals(tokenBefore.add(BigInteger.TEN.pow(14)), tokenBalance(SUPPLIER));
        assertEquals(eth1.add(ETH), rpc.balance(PAYEE_1));
        assertEquals(ETH.divide(BigInteger.TWO), rpc.balance(PAYEE_2));
        assertEquals(BigInteger.TWO.multiply(BigInteger.TEN.pow(14)), tokenBalance(PAYEE_3));
        assertEquals(BigInteger.TWO, SafeState.read(rpc, demo.safe()).nonce());
    }
}
