package io.countersign.app.console.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.cli.Cli;
import io.countersign.app.session.ConsoleSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code countersign --data-dir D} with no command opens the console on D (through the real
 * command line, in this JVM), the data folder's settings decide what the flags leave open, and
 * the Settings dialog and the offline switch, used by clicking and typing, write the settings
 * that the next start reads.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleLaunchAndSettingsFxTest {
    @Start
    void start(Stage stage) {
        // the console opens its own window: the primary stage stays empty, and closing the console must not end JavaFX
        javafx.application.Platform.setImplicitExit(false);
    }

    /** Runs {@code countersign ARGS} on a thread of its own; it returns when the console's window is closed. */
    static CompletableFuture<Integer> run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return CompletableFuture.supplyAsync(() -> {
            int code = Cli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
            if (code != 0) {
                throw new AssertionError("exit " + code + ": " + err.toString(StandardCharsets.UTF_8));
            }
            return code;
        });
    }

    /** The status line of the console window that shows {@code dataDir}. */
    static Label statusFor(FxRobot robot, Path dataDir, CompletableFuture<Integer> exit) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            if (exit.isDone()) {
                exit.join(); // reports how the command ended instead of opening the console
            }
            return robot.lookup("#status-line").match((Label l) -> FxSteps.showing(l) && l.getText().contains(dataDir.toString()))
                    .tryQuery().isPresent();
        });
        return robot.lookup("#status-line").match((Label l) -> FxSteps.showing(l) && l.getText().contains(dataDir.toString())).query();
    }

    static void closeWindow(FxRobot robot, Label status, CompletableFuture<Integer> exit) throws Exception {
        robot.interact(() -> status.getScene().getWindow().hide());
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void dataDirWithNoCommandOpensTheConsoleOnThatFolder(FxRobot robot) throws Exception {
        Path d = Files.createTempDirectory("countersign-launch-");
        CompletableFuture<Integer> exit = run("--data-dir", d.toString(), "--dev-mode", "--offline");
        Label status = statusFor(robot, d, exit);
        assertTrue(status.getText().startsWith("AIR-GAPPED"), status.getText());
        assertTrue(Files.isDirectory(d.resolve("requests")), "the queue is the folder's own");
        closeWindow(robot, status, exit);
    }

    @Test
    void settingsDecideWhatTheFlagsLeaveOpenAndTheDialogSavesThem(FxRobot robot) throws Exception {
        Path d = Files.createTempDirectory("countersign-settings-");
        Files.writeString(d.resolve(ConsoleSettings.FILE), """
                {"version":1,"chainId":"31337","nodes":{"31337":"http://127.0.0.1:9"},"offline":true}
                """);
        CompletableFuture<Integer> exit = run("--data-dir", d.toString(), "--dev-mode");
        Label status = statusFor(robot, d, exit);
        assertTrue(status.getText().startsWith("AIR-GAPPED"), "offline from the settings: " + status.getText());

        // Settings: another node for a second chain, that chain in use, online, a default signer
        FxSteps.menu(robot, "File", "Settings…");
        robot.clickOn("#settings-nodes");
        robot.type(javafx.scene.input.KeyCode.END);
        robot.write("\n11155111 http://127.0.0.1:8545");
        robot.doubleClickOn("#settings-chain").eraseText(1).write("11155111");
        robot.clickOn("#settings-offline");
        robot.clickOn("#settings-signer").write("ledger");
        FxSteps.screenshot(robot, robot.lookup("#settings-dialog").query(), "settings-dialog");
        robot.clickOn("#settings-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#status-line")
                .match((Label l) -> FxSteps.showing(l) && l.getText().contains("online: http://127.0.0.1:8545")).tryQuery().isPresent());
        ConsoleSettings saved = ConsoleSettings.load(d);
        assertEquals(BigInteger.valueOf(11155111), saved.chainId());
        assertEquals(Map.of(BigInteger.valueOf(31337), "http://127.0.0.1:9", BigInteger.valueOf(11155111), "http://127.0.0.1:8545"), saved.nodes());
        assertFalse(saved.offline());
        assertEquals("ledger", saved.defaultSigner());

        // the offline switch, always in the status line, flips the window and the file
        robot.clickOn(robot.lookup("#offline-switch").match((CheckBox c) -> FxSteps.showing(c)).queryAs(CheckBox.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#status-line")
                .match((Label l) -> FxSteps.showing(l) && l.getText().startsWith("AIR-GAPPED")).tryQuery().isPresent());
        assertTrue(ConsoleSettings.load(d).offline());
        closeWindow(robot, robot.lookup("#status-line").match((Label l) -> FxSteps.showing(l) && l.getText().contains(d.toString())).query(), exit);
    }

    @Test
    void aDamagedSettingsFileIsAUsageErrorNamingTheFile(FxRobot robot) throws Exception {
        Path d = Files.createTempDirectory("countersign-settings-bad-");
        Files.writeString(d.resolve(ConsoleSettings.FILE), "{\"version\":1,\"nodes\":{\"1\":\"file:///etc/passwd\"}}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"--data-dir", d.toString(), "--dev-mode"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(d.resolve(ConsoleSettings.FILE).toString()) && message.contains("http:// or https://"), message);
    }
}
