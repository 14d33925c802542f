package io.countersign.app.console.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.MainWindow;
import io.countersign.app.console.Screens;
import io.countersign.app.demo.DemoEnvironment;
import io.countersign.app.session.RequestQueue;
import io.countersign.app.timelock.OperationRow;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.devchain.Artifacts;
import io.countersign.eth.testing.TestPaths;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * The Timelocks tab schedules and cancels through the Safe, driven by clicks and typing on the
 * demo chain: Schedule… writes a Safe request calling the timelock's {@code schedule}
 * (Compound: {@code queueTransaction}); Cancel… on a pending operation one calling
 * {@code cancel} ({@code cancelTransaction}). Each request lands in the queue, two demo keys sign
 * it, it is executed, and the timelock itself says what happened: {@code hashOperation},
 * {@code isOperationPending} and {@code getTimestamp} (Compound: {@code queuedTransactions} of
 * the transaction's hash, computed here with web3j's ABI encoder) read on anvil.
 */
@ExtendWith(ApplicationExtension.class)
class TimelockStepFxTest {
    static final String MNEMONIC_VAR = "DEMO_MNEMONIC";
    static final long COMPOUND_DELAY = 172_800;
    static final Address PAYEE = Address.parse("0x5555555555555555555555555555555555555555");
    static final BigInteger ETH = BigInteger.TEN.pow(18);

