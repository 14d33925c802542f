package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.eth.Address;
import io.countersign.eth.Operation;
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
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The console's request detail shows all ten SafeTx fields, the non-zero refund fields in red. */
@ExtendWith(ApplicationExtension.class)
class ConsoleRefundFieldsFxTest {
    static final Address SAFE = Address.parse("0xEf74c0473590c8418897F6748a2dD43677d1153D");
    static final Address STRANGER = Address.parse("0x0000000000000000000000000000000000005555");

    SafeRequest request;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("countersign-fx-");
        SafeTx tx = new SafeTx(Address.parse("0x000000000000000000000000000000000000dEaD"), BigInteger.ONE, new byte[0],
                Operation.CALL, BigInteger.valueOf(50_000), BigInteger.ZERO, BigInteger.valueOf(1_000_000_000L), Address.ZERO,
                STRANGER, BigInteger.valueOf(3));
        request = new SafeRequest(BigInteger.ONE, SAFE, SafeVersion.V1_4_1, tx, List.of(), 0, List.of(), null);
        RequestFile.write(request, dataDir.resolve("requests").resolve("refund.json"));
        MainWindow.show(stage, new ConsoleSession(new AppContext(dataDir, true, null, true, Map.of()), List.of()));
    }

    @Test
    void everyFieldIsShownAndTheNonZeroRefundFieldsAreRed(FxRobot robot) {
        String safeTxHash = request.hashes().safeTxHashHex();
        robot.clickOn(robot.lookup(".table-cell").match((TableCell<?, ?> c) -> safeTxHash.equals(c.getText())).<TableCell<?, ?>>query());
        for (String name : List.of("to", "value", "operation", "safeTxGas", "baseGas", "gasPrice", "gasToken", "refundReceiver", "nonce")) {
            assertTrue(robot.lookup("#field-" + name).tryQuery().isPresent(), name + " is shown");
        }
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith("data (0 bytes)")).tryQuery().isPresent());
        for (String red : List.of("safeTxGas", "gasPrice", "refundReceiver")) {
            Label l = robot.lookup("#field-" + red).queryAs(Label.class);
            assertTrue(l.getStyleClass().contains("refund-field"), red + " is marked: " + l.getStyleClass());
        }
        for (String plain : List.of("to", "value", "baseGas", "gasToken", "nonce")) {
            Label l = robot.lookup("#field-" + plain).queryAs(Label.class);
            assertFalse(l.getStyleClass().contains("refund-field"), plain + " is not marked");
        }
        assertEquals("1000000000", robot.lookup("#field-gasPrice").queryAs(Label.class).getText());
        assertEquals(STRANGER.toString(), robot.lookup("#field-refundReceiver").queryAs(Label.class).getText());
    }
}
