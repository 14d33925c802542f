package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.app.session.AppContext;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.devchain.Anvil;
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
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A request description that tries to hide what follows it on an officer's screen (ANSI conceal
 * {@code ESC[8m}, clear screen {@code ESC[2J}, a carriage return that overwrites the line, a
 * right-to-left override) reaches the command line's output and the console's labels as visible
 * escapes, never raw.
 */
@ExtendWith(ApplicationExtension.class)
class ControlCharactersFxTest {
    static final String DESCRIPTION = "payroll \u001b[8m100000 USDC to attacker\u001b[0m\u001b[2J\r1 USDC to Payroll \u202egnp.exe";
    static final List<Address> OWNERS = List.of(Address.parse("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"),
            Address.parse("0x976EA74026E726554dB657fA54763abd0C3a0aa9"), Address.parse("0x14dC79964da2C08b23698B3D3cc7Ca32193d9955"));
    static final Address SAFE = Address.parse("0xEf74c0473590c8418897F6748a2dD43677d1153D");

    Path dataDir;
    Path file;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("countersign-ctl-");
        var meta = new tools.jackson.databind.ObjectMapper().createObjectNode().put("description", DESCRIPTION);
        SafeRequest request = new SafeRequest(BigInteger.ONE, SAFE, SafeVersion.V1_4_1,
                SafeTx.of(Call.of(Address.parse("0x000000000000000000000000000000000000dEaD"), BigInteger.TEN.pow(18), new byte[0]),
                        BigInteger.valueOf(7)), OWNERS, 2, List.of(), meta);
        file = dataDir.resolve("requests").resolve("r.json");
        RequestFile.write(request, file);
        AppContext ctx = new AppContext(dataDir, true, null, true, Map.of());
        MainWindow.show(stage, new ConsoleSession(ctx, List.of()));
    }

    static boolean raw(String s) {
        return s != null && (s.indexOf('\u001b') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\u202e') >= 0);
    }

    static boolean escaped(String s) {
        return s.contains("\\x1b[8m100000 USDC to attacker\\x1b[0m\\x1b[2J\\x0d1 USDC to Payroll \\u202egnp.exe");
    }

    @Test
    void theConsoleShowsTheDescriptionWithVisibleEscapes(FxRobot robot) {
        TableCell<?, ?> cell = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> c.getText() != null
                && c.getText().startsWith("payroll")).query();
        assertTrue(escaped(cell.getText()), cell.getText());
        robot.clickOn(cell);
        Label title = robot.lookup(".detail-title").queryAs(Label.class);
        assertTrue(escaped(title.getText()), title.getText());
        for (Labeled l : robot.lookup(".labeled").queryAllAs(Labeled.class)) {
            assertFalse(raw(l.getText()), "a label shows a raw control character: " + l.getText());
        }
    }

    @Test
    void theCommandLinePrintsTheDescriptionWithVisibleEscapes() {
        CliRunner cli = new CliRunner(dataDir.resolve("cli")).env("M", Anvil.MNEMONIC).global("--offline", "--dev-mode");
        CliRunner.Result r = cli.run("safe", "sign", file.toString(), "--signer", "mnemonic-env:M", "--path", "m/44'/60'/0'/0/5");
        assertEquals(0, r.code(), r.toString());
        assertTrue(escaped(r.err()), r.err());
        assertFalse(raw(r.out()) || raw(r.err()), "raw control characters reached the terminal:\n" + r);
    }
}