    DemoEnvironment demo;
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("countersign-timelock-step-");
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), dir.resolve("data"), Map.of());
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

    @Test
    void scheduleFromTheTabWritesARequestThatSchedulesOnChainOnceExecuted(FxRobot robot) throws Exception {
        OperationRow demoOp = openTab(robot, 1);
        robot.clickOn("#timelock-schedule");
        waitFor(robot, "#timelock-schedule-window");
        robot.clickOn("#tl-target").write(PAYEE.toString());
        robot.clickOn("#tl-value").write("1.5");
        // a delay below the timelock's getMinDelay() (300 s) is refused before anything is written
        robot.clickOn("#tl-delay").write("299");
        Label error = robot.lookup("#tl-error").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !error.getText().isEmpty());
        assertTrue(error.getText().contains("delay"), error.getText());
        assertTrue(robot.lookup("#tl-save").queryButton().isDisabled());
        robot.clickOn("#tl-delay").eraseText(3).write("600");
        robot.clickOn("#tl-description").write("Grant to 0x5555 (1.5 ETH)");
        // the demo's queue holds nonces 0 and 1 unexecuted: this request competes for nonce 0
        robot.clickOn("#tl-nonce").write("0");
        Button save = robot.lookup("#tl-save").queryButton();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !save.isDisabled());
        String shownHash = robot.lookup("#new-safe-tx-hash").queryAs(TextField.class).getText();
        assertFalse(robot.lookup("#new-decision").queryAs(Label.class).getText().isEmpty(), "the policy's verdict is shown");
        assertTrue(robot.lookup("#tl-facts").queryAs(Label.class).getText().contains("getMinDelay() 300 s"),
                robot.lookup("#tl-facts").queryAs(Label.class).getText());
        robot.interact(() -> Screens.png(window(robot, "#timelock-schedule-window").getScene().getRoot(), "timelock-schedule"));
        robot.clickOn(save);

        Path file = written(robot, "timelock-schedule-");
        SafeRequest request = RequestFile.read(file);
        assertEquals(shownHash, request.hashes().safeTxHashHex(), "the request written is the one previewed");
        assertEquals(demo.timelock(), request.tx().to());
        assertEquals(BigInteger.ZERO, request.tx().value());
        assertTrue(RequestQueue.load(demo.context().requestsDir()).stream().anyMatch(e -> e.file().equals(file) && e.ok()),
                "the request is in the queue");
        Label status = robot.lookup("#timelock-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status.getText().contains(request.hashes().safeTxHashHex()));

        byte[] salt = Hex.decode(request.meta().get("timelock").get("salt").asString(), "salt");
        byte[] id = call(demo.timelock(), "hashOperation", List.of(w3(PAYEE), new Uint256(ETH.multiply(BigInteger.valueOf(3)).divide(BigInteger.TWO)),
                new DynamicBytes(new byte[0]), new Bytes32(new byte[32]), new Bytes32(salt)));
        assertFalse(bool(call(demo.timelock(), "isOperationPending", List.of(new Bytes32(id)))), "nothing scheduled before the Safe executes");
        coSignAndExecute(file);
        assertTrue(bool(call(demo.timelock(), "isOperationPending", List.of(new Bytes32(id)))), "scheduled by the Safe's transaction");
        long block = demo.anvil().rpc().latestTimestamp().longValueExact();
        assertEquals(BigInteger.valueOf(block + 600), new BigInteger(1, call(demo.timelock(), "getTimestamp", List.of(new Bytes32(id)))),
                "ready 600 s (the delay typed) after the block that scheduled it");
        // the demo's own operation is untouched
        assertTrue(bool(call(demo.timelock(), "isOperationPending", List.of(new Bytes32(demoOp.id().bytes())))));
        robot.clickOn("#timelock-refresh");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
        assertTrue(table(robot).getItems().stream().anyMatch(r -> Arrays.equals(r.id().bytes(), id)));
    }

    @Test
    void cancelFromTheTabWritesARequestThatCancelsOnChainOnceExecuted(FxRobot robot) throws Exception {
        OperationRow demoOp = openTab(robot, 1);
        byte[] id = demoOp.id().bytes();
        assertTrue(bool(call(demo.timelock(), "isOperationPending", List.of(new Bytes32(id)))));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".cancel-operation")
                .match((Button b) -> !b.isDisabled() && b.getScene() != null).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".cancel-operation").match((Button b) -> !b.isDisabled() && b.getScene() != null).queryButton());
        waitFor(robot, "#timelock-cancel-window");
        assertTrue(robot.lookup("#tl-operation").queryAs(Label.class).getText().contains(demoOp.id().toString()));
        robot.clickOn("#tl-nonce").write("0");
        Button save = robot.lookup("#tl-save").queryButton();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !save.isDisabled());
        String shownHash = robot.lookup("#new-safe-tx-hash").queryAs(TextField.class).getText();
        robot.interact(() -> Screens.png(window(robot, "#timelock-cancel-window").getScene().getRoot(), "timelock-cancel"));
        robot.clickOn(save);

        Path file = written(robot, "timelock-cancel-");
        SafeRequest request = RequestFile.read(file);
        assertEquals(shownHash, request.hashes().safeTxHashHex());
        assertEquals(demo.timelock(), request.tx().to());
        // cancel(bytes32): the selector and the id, nothing else
        assertEquals(Hex.encode(Hex.decode(FunctionEncoder.encode(new Function("cancel", List.of(new Bytes32(id)), List.of())), "cancel")),
                Hex.encode(request.tx().data()));
        coSignAndExecute(file);
        assertFalse(bool(call(demo.timelock(), "isOperationPending", List.of(new Bytes32(id)))), "cancelled on chain");
        assertEquals(BigInteger.ZERO, new BigInteger(1, call(demo.timelock(), "getTimestamp", List.of(new Bytes32(id)))));
        robot.clickOn("#timelock-refresh");
        assertTrue(TimelockViewFxTest.cell(robot, "Cancelled").isVisible());
        robot.interact(() -> Screens.png(robot.window(0).getScene().getRoot(), "timelock-cancelled"));
    }

    @Test
    void aCompoundTimelockQueuesAndCancelsFromTheTab(FxRobot robot) throws Exception {
        Address compound = deployCompound(demo.safe(), COMPOUND_DELAY);
        openTab(robot, 1);
        robot.clickOn("#timelock-address").write(compound.toString());
        robot.clickOn("#timelock-flavor");
        robot.clickOn("Compound");
        robot.clickOn("#timelock-label").write("Compound 2-day timelock");
        robot.clickOn("#timelock-watch");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".label").match((Label l) -> "(2 watched)".equals(l.getText()))
                .tryQuery().isPresent());
        robot.clickOn("#timelock-schedule");
        waitFor(robot, "#timelock-schedule-window");
        robot.clickOn("#tl-timelock");
        robot.clickOn("Compound 2-day timelock (Compound)");
        long eta = demo.anvil().rpc().latestTimestamp().longValueExact() + COMPOUND_DELAY + 3_600;
        robot.clickOn("#tl-target").write(PAYEE.toString());
        robot.clickOn("#tl-value").write("0.25");
        robot.clickOn("#tl-eta").write(Long.toString(eta));
        robot.clickOn("#tl-nonce").write("0");
        Button save = robot.lookup("#tl-save").queryButton();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !save.isDisabled());
        robot.interact(() -> Screens.png(window(robot, "#timelock-schedule-window").getScene().getRoot(), "timelock-queue-compound"));
        robot.clickOn(save);
        Path file = written(robot, "timelock-queue-");
        assertEquals(compound, RequestFile.read(file).tx().to());

        // keccak256(abi.encode(target, value, signature, data, eta)), as Compound's Timelock hashes it
        BigInteger value = ETH.divide(BigInteger.valueOf(4));
        byte[] txHash = Hash.sha3(Hex.decode("0x" + FunctionEncoder.encodeConstructor(List.of(w3(PAYEE), new Uint256(value),
                new Utf8String(""), new DynamicBytes(new byte[0]), new Uint256(BigInteger.valueOf(eta)))), "abi.encode"));
        assertFalse(bool(call(compound, "queuedTransactions", List.of(new Bytes32(txHash)))));
        coSignAndExecute(file);
        assertTrue(bool(call(compound, "queuedTransactions", List.of(new Bytes32(txHash)))), "queued by the Safe's transaction");

        robot.clickOn("#timelock-refresh");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
        OperationRow queued = table(robot).getItems().stream().filter(r -> Arrays.equals(r.id().bytes(), txHash)).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cancelButtons(robot).size() == 2);
        int index = table(robot).getItems().indexOf(queued);
        // the table may re-lay out its cells between the lookup and the click under load: look up again then
        for (int attempt = 0;; attempt++) {
            try {
                WaitForAsyncUtils.waitForFxEvents();
                robot.clickOn(cancelButtons(robot).stream().filter(b -> b.getParent().getParent() instanceof javafx.scene.control.TableCell<?, ?> c
                        && c.getIndex() == index).findFirst().orElseThrow());
                break;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
        waitFor(robot, "#timelock-cancel-window");
        assertTrue(robot.lookup("#tl-operation").queryAs(Label.class).getText().contains(queued.id().toString()));
        robot.clickOn("#tl-nonce").write("1");
        Button cancelSave = robot.lookup("#tl-save").queryButton();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !cancelSave.isDisabled());
        robot.clickOn(cancelSave);
        Path cancel = written(robot, "timelock-cancel-");
        coSignAndExecute(cancel);
        assertFalse(bool(call(compound, "queuedTransactions", List.of(new Bytes32(txHash)))), "cancelled on chain");
    }

    // ---------------------------------------------------------------- helpers

    /** Opens the Timelocks tab and waits until it lists {@code rows} operations; returns the first. */
    static OperationRow openTab(FxRobot robot, int rows) throws Exception {
        robot.clickOn("Timelocks");
        Label status = robot.lookup("#timelock-status").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table(robot).getItems().size() == rows);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the timelock table did not list " + rows + "; status: " + status.getText(), e);
        }
        return table(robot).getItems().getFirst();
    }

    static TableView<OperationRow> table(FxRobot robot) {
        return robot.lookup("#timelock-table").queryTableView();
    }

    static List<Button> cancelButtons(FxRobot robot) {
        return robot.lookup(".cancel-operation").match((Button b) -> !b.isDisabled() && b.getScene() != null).queryAllAs(Button.class)
                .stream().toList();
    }

    static void waitFor(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().isPresent());
    }

    static Window window(FxRobot robot, String rootId) {
        Node root = robot.lookup(rootId).query();
        return root.getScene().getWindow();
    }

    /** The one new request file in the queue whose name starts with {@code prefix}, waiting up to 30 s for it. */
    Path written(FxRobot robot, String prefix) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> files(prefix).size() == 1);
        return files(prefix).getFirst();
    }

    List<Path> files(String prefix) throws java.io.IOException {
        try (Stream<Path> files = Files.list(demo.context().requestsDir())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    /** Demo keys 1 and 2 sign copies of the request, the copies are merged, and key 1 executes it. */
    void coSignAndExecute(Path request) {
        CliRunner cli = new CliRunner(demo.context().dataDir()).env(MNEMONIC_VAR, Anvil.MNEMONIC)
                .global("--rpc", demo.anvil().url(), "--dev-mode", "--json");
        Path a = dir.resolve("a-" + request.getFileName());
        Path b = dir.resolve("b-" + request.getFileName());
        Path merged = dir.resolve("merged-" + request.getFileName());
        try {
            Files.copy(request, a);
            Files.copy(request, b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ok(cli.run("safe", "sign", a.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", "m/44'/60'/0'/0/1"));
        ok(cli.run("safe", "sign", b.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", "m/44'/60'/0'/0/2"));
        ok(cli.run("safe", "merge", a.toString(), b.toString(), "--out", merged.toString()));
        CliRunner.Result exec = cli.run("safe", "exec", merged.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path",
                "m/44'/60'/0'/0/1");
        ok(exec);
        assertTrue(exec.json().get("success").asBoolean(), exec.toString());
    }

    static void ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
    }

    Address deployCompound(Address admin, long delay) {
        byte[] code = demo.anvil().artifacts().bytecode(Artifacts.COMPOUND_TIMELOCK);
        byte[] args = Hex.decode("0x" + FunctionEncoder.encodeConstructor(List.of(w3(admin), new Uint256(delay))), "args");
        byte[] creation = Arrays.copyOf(code, code.length + args.length);
        System.arraycopy(args, 0, creation, code.length, args.length);
        return demo.anvil().deploy(demo.contracts().deployer(), creation);
    }

    byte[] call(Address to, String name, List<Type> args) {
        return demo.anvil().rpc().call(to, Hex.decode(FunctionEncoder.encode(new Function(name, args, List.of())), name));
    }

    static boolean bool(byte[] word) {
        return new BigInteger(1, word).signum() != 0;
    }

    static org.web3j.abi.datatypes.Address w3(Address a) {
        return new org.web3j.abi.datatypes.Address(a.toLowerHex());
    }
}
