package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.PolicySteps;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Call;
import io.countersign.eth.Erc20;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.TypedData;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's Sign dialog lists what the simulation shows before the device is asked: on
 * anvil with Safe 1.4.1 and Safe's test token (official artifacts), an enforced policy with a
 * token symbol and an address-book name, the officer clicks Sign and picks a signer; when the
 * signer is asked for its signature, the dialog already shows "↑ out 0.00015 TT to Vendor (…)".
 * The signer is a software key wrapped to record what the window showed at that moment (a named
 * test fixture for a device).
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleSignSimulationFxTest {
    Anvil anvil;
    Address vendor = Address.parse("0x000000000000000000000000000000000000dEaD");
    final List<String> shownWhenAsked = new CopyOnWriteArrayList<>();
    final java.util.concurrent.CountDownLatch looked = new java.util.concurrent.CountDownLatch(1);

    /** A software key that, when asked to sign typed data, first records the Sign dialog's simulation lines. */
    final class RecordingDevice implements Signer {
        final SoftwareSigner key = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/5"), "test device");

        @Override
        public Address address() {
            return key.address();
        }

        @Override
        public String label() {
            return "test device";
        }

        @Override
        public SignedTransaction signTransaction(EthTransaction tx) {
            return key.signTransaction(tx);
        }

        @Override
        public Signature signPersonalMessage(byte[] message) {
            return key.signPersonalMessage(message);
        }

        @Override
        public Signature signTypedData(TypedData typedData) {
            FutureTask<List<String>> look = new FutureTask<>(() -> Window.getWindows().stream().filter(Window::isShowing)
                    .map(w -> w.getScene().lookup("#sign-simulation")).filter(n -> n != null && n.isVisible())
                    .flatMap(n -> ((javafx.scene.Parent) n).getChildrenUnmodifiable().stream())
                    .map(n -> ((Label) n).getText() + (n.getStyleClass().contains("simulation-warning") ? " [red]" : "")).toList());
            Platform.runLater(look);
            try {
                shownWhenAsked.addAll(look.get(10, TimeUnit.SECONDS));
                // the device "waits for the holder" while the test takes its screenshot
                looked.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return key.signTypedData(typedData);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        anvil = TestChain.start();
        SafeDeployment d = SafeDeployment.deploy(anvil);
        List<Address> owners = anvil.accounts().subList(5, 8);
        Address safe = d.createSafe(owners, 2, BigInteger.ONE);
        Address token = d.deployToken();
        anvil.send(d.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, BigInteger.valueOf(500_000_000_000_000L)));
        SafeState state = SafeState.read(anvil.rpc(), safe);
        Path dataDir = Files.createTempDirectory("countersign-sign-simulation-");
        var meta = new tools.jackson.databind.ObjectMapper().createObjectNode().put("description", "Pay the vendor");
        SafeTx tx = SafeTx.of(Call.of(token, BigInteger.ZERO, Erc20.transfer(vendor, BigInteger.valueOf(150_000_000_000_000L))),
                state.nonce());
        RequestFile.write(new SafeRequest(state.chainId(), state.address(), state.version(), tx, state.owners(), state.threshold(),
                List.of(), meta), dataDir.resolve("requests").resolve("pay.json"));
        AppContext ctx = new AppContext(dataDir, false, anvil.url(), false, Map.of());
        ctx.policy(PolicySteps.fromFile(ctx, """
                version: 1
                name: Sign dialog simulation
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
        MainWindow.show(stage, new ConsoleSession(ctx, List.of(new RecordingDevice())));
        stage.setWidth(1280);
        stage.setHeight(860);
    }

    @AfterEach
    void stop() {
        anvil.close();
    }

    static boolean showing(DialogPane p) {
        return p.getScene() != null && p.getScene().getWindow() != null && p.getScene().getWindow().isShowing();
    }

    /** The Sign dialog's window (not the main window) as PNG, for a person to look at. */
    static void promptScreenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        javafx.scene.image.WritableImage image = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene().lookup("#sign-simulation") != null).findFirst().orElseThrow()
                .getScene().getRoot().snapshot(null, null)).get();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }

    @Test
    void theMovementsAreListedBeforeTheDeviceIsAsked(FxRobot robot) throws Exception {
        TableCell<?, ?> row = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> "Pay the vendor".equals(c.getText())).query();
        robot.clickOn((Node) row);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#sign-button");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<String> box = robot.lookup(".combo-box").queryAs(ComboBox.class);
        robot.interact(() -> box.getSelectionModel().select(0));
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> "OK".equals(b.getText())).queryButton());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !shownWhenAsked.isEmpty());

        assertEquals("What it does on chain", shownWhenAsked.get(0));
        assertTrue(shownWhenAsked.get(1).startsWith("simulated with eth_simulateV1 at block "), shownWhenAsked.toString());
        assertEquals("↑ out  0.00015 TT to Vendor (" + vendor + ")", shownWhenAsked.get(2));
        assertTrue(shownWhenAsked.stream().noneMatch(l -> l.endsWith("[red]")), "no warning for a plain transfer: " + shownWhenAsked);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        promptScreenshot(Path.of("target", "screenshots", "sign-dialog-simulation.png"));
        looked.countDown();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p)
                && p.getHeaderText() != null && p.getHeaderText().contains("done")).tryQuery().isPresent());
    }
}
