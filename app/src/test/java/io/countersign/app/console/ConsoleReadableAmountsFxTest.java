package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.PolicySteps;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.devchain.Artifacts;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.MultiSend;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeVersion;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console names what an officer must read (online, on a real anvil chain): a DELEGATECALL to
 * MultiSendCallOnly 1.4.1 at its canonical address (its official runtime code put there, the
 * chain's code compared with Safe's listed code hash), a USDC transfer in token units from the
 * policy's {@code tokens} ({@code 250,000 USDC}, not 250000000000 base units), a transfer of a
 * token the policy does not know in units read from the token itself, marked "(from chain)",
 * and the vendor by its address-book name; the raw values stay one click away.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleReadableAmountsFxTest {
    static final Address SAFE = Address.parse("0xEf74c0473590c8418897F6748a2dD43677d1153D");
    /** Any address: the policy's tokens give its symbol and decimals, no code is needed there. */
    static final Address USDC = Address.parse("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");
    static final Address VENDOR = Address.parse("0x000000000000000000000000000000000000dEaD");
    static final Address CALL_ONLY = Address.parse("0x9641d764fc13c8B624c04430C7356C1C7C8102e2");

    Anvil anvil;
    Address testToken;

    @Start
    void start(Stage stage) throws Exception {
        anvil = TestChain.start();
        Artifacts artifacts = anvil.artifacts();
        // MultiSendCallOnly 1.4.1's official runtime code at its canonical address
        String runtime = artifacts.read(Artifacts.MULTI_SEND_CALL_ONLY).get("deployedBytecode").asText();
        anvil.rpc().client().call("anvil_setCode", CALL_ONLY.toLowerHex(), runtime);
        testToken = anvil.deploy(anvil.accounts().getFirst(), artifacts.bytecode(Artifacts.ERC20_TOKEN)); // "TT", 18 decimals

        Path dataDir = Files.createTempDirectory("countersign-readable-");
        byte[] batch = MultiSend.batch(CALL_ONLY, List.of(
                new Call(USDC, BigInteger.ZERO, Erc20.transfer(VENDOR, new BigInteger("250000000000")), Operation.CALL),
                new Call(testToken, BigInteger.ZERO, Erc20.transfer(VENDOR, new BigInteger("1500000000000000000")), Operation.CALL))).data();
        var meta = new tools.jackson.databind.ObjectMapper().createObjectNode().put("description", "Vendor payout");
        SafeRequest request = new SafeRequest(Anvil.CHAIN_ID, SAFE, SafeVersion.V1_4_1,
                SafeTx.of(new Call(CALL_ONLY, BigInteger.ZERO, batch, Operation.DELEGATECALL), BigInteger.ZERO),
                List.of(), 0, List.of(), meta);
        RequestFile.write(request, dataDir.resolve("requests").resolve("payout.json"));

        AppContext ctx = new AppContext(dataDir, false, anvil.url(), false, Map.of());
        String draft = """
                version: 1
                name: Readable amounts
                timeZone: UTC
                admins:
                  threshold: 1
                  addresses: ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]
                scope:
                  chains: [31337]
                  safes: ["%s"]
                addressBook:
                  - {address: "%s", label: Vendor}
                tokens:
                  - {address: "%s", symbol: USDC, decimals: 6}
                rules:
                  - id: usdc-limits
                    kind: limit
                    asset: USDC
                    perTransaction: "1000000"
                  - id: batches
                    kind: delegatecall-allow
                    targets: ["%s"]
                """.formatted(SAFE, VENDOR, USDC, CALL_ONLY);
        ctx.policy(PolicySteps.fromFile(ctx, draft, "draft.yaml"));
        MainWindow.show(stage, new ConsoleSession(ctx, List.of()));
        stage.setWidth(1440);
        stage.setHeight(900);
    }

    @AfterEach
    void stop() {
        anvil.close();
    }

    static Label line(FxRobot robot, String containing) {
        return robot.lookup((Label l) -> l.getText() != null && l.getText().contains(containing)).queryAs(Label.class);
    }

    @Test
    void tokenUnitsSymbolsAndSafeContractNamesWithTheRawValuesOneClickAway(FxRobot robot) throws Exception {
        TableCell<?, ?> row = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> "Vendor payout".equals(c.getText())).query();
        robot.clickOn(row);
        WaitForAsyncUtils.waitForFxEvents();

        Label delegate = line(robot, "DELEGATECALL");
        assertEquals("⚠ DELEGATECALL to MultiSendCallOnly 1.4.1 (0x9641…02e2, code checked on chain) (2 inner actions)",
                delegate.getText());
        Label usdc = line(robot, "USDC");
        assertEquals("  • transfer 250,000 USDC to Vendor (0x0000…dEaD)", usdc.getText());
        Label tt = line(robot, "TT");
        assertEquals("  • transfer 1.5 TT (from chain) to Vendor (0x0000…dEaD)", tt.getText());

        // raw values: the line's tooltip, and the "Raw" section opened with a click
        assertNotNull(usdc.getTooltip());
        assertEquals("  • transfer 250000000000 base units of " + USDC + " to " + VENDOR, usdc.getTooltip().getText());
        assertEquals("⚠ DELEGATECALL to " + CALL_ONLY + " (2 inner actions)", delegate.getTooltip().getText());
        TitledPane raw = robot.lookup("#raw-pane").queryAs(TitledPane.class);
        assertTrue(!raw.isExpanded());
        robot.clickOn(raw.lookup(".title"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(raw.isExpanded());
        String rawText = robot.lookup("#raw-calls").queryAs(TextArea.class).getText();
        assertTrue(rawText.contains("transfer 250000000000 base units of " + USDC + " to " + VENDOR), rawText);
        assertTrue(rawText.contains("DELEGATECALL to " + CALL_ONLY), rawText);

        robot.moveTo(usdc);
        WaitForAsyncUtils.sleep(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        ConsoleTextFitFxTest.screenshot(robot, Path.of("target", "screenshots", "readable-amounts-1440x900.png"));
    }
}
