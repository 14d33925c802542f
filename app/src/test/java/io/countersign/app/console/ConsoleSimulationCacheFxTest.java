package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.app.session.AppContext;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Erc20;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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
 * Selecting a request in the console simulates it once per block (docs/simulation.md, "In the
 * console"): on anvil with Safe 1.4.1 and Safe's test token, selecting a request, another, and the
 * first again at the same block leaves one SIMULATION entry for it in the (SQLite) journal; after
 * a new block, selecting it simulates again and journals a second.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleSimulationCacheFxTest {
    Anvil anvil;
    AppContext ctx;
    String payHash;
    String otherHash;

    @Start
    void start(Stage stage) throws Exception {
        anvil = TestChain.start();
        SafeDeployment d = SafeDeployment.deploy(anvil);
        List<Address> owners = anvil.accounts().subList(5, 8);
        Address safe = d.createSafe(owners, 2, BigInteger.ONE);
        Address token = d.deployToken();
        anvil.send(d.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, BigInteger.valueOf(1_000_000)));
        SafeState state = SafeState.read(anvil.rpc(), safe);
        Path dataDir = Files.createTempDirectory("countersign-simulation-cache-");
        payHash = write(dataDir, "pay.json", "Pay the vendor", state, token, 1000, 0);
        otherHash = write(dataDir, "other.json", "Pay someone else", state, token, 2000, 1);
        ctx = new AppContext(dataDir, false, anvil.url(), true, Map.of());
        MainWindow.show(stage, new ConsoleSession(ctx, List.of()));
        stage.setWidth(1280);
        stage.setHeight(860);
    }

    String write(Path dataDir, String name, String description, SafeState state, Address token, long amount, long nonceOffset) {
        var meta = new tools.jackson.databind.ObjectMapper().createObjectNode().put("description", description);
        SafeTx tx = SafeTx.of(Call.of(token, BigInteger.ZERO, Erc20.transfer(Address.parse("0x000000000000000000000000000000000000dEaD"),
                BigInteger.valueOf(amount))), state.nonce().add(BigInteger.valueOf(nonceOffset)));
        SafeRequest r = new SafeRequest(state.chainId(), state.address(), state.version(), tx, state.owners(), state.threshold(),
                List.of(), meta);
        RequestFile.write(r, dataDir.resolve("requests").resolve(name));
        return r.hashes().safeTxHashHex();
    }

    @AfterEach
    void stop() {
        anvil.close();
    }

    /** Clicks the request's row and waits until its simulation is shown. */
    void select(FxRobot robot, String description) throws Exception {
        TableCell<?, ?> row = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> description.equals(c.getText())).query();
        robot.clickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#simulation-status").tryQueryAs(Label.class)
                .map(l -> l.getText() != null && l.getText().startsWith("simulated with")).orElse(false));
    }

    long simulations(String safeTxHash) {
        return ctx.journal().since(EntryKind.SIMULATION, Instant.EPOCH).stream()
                .filter(e -> safeTxHash.equalsIgnoreCase(e.payload().path("safeTxHash").asString(""))).count();
    }

    @Test
    void reselectingAtTheSameBlockReusesTheSimulation(FxRobot robot) throws Exception {
        select(robot, "Pay the vendor");
        assertEquals(1, simulations(payHash));
        select(robot, "Pay someone else");
        assertEquals(1, simulations(otherHash));
        select(robot, "Pay the vendor");
        select(robot, "Pay someone else");
        select(robot, "Pay the vendor");
        assertEquals(1, simulations(payHash), "the same block: not simulated or journalled again");
        assertEquals(1, simulations(otherHash));

        anvil.rpc().client().call("evm_mine");
        select(robot, "Pay someone else");
        select(robot, "Pay the vendor");
        assertEquals(2, simulations(payHash), "a new block: simulated again");
        assertEquals(2, simulations(otherHash));
        var last = ctx.journal().since(EntryKind.SIMULATION, Instant.EPOCH).getLast().payload();
        assertEquals(payHash, last.path("safeTxHash").asString());
        assertEquals(new BigInteger(anvil.rpc().client().call("eth_blockNumber").asString().substring(2), 16).toString(),
                last.path("block").asString());
    }
}
