package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
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
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The queue marks requests that compete for one nonce: two different requests for the same Safe
 * and nonce are both shown {@code ⚠ 7} in red with each other named; a copy of one of them (same
 * safeTxHash) competes with the other but not with itself; the same nonce on another Safe or
 * another chain, and the next nonce of the same Safe, are not marked.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleCompetingNoncesFxTest {
    static final List<Address> OWNERS = List.of(Address.parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
            Address.parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"));
    static final Address SAFE = Address.parse("0xEf74c0473590c8418897F6748a2dD43677d1153D");
    static final Address OTHER_SAFE = Address.parse("0x16ba0b8c3ba6a9b8e1e7d1c0b1e0f4ac0e1a0a11");

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("countersign-competing-");
        Path q = dataDir.resolve("requests");
        write(q.resolve("a-vendor.json"), request(BigInteger.ONE, SAFE, 7, "0x000000000000000000000000000000000000dEaD", "Pay vendor"));
        write(q.resolve("a-vendor-copy.json"), request(BigInteger.ONE, SAFE, 7, "0x000000000000000000000000000000000000dEaD", "Pay vendor"));
        write(q.resolve("b-payroll.json"), request(BigInteger.ONE, SAFE, 7, "0x1111111111111111111111111111111111111111", "Payroll"));
        write(q.resolve("c-next.json"), request(BigInteger.ONE, SAFE, 8, "0x2222222222222222222222222222222222222222", "Next one"));
        write(q.resolve("d-other-safe.json"), request(BigInteger.ONE, OTHER_SAFE, 7, "0x3333333333333333333333333333333333333333", "Other Safe"));
        write(q.resolve("e-other-chain.json"), request(BigInteger.TEN, SAFE, 7, "0x4444444444444444444444444444444444444444", "Other chain"));
        AppContext ctx = new AppContext(dataDir, true, null, true, Map.of());
        MainWindow.show(stage, new ConsoleSession(ctx, List.of()));
        stage.setWidth(1360);
        stage.setHeight(820);
    }

    static SafeRequest request(BigInteger chainId, Address safe, long nonce, String to, String description) {
        var meta = new tools.jackson.databind.ObjectMapper().createObjectNode().put("description", description);
        return new SafeRequest(chainId, safe, SafeVersion.V1_4_1,
                SafeTx.of(Call.of(Address.parse(to), BigInteger.TEN.pow(17), new byte[0]), BigInteger.valueOf(nonce)), OWNERS, 2, List.of(), meta);
    }

    static void write(Path file, SafeRequest r) {
        RequestFile.write(r, file);
    }

    /** The nonce cell of the row whose file is {@code name}. */
    static TableCell<?, ?> nonceCell(FxRobot robot, String name) {
        @SuppressWarnings("unchecked")
        TableView<io.countersign.app.session.RequestQueue.Entry> table = robot.lookup("#queue-table").queryAs(TableView.class);
        int index = -1;
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).file().getFileName().toString().equals(name)) {
                index = i;
            }
        }
        assertTrue(index >= 0, name + " is in the queue");
        int row = index;
        return robot.lookup(".table-cell").match((TableCell<?, ?> c) -> c.getTableColumn() != null
                && "Nonce".equals(c.getTableColumn().getText()) && c.getIndex() == row && !c.isEmpty()).query();
    }

    @Test
    void requestsHoldingOneNonceOfOneSafeAreMarkedAndNameEachOther(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        for (String competing : List.of("a-vendor.json", "a-vendor-copy.json", "b-payroll.json")) {
            TableCell<?, ?> cell = nonceCell(robot, competing);
            assertEquals("⚠ 7", cell.getText(), competing);
            assertTrue(cell.getStyleClass().contains("competing-nonce"), competing + " is styled as competing");
            assertTrue(cell.getTooltip() != null && cell.getTooltip().getText().startsWith("Competes for nonce 7"), competing);
        }
        String tipA = nonceCell(robot, "a-vendor.json").getTooltip().getText();
        assertTrue(tipA.contains("b-payroll.json (Payroll)"), tipA);
        assertFalse(tipA.contains("a-vendor-copy.json"), "a copy of the same request does not compete with it: " + tipA);
        String tipB = nonceCell(robot, "b-payroll.json").getTooltip().getText();
        assertTrue(tipB.contains("a-vendor.json (Pay vendor)") && tipB.contains("a-vendor-copy.json"), tipB);

        for (String alone : List.of("c-next.json", "d-other-safe.json", "e-other-chain.json")) {
            TableCell<?, ?> cell = nonceCell(robot, alone);
            assertFalse(cell.getText().contains("⚠"), alone + ": " + cell.getText());
            assertFalse(cell.getStyleClass().contains("competing-nonce"), alone);
            assertEquals(null, cell.getTooltip(), alone);
        }

        robot.clickOn(nonceCell(robot, "b-payroll.json"));
        Label line = robot.lookup("#competing-nonce").queryAs(Label.class);
        assertTrue(line.getText().startsWith("⚠ Competes for nonce 7 of this Safe with a-vendor-copy.json (Pay vendor), a-vendor.json (Pay vendor): only one of them can execute"),
                line.getText());
        assertTrue(line.getStyleClass().contains("flagged"));

        robot.clickOn(nonceCell(robot, "c-next.json"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#competing-nonce").tryQuery().isEmpty(), "a request alone on its nonce says nothing of competition");

        robot.clickOn(nonceCell(robot, "a-vendor.json"));
        robot.moveTo(nonceCell(robot, "a-vendor.json"));
        WaitForAsyncUtils.sleep(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        ConsoleTextFitFxTest.screenshot(robot, Path.of("target", "screenshots", "competing-nonces.png"));
    }
}
