package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.PolicySteps;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Erc20;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The request detail's "What it does on chain" panel, online on anvil with Safe 1.4.1 and Safe's
 * test token (official artifacts): a token transfer shows one movement out of the Safe, in token
 * units with the policy's symbol and the address book's name; a transfer of more than the Safe
 * holds shows the failure and its reason as a warning in red.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleSimulationPanelFxTest {
    Anvil anvil;
    Address vendor = Address.parse("0x000000000000000000000000000000000000dEaD");

    @Start
    void start(Stage stage) throws Exception {
        anvil = TestChain.start();
        SafeDeployment d = SafeDeployment.deploy(anvil);
        List<Address> owners = anvil.accounts().subList(5, 8);
        Address safe = d.createSafe(owners, 2, BigInteger.ONE);
        Address token = d.deployToken();
        anvil.send(d.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, BigInteger.valueOf(500_000_000_000_000L)));
        SafeState state = SafeState.read(anvil.rpc(), safe);
        Path dataDir = Files.createTempDirectory("countersign-simulation-panel-");
        write(dataDir, "pay.json", "Pay the vendor", state, token, BigInteger.valueOf(150_000_000_000_000L), 0);
        write(dataDir, "too-much.json", "More than the Safe holds", state, token, BigInteger.valueOf(900_000_000_000_000L), 1);

        AppContext ctx = new AppContext(dataDir, false, anvil.url(), false, Map.of());
        ctx.policy(PolicySteps.fromFile(ctx, """
                version: 1
                name: Simulation panel
                timeZone: UTC
                admins: {threshold: 1, addresses: ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]}
                scope: {chains: [31337], safes: ["%s"]}
                addressBook:
                  - {address: "%s", label: Vendor}
                tokens:
                  - {address: "%s", symbol: TT, decimals: 18}
                rules:
                  - {id: tt, kind: limit, asset: TT, perTransaction: "1"}
                """.formatted(safe, vendor, token), "draft.yaml"));
        MainWindow.show(stage, new ConsoleSession(ctx, List.of()));
        stage.setWidth(1280);
        stage.setHeight(860);
    }

    void write(Path dataDir, String name, String description, SafeState state, Address token, BigInteger amount, long nonceOffset) {
        var meta = new tools.jackson.databind.ObjectMapper().createObjectNode().put("description", description);
        SafeTx tx = SafeTx.of(Call.of(token, BigInteger.ZERO, Erc20.transfer(vendor, amount)),
                state.nonce().add(BigInteger.valueOf(nonceOffset)));
        RequestFile.write(new SafeRequest(state.chainId(), state.address(), state.version(), tx, state.owners(), state.threshold(),
                List.of(), meta), dataDir.resolve("requests").resolve(name));
    }

    @AfterEach
    void stop() {
        anvil.close();
    }

    Label waitFor(FxRobot robot, String containing) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup((Label l) -> l.getText() != null
                && l.getText().contains(containing)).queryAll().isEmpty());
        return robot.lookup((Label l) -> l.getText() != null && l.getText().contains(containing)).queryAs(Label.class);
    }

    void select(FxRobot robot, String description) {
        TableCell<?, ?> row = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> description.equals(c.getText())).query();
        robot.clickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void movementsOutOfTheSafeAndFailuresInRed(FxRobot robot) throws Exception {
        select(robot, "Pay the vendor");
        Label out = waitFor(robot, "↑ out");
        assertEquals("↑ out  0.00015 TT to Vendor (" + vendor + ")", out.getText());
        Label provenance = robot.lookup("#simulation-status").queryAs(Label.class);
        assertTrue(provenance.getText().startsWith("simulated with eth_simulateV1 at block "), provenance.getText());
        assertTrue(robot.lookup(".simulation-warning").queryAll().isEmpty(), "no warning for a plain transfer");
        ConsoleTextFitFxTest.screenshot(robot, Path.of("target", "screenshots", "simulation-panel-transfer.png"));

        select(robot, "More than the Safe holds");
        Label fails = waitFor(robot, "⚠ FAILS");
        assertEquals("⚠ FAILS: ERC20: transfer amount exceeds balance", fails.getText());
        assertTrue(fails.getStyleClass().contains("simulation-warning"));
        assertEquals(Color.web("#b00020"), fails.getTextFill(), "the light theme's red (theme-base.css)");
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith("↑ out")).queryAll().isEmpty(),
                "a failing transfer moves nothing");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        ConsoleTextFitFxTest.screenshot(robot, Path.of("target", "screenshots", "simulation-panel-fails.png"));
    }
}
