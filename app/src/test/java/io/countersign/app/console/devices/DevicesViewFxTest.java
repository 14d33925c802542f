package io.countersign.app.console.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.Screens;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.DeviceInventory;
import io.countersign.app.session.SignerFactory;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestPaths;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DeviceInfo;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.ledger.EmulatedSpeculos;
import io.countersign.hw.transport.UsbDiscovery;
import io.countersign.hw.trezor.EmulatedTrezor;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.MnemonicUtils;

/**
 * The Devices tab, driven by clicks, over a {@link DeviceInventory} whose source is a "USB port"
 * the test plugs the software-emulated devices into and pulls them out of: the
 * {@link EmulatedSpeculos} Ledger (Speculos APDU socket) and the {@link EmulatedTrezor} (protocol v1
 * over UDP), each reached through the real {@code speculos:} / {@code trezor-emu:} transports. The
 * list follows a device appearing and disappearing, shows what the device itself reports, and
 * "Show address on device" returns the address web3j derives from the fixtures' phrase (BIP-39 seed,
 * BIP-32 path) independently of Countersign. A Ledger the OS refuses to open shows the packaged udev
 * rules (compared with packaging/linux/udev/ in the source tree) and their install command.
 * Saves target/screenshots/devices*.png.
 */
@ExtendWith(ApplicationExtension.class)
class DevicesViewFxTest {
    @TempDir
    Path dir;
    /** The emulated "USB port": what the inventory's source lists. */
    final List<DeviceInfo> plugged = new CopyOnWriteArrayList<>();
    /** Devices whose opening the OS refuses (see {@link #denied}). */
    final List<String> refused = new CopyOnWriteArrayList<>();
    /** A "USB" device id whose exchanges go to an emulator's signer URI. */
    final Map<String, String> wiredTo = new java.util.concurrent.ConcurrentHashMap<>();
    final List<AutoCloseable> toClose = new ArrayList<>();
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** Opens the window: a Requests placeholder tab, then the Devices tab over the emulated port. */
    void openWindow() {
        AppContext ctx = new AppContext(dir, true, null, false, true, Map.of());
        DeviceInventory.Source port = new DeviceInventory.Source() {
            @Override
            public UsbDiscovery.Result scan() {
                return new UsbDiscovery.Result(List.copyOf(plugged), List.of());
            }

            @Override
            public Signer open(DeviceInfo device, Bip32Path path, DevicePrompts prompts, SignerFactory factory) {
                if (refused.contains(device.id())) {
                    throw denied(device);
                }
                String wired = wiredTo.get(device.id());
                return wired != null ? factory.open(wired, path, prompts, null) : DeviceInventory.Source.super.open(device, path, prompts, factory);
            }
        };
        WaitForAsyncUtils.asyncFx(() -> {
            TabPane tabs = new TabPane(new Tab("Requests", new Label("queue")),
                    DevicesView.tab(() -> {
                        DeviceInventory inventory = new DeviceInventory(ctx, port);
                        toClose.add(inventory);
                        return inventory;
                    }));
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            stage.setScene(new Scene(tabs, 1280, 800));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * What hid4java/hidapi gives when no udev rule lets this user open the hidraw node, as
     * HidPacketIo turns it into an exception: the OS refusal, not a device answer.
     */
    static DeviceException.NoPermission denied(DeviceInfo device) {
        return new DeviceException.NoPermission("cannot open " + device.model() + " at /dev/hidraw3: Permission denied: "
                + UsbDiscovery.permissionHint(), null);
    }

    EmulatedSpeculos plugLedger() {
        EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, Bip32Path.ETHEREUM_FIRST);
        toClose.add(ledger);
        plugged.add(new DeviceInfo(DeviceInfo.Vendor.LEDGER, "Nano S Plus (Speculos)", DeviceInfo.TransportKind.SPECULOS_TCP,
                "127.0.0.1:" + ledger.port(), null, DeviceInfo.State.UNKNOWN));
        return ledger;
    }

    @SuppressWarnings("unchecked")
    TableView<DeviceInventory.Row> table(FxRobot robot) {
        return robot.lookup("#devices-table").queryAs(TableView.class);
    }

    void waitForRows(FxRobot robot, int n) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#devices-table").tryQuery().isPresent()
                && table(robot).getItems().size() == n && table(robot).getItems().stream().noneMatch(r -> r.status() == DeviceInventory.Status.ASKING));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text a column shows for row {@code i}. */
    String cell(FxRobot robot, int i, String column) {
        TableView<DeviceInventory.Row> t = table(robot);
        var col = t.getColumns().stream().filter(c -> c.getText().equals(column)).findFirst().orElseThrow();
        return String.valueOf(col.getCellData(i));
    }

    /** The address web3j derives from the phrase at m/44'/60'/0'/0/index (BIP-39 seed, BIP-32), checksummed. */
    static String web3jAddress(int index) {
        int h = 0x80000000;
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(Anvil.MNEMONIC, ""));
        Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | h, 60 | h, h, 0, index});
        return Keys.toChecksumAddress(Keys.getAddress(child.getPublicKey()));
    }

    void clickRow(FxRobot robot, String uri) {
        Node cell = robot.lookup(".table-cell").match((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && uri.equals(c.getText())).query();
        robot.clickOn(cell);
    }

    String showAddress(FxRobot robot, String uri, String path) throws Exception {
        clickRow(robot, uri);
        robot.doubleClickOn("#devices-path").eraseText(40).write(path);
        robot.clickOn("#devices-show-address");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#devices-address").queryAs(TextField.class).isVisible()
                || robot.lookup("#devices-address-result").queryAs(Label.class).getText().startsWith("The address was not shown"));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#devices-address").queryAs(TextField.class).getText();
    }

    @Test
    void theListFollowsEmulatedDevicesAppearingAndDisappearingAndShowsTheirAddresses(FxRobot robot) throws Exception {
        openWindow();
        robot.clickOn("Devices");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#devices-table").tryQuery().isPresent());
        assertEquals(0, table(robot).getItems().size());

        EmulatedSpeculos ledger = plugLedger();
        waitForRows(robot, 1);
        String ledgerUri = "speculos:127.0.0.1:" + ledger.port();
        assertEquals("Ledger Nano S Plus (Speculos)", cell(robot, 0, "Device"));
        // the emulated app answers GET APP CONFIGURATION with flags 0x01 (blind signing on), version 1.13.0
        assertEquals("1.13.0", cell(robot, 0, "Version"));
        assertEquals("enabled", cell(robot, 0, "Blind signing"));
        assertEquals("apdu", cell(robot, 0, "Protocol"));
        assertEquals("ready", cell(robot, 0, "Status"));
        assertEquals(ledgerUri, cell(robot, 0, "Signer"));
        assertTrue(ledger.apdus().stream().anyMatch(a -> a.startsWith("e006")), "the device itself was asked: " + ledger.apdus());

        EmulatedTrezor trezor = new EmulatedTrezor(Anvil.MNEMONIC, "Safe 3");
        toClose.add(trezor);
        String trezorUri = trezor.startUdp();
        plugged.add(new DeviceInfo(DeviceInfo.Vendor.TREZOR, "Trezor (emulator)", DeviceInfo.TransportKind.TREZOR_EMULATOR_UDP,
                trezorUri.substring("trezor-emu:".length()), null, DeviceInfo.State.UNKNOWN));
        waitForRows(robot, 2);
        assertEquals("Trezor Safe 3", cell(robot, 1, "Device"));
        assertEquals("2.8.0", cell(robot, 1, "Version"));
        assertEquals("—", cell(robot, 1, "Blind signing"));
        assertEquals("v1", cell(robot, 1, "Protocol"));
        assertEquals("ready", cell(robot, 1, "Status"));

        // the Trezor derives the account at the path typed; web3j derives the same from the phrase
        assertEquals(web3jAddress(7), showAddress(robot, trezorUri, "m/44'/60'/0'/0/7"));
        var get = trezor.last(io.countersign.hw.trezor.proto.TrezorEthereum.EthereumGetAddress.class);
        assertTrue(get.getShowDisplay(), "the address was put on the device's screen");
        assertTrue(robot.lookup("#devices-address-result").queryAs(Label.class).getText().contains("m/44'/60'/0'/0/7"));
        WaitForAsyncUtils.asyncFx(() -> Screens.png(stage.getScene().getRoot(), "devices")).get();

        // the emulated Ledger holds the account at m/44'/60'/0'/0/0
        assertEquals(web3jAddress(0), showAddress(robot, ledgerUri, "m/44'/60'/0'/0/0"));
        assertTrue(ledger.apdus().stream().anyMatch(a -> a.startsWith("e0020100")), "GET ADDRESS with display: " + ledger.apdus());

        // the Ledger is pulled out: its row goes, the Trezor's stays
        plugged.removeIf(d -> d.uri().equals(ledgerUri));
        ledger.close();
        waitForRows(robot, 1);
        assertEquals(trezorUri, cell(robot, 0, "Signer"));
        // plugged in again, it is asked again and listed
        EmulatedSpeculos again = plugLedger();
        waitForRows(robot, 2);
        assertEquals("speculos:127.0.0.1:" + again.port(), cell(robot, 1, "Signer"));
        assertEquals("ready", cell(robot, 1, "Status"));
    }

    @Test
    void aLockedLedgerSaysSoAndIsAskedAgainOnceUnlocked(FxRobot robot) throws Exception {
        openWindow();
        robot.clickOn("Devices");
        EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, Bip32Path.ETHEREUM_FIRST);
        toClose.add(ledger);
        ledger.answerNextWith(0x5515);
        plugged.add(new DeviceInfo(DeviceInfo.Vendor.LEDGER, "Nano X (Speculos)", DeviceInfo.TransportKind.SPECULOS_TCP,
                "127.0.0.1:" + ledger.port(), null, DeviceInfo.State.UNKNOWN));
        waitForRows(robot, 1);
        assertEquals("locked", cell(robot, 0, "Status"));
        assertEquals("—", cell(robot, 0, "Version"));
        clickRow(robot, ledger.uri());
        assertTrue(robot.lookup("#devices-message").queryAs(Label.class).getText().contains("unlock it with its PIN"),
                robot.lookup("#devices-message").queryAs(Label.class).getText());
        robot.clickOn("#devices-ask-again");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "ready".equals(cell(robot, 0, "Status")));
        assertEquals("1.13.0", cell(robot, 0, "Version"));

        // unplugged mid-exchange: the address is not shown, and the message says what happened
        ledger.dropNextExchange();
        showAddress(robot, ledger.uri(), "m/44'/60'/0'/0/0");
        Label result = robot.lookup("#devices-address-result").queryAs(Label.class);
        assertTrue(result.getText().startsWith("The address was not shown: "), result.getText());
        assertFalse(robot.lookup("#devices-address").queryAs(TextField.class).isVisible());
    }

    @Test
    void cancelStopsWaitingForADeviceThatDoesNotAnswer(FxRobot robot) throws Exception {
        // a Speculos socket that accepts and never answers: the device waiting for its holder
        ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        toClose.add(silent);
        Thread.ofPlatform().daemon().start(() -> {
            List<java.net.Socket> held = new ArrayList<>();
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        DeviceInfo waiting = new DeviceInfo(DeviceInfo.Vendor.LEDGER, "Nano S Plus (Speculos)", DeviceInfo.TransportKind.SPECULOS_TCP,
                "127.0.0.1:" + silent.getLocalPort(), null, DeviceInfo.State.UNKNOWN);
        plugged.add(waiting);
        openWindow();
        robot.clickOn("Devices");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#devices-table").tryQuery().isPresent()
                && table(robot).getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("asking…", cell(robot, 0, "Status"));
        // the listing's own ask is blocked on the silent socket: the row stays "asking…"
        clickRow(robot, waiting.uri());
        robot.clickOn("#devices-show-address");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#device-cancel").tryQuery().isPresent());
        robot.clickOn("#device-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#device-cancel").tryQuery().isEmpty(), "the wait window closed");
        assertTrue(robot.lookup("#devices-address-result").queryAs(Label.class).getText().startsWith("Cancelled: no address is shown here."));
        assertFalse(robot.lookup("#devices-address").queryAs(TextField.class).isVisible());
    }

    @Test
    void aLedgerTheOsRefusesShowsTheUdevRulesAndTheirInstallCommand(FxRobot robot) throws Exception {
        openWindow();
        robot.clickOn("Devices");
        DeviceInfo usbLedger = new DeviceInfo(DeviceInfo.Vendor.LEDGER, "Nano S Plus", DeviceInfo.TransportKind.HID, "0001", null,
                DeviceInfo.State.UNKNOWN);
        refused.add("0001");
        plugged.add(usbLedger);
        waitForRows(robot, 1);
        assertEquals("no permission", cell(robot, 0, "Status"));
        assertEquals("ledger:0001", cell(robot, 0, "Signer"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#udev-help").query().isVisible());
        String packaged = Files.readString(TestPaths.root().resolve("packaging/linux/udev/51-countersign-hw-wallets.rules"));
        assertEquals(packaged, robot.lookup("#udev-rules").queryAs(TextArea.class).getText());
        String command = robot.lookup("#udev-command").queryAs(TextField.class).getText();
        assertTrue(command.startsWith("sudo ") && command.endsWith("packaging/linux/udev/install-udev-rules.sh"), command);
        assertTrue(Files.isRegularFile(Path.of(command.substring("sudo ".length()))), "the command names the script that exists: " + command);
        clickRow(robot, "ledger:0001");
        assertTrue(robot.lookup("#devices-message").queryAs(Label.class).getText().contains("Permission denied"));
        WaitForAsyncUtils.asyncFx(() -> Screens.png(stage.getScene().getRoot(), "devices-udev")).get();

        // the rules were installed: the OS now opens the device (its APDUs reach the emulated
        // Ledger); Ask again lists it ready and the udev help goes
        EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, Bip32Path.ETHEREUM_FIRST);
        toClose.add(ledger);
        wiredTo.put("0001", ledger.uri());
        refused.clear();
        clickRow(robot, "ledger:0001");
        robot.clickOn("#devices-ask-again");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "ready".equals(cell(robot, 0, "Status")));
        assertEquals("1.13.0", cell(robot, 0, "Version"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#udev-help").query().isVisible());
    }
}
