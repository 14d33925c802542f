package io.countersign.app.console.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.MainWindow;
import io.countersign.app.console.Screens;
import io.countersign.app.demo.DemoEnvironment;
import io.countersign.app.timelock.OperationRow;
import io.countersign.eth.testing.TestPaths;
import io.countersign.timelock.OperationState;
import io.countersign.timelock.OzTimelock;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code countersign demo}'s world opened in the console: the Timelocks tab lists, on first
 * opening, the operation the demo scheduled on its TimelockController, waiting, as the chain
 * says it is (getOperationState), with its countdown.
 */
@ExtendWith(ApplicationExtension.class)
class DemoTimelockFxTest {
    DemoEnvironment demo;

    @Start
    void start(Stage stage) throws Exception {
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-demo-tl-"), Map.of());
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
    void theTimelocksTabShowsTheDemosLiveOperationOnFirstStart(FxRobot robot) throws Exception {
        robot.clickOn("Timelocks");
        Label status = robot.lookup("#timelock-status").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#timelock-table").tryQuery().isPresent()
                    && robot.lookup("#timelock-table").queryTableView().getItems().size() == 1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the demo's operation is not listed; status: " + status.getText(), e);
        }
        TableView<OperationRow> table = robot.lookup("#timelock-table").queryTableView();
        OperationRow row = table.getItems().getFirst();
        assertEquals(demo.timelock(), row.timelock().address());
        assertEquals(demo.safe(), row.timelock().safe().orElseThrow());
        // the chain is the oracle: the operation is pending (waiting) there, with the demo's delay
        OzTimelock onChain = new OzTimelock(demo.anvil().rpc(), demo.timelock());
        assertEquals(OperationState.WAITING, onChain.state(row.id()));
        assertEquals(BigInteger.valueOf(DemoEnvironment.TIMELOCK_DELAY), onChain.minDelay());
        assertEquals(onChain.timestamp(row.id()).longValueExact(), row.readyAt());
        assertEquals(1, row.calls().size());
        assertEquals(DemoEnvironment.GRANTEE, row.calls().getFirst().target());
        assertEquals(BigInteger.TWO.multiply(BigInteger.TEN.pow(18)), row.calls().getFirst().value());
        assertTrue(TimelockViewFxTest.cell(robot, "Waiting").isVisible());
        TimelockViewFxTest.text(robot, t -> t.startsWith("in 00:0"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screens.png(robot.window(0).getScene().getRoot(), "timelock-demo"));
    }
}
