package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
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
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console in a real window (TestFX under Xvfb): the queue lists a request with its full
 * safeTxHash, and its detail shows the three hashes in full.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleQueueFxTest {
    static final List<Address> OWNERS = List.of(Address.parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
            Address.parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), Address.parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906"));
    static final Address SAFE = Address.parse("0xEf74c0473590c8418897F6748a2dD43677d1153D");

    Path dataDir;
    SafeRequest request;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("countersign-fx-");
        var meta = new tools.jackson.databind.ObjectMapper().createObjectNode().put("description", "Pay vendor invoice #1042");
        request = new SafeRequest(BigInteger.ONE, SAFE, SafeVersion.V1_4_1,
                SafeTx.of(Call.of(Address.parse("0x000000000000000000000000000000000000dEaD"), BigInteger.TEN.pow(18), new byte[0]),
                        BigInteger.valueOf(7)), OWNERS, 2, List.of(), meta);
        RequestFile.write(request, dataDir.resolve("requests").resolve("r.json"));
        AppContext ctx = new AppContext(dataDir, true, null, true, Map.of());
        MainWindow.show(stage, new ConsoleSession(ctx, List.of()));
    }

    @Test
    void queueShowsTheFullSafeTxHashAndTheDetailShowsAllThreeHashes(FxRobot robot) {
        String safeTxHash = request.hashes().safeTxHashHex();
        assertEquals(66, safeTxHash.length());
        TableCell<?, ?> cell = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> safeTxHash.equals(c.getText())).query();
        assertTrue(cell.isVisible());

        robot.clickOn(cell);
        TextField shown = robot.lookup("#safe-tx-hash").queryAs(TextField.class);
        assertEquals(safeTxHash, shown.getText());
        assertEquals(Hex.encode(request.hashes().domainHash()), robot.lookup("#domain-hash").queryAs(TextField.class).getText());
        assertEquals(Hex.encode(request.hashes().messageHash()), robot.lookup("#message-hash").queryAs(TextField.class).getText());
        String transfer = "send 1 ether (1000000000000000000 wei) to 0x000000000000000000000000000000000000dEaD";
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().contains(transfer)).tryQuery().isPresent(),
                "the decoded transfer is shown: " + transfer);
    }

    @Test
    void devModeShowsAPermanentRedBannerAndTheAirGapIsStated(FxRobot robot) {
        Label banner = robot.lookup("#dev-banner").queryAs(Label.class);
        assertTrue(banner.getText().startsWith("DEV MODE"));
        Label status = robot.lookup("#status-line").queryAs(Label.class);
        assertTrue(status.getText().startsWith("AIR-GAPPED"), status.getText());
        assertFalse(status.getText().contains("online"));
    }
}
