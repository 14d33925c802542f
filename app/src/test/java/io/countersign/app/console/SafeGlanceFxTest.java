package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.demo.DemoEnvironment;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.testing.TestPaths;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Safe tab on the demo chain: a module enabled on chain behind the console's back (the Safe
 * itself calls enableModule, impersonated on anvil) is listed and flagged red; owners,
 * threshold, nonce and version come from the chain; the queue's two requests are placed against
 * the nonce (next, later).
 */
@ExtendWith(ApplicationExtension.class)
class SafeGlanceFxTest {
    static final Address MODULE = Address.parse("0x00000000000000000000000000000000000b0d1e");
    DemoEnvironment demo;

    @Start
    void start(Stage stage) throws Exception {
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-glance-"), Map.of());
        demo.anvil().rpc().client().call("anvil_impersonateAccount", demo.safe().toLowerHex());
        // enableModule(address): selector 0x610b5925, written out by hand
        demo.anvil().send(demo.safe(), demo.safe(), BigInteger.ZERO,
                Hex.decode("0x610b5925000000000000000000000000" + MODULE.toLowerHex().substring(2), "enableModule"));
        MainWindow.show(stage, new ConsoleSession(demo.context(), demo.signers()));
        stage.setWidth(1360);
        stage.setHeight(820);
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void anUnexpectedModuleIsFlaggedAndRequestsArePlacedAgainstTheNonce(FxRobot robot) throws Exception {
        javafx.scene.control.TabPane tabs = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "Safe".equals(t.getText())).findFirst().orElseThrow()));
        robot.clickOn("#glance-read");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#glance-modules").tryQuery().isPresent());
        assertEquals("Modules: 1", robot.lookup("#glance-modules").queryAs(Label.class).getText());
        Label flag = robot.lookup(".glance-flag").queryAs(Label.class);
        assertTrue(flag.getText().startsWith("⚠ module " + MODULE + ": an enabled module can move funds without the owners' signatures"),
                flag.getText());
        assertEquals("Threshold 2 of 3 owners · nonce 0", robot.lookup("#glance-threshold").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#glance-version").queryAs(Label.class).getText().contains("version 1.4.1"));
        // the Safe paid the gas of its own enableModule call: the chain says how much is left
        BigInteger wei = demo.anvil().rpc().balance(demo.safe());
        assertTrue(robot.lookup("#glance-balance").queryAs(Label.class).getText().endsWith(" native (" + wei + " wei)"),
                robot.lookup("#glance-balance").queryAs(Label.class).getText());
        List<String> pending = robot.lookup(".glance-pending").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertEquals(2, pending.size(), pending.toString());
        assertTrue(pending.get(0).startsWith("  next · nonce 0 · Pay vendor invoice #1042"), pending.toString());
        assertTrue(pending.get(1).startsWith("  later · nonce 1 · Monthly payroll batch"), pending.toString());
        ConsoleTextFitFxTest.screenshot(robot, Path.of("target", "screenshots", "safe-glance.png"));
    }
}
