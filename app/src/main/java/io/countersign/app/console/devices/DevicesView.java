package io.countersign.app.console.devices;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.ConsoleText;
import io.countersign.app.console.queue.DevicePromptWindow;
import io.countersign.app.console.queue.PinKeypadDialog;
import io.countersign.app.console.queue.ThpPairingDialog;
import io.countersign.app.session.DeviceInventory;
import io.countersign.app.session.DeviceInventory.Row;
import io.countersign.app.session.DeviceInventory.Snapshot;
import io.countersign.app.session.SessionListener;
import io.countersign.app.session.UdevHelp;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The "Devices" tab: the connected Ledger and Trezor wallets ({@link DeviceInventory}), followed
 * while the tab is open (plugged in, unplugged), each with its model, version, blind-signing
 * setting, transport, protocol and status; "Show address on device" for a BIP-32 path, run off
 * the FX thread behind a device-wait window with Cancel; and, on Linux when a device may not be
 * opened, the packaged udev rules with the one command that installs them ({@link UdevHelp}).
 */
public final class DevicesView {
    private final DeviceInventory inventory;
    private final TableView<Row> table = new TableView<>();
    private final Label notes = new Label();
    private final Label selectedMessage = new Label();
    private final TextField path = new TextField(Bip32Path.ETHEREUM_FIRST.toString());
    private final Button show = new Button("Show address on device");
    private final Label result = new Label();
    private final TextField shownAddress = new TextField();
    private final VBox udev = new VBox(6);
    private final VBox root;

    private DevicesView(DeviceInventory inventory) {
        this.inventory = inventory;
        table.setId("devices-table");
        table.setPlaceholder(new Label("No Ledger or Trezor found. Plug the device in and unlock it"
                + (UdevHelp.appliesHere() ? "; on Linux the udev rules must be installed once (this tab shows them when a device is refused)." : ".")));
        table.getColumns().add(column("Device", 190, r -> r.device().vendor() == io.countersign.hw.DeviceInfo.Vendor.LEDGER
                && !r.model().startsWith("Ledger") ? "Ledger " + r.model() : r.model()));
        table.getColumns().add(column("Version", 90, r -> r.version() == null ? "—" : r.version()));
        table.getColumns().add(column("Blind signing", 110, r -> r.blindSigning() == null ? "—" : r.blindSigning() ? "enabled" : "disabled"));
        table.getColumns().add(column("Transport", 130, r -> transport(r.device().transport())));
        table.getColumns().add(column("Protocol", 80, Row::protocol));
        table.getColumns().add(column("Status", 110, r -> r.status().text()));
        table.getColumns().add(column("Signer", 260, Row::uri));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(220);
        notes.setId("devices-notes");
        notes.setWrapText(true);
        selectedMessage.setId("devices-message");
        selectedMessage.setWrapText(true);
        selectedMessage.setStyle("-fx-text-fill: #b00020;");
        Button askAgain = new Button("Ask again");
        askAgain.setId("devices-ask-again");
        askAgain.setTooltip(new javafx.scene.control.Tooltip("Ask the selected device again: after unlocking it, opening its Ethereum app or installing the udev rules"));
        askAgain.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        askAgain.setOnAction(e -> inventory.askAgain(table.getSelectionModel().getSelectedItem().uri()));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            selectedMessage.setText(now == null ? "" : ConsoleText.text(now.message()));
            result.setText("");
            shownAddress.setText("");
            shownAddress.setVisible(false);
        });

        path.setId("devices-path");
        path.setPrefColumnCount(22);
        show.setId("devices-show-address");
        show.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        show.setOnAction(e -> showAddress());
        result.setId("devices-address-result");
        result.setWrapText(true);
        shownAddress.setId("devices-address");
        shownAddress.setEditable(false);
        shownAddress.setStyle("-fx-font-family: monospace;");
        shownAddress.setPrefColumnCount(44);
        shownAddress.setVisible(false);
        shownAddress.managedProperty().bind(shownAddress.visibleProperty());
        HBox showRow = new HBox(8, new Label("Path"), path, show);
        showRow.setAlignment(Pos.CENTER_LEFT);

        udev.setId("udev-help");
        udev.setVisible(false);
        udev.managedProperty().bind(udev.visibleProperty());

        Label title = new Label("Connected Ledger and Trezor devices (looked for every "
                + DeviceInventory.POLL_MILLIS / 1000.0 + " s while this tab is open)");
        title.setStyle("-fx-font-weight: bold;");
        HBox actions = new HBox(8, askAgain);
        root = new VBox(8, title, table, actions, selectedMessage, notes, new Label("Show the address of an account on the selected device's own screen:"),
                showRow, result, shownAddress, udev);
        root.setPadding(new Insets(10));
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    /**
     * The tab over USB discovery: it follows the devices while it is selected, and stops looking
     * when another tab is.
     */
    public static Tab tab(ConsoleSession session) {
        return tab(() -> new DeviceInventory(session.context(), DeviceInventory.usb()));
    }

    /**
     * The tab over the inventory {@code inventory} makes (the first time the tab is selected):
     * polling starts when the tab is selected and stops when it is not.
     */
    public static Tab tab(java.util.function.Supplier<DeviceInventory> inventory) {
        Tab tab = new Tab("Devices");
        tab.setId("devices-tab");
        DevicesView[] view = new DevicesView[1];
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                if (view[0] == null) {
                    view[0] = new DevicesView(inventory.get());
                    tab.setContent(view[0].root());
                }
                view[0].start();
            } else if (view[0] != null) {
                view[0].inventory.stop();
            }
        });
        return tab;
    }

    Parent root() {
        return new javafx.scene.control.ScrollPane(root) {
            {
                setFitToWidth(true);
                setFitToHeight(true);
            }
        };
    }

    private void start() {
        inventory.watch(s -> Platform.runLater(() -> apply(s)));
    }

    /** Shows a snapshot, keeping the selected device selected. */
    private void apply(Snapshot s) {
        Row selected = table.getSelectionModel().getSelectedItem();
        if (!table.getItems().equals(s.rows())) {
            table.getItems().setAll(s.rows());
            if (selected != null) {
                s.rows().stream().filter(r -> r.uri().equals(selected.uri())).findFirst().ifPresent(r -> table.getSelectionModel().select(r));
            }
        }
        notes.setText(s.notes().isEmpty() ? "" : "Notes: " + String.join("\n", s.notes()));
        boolean help = s.permissionMissing() && UdevHelp.appliesHere();
        if (help && !udev.isVisible()) {
            fillUdevHelp();
        }
        udev.setVisible(help);
    }

    private void fillUdevHelp() {
        UdevHelp h = UdevHelp.load();
        Label head = new Label("Linux does not let this user open the device. Install Countersign's udev rules once (as root), "
                + "then unplug and replug the device and press Ask again:");
        head.setWrapText(true);
        head.setStyle("-fx-font-weight: bold;");
        TextField command = new TextField(h.installCommand());
        command.setId("udev-command");
        command.setEditable(false);
        command.setStyle("-fx-font-family: monospace;");
        HBox.setHgrow(command, Priority.ALWAYS);
        Button copy = new Button("Copy command");
        copy.setId("udev-copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(h.installCommand());
            Clipboard.getSystemClipboard().setContent(c);
        });
        TextArea rules = new TextArea(h.rules());
        rules.setId("udev-rules");
        rules.setEditable(false);
        rules.setStyle("-fx-font-family: monospace;");
        rules.setPrefRowCount(h.rules().split("\n").length + 2);
        udev.getChildren().setAll(head, new HBox(8, command, copy),
                new Label("The rules it installs as /etc/udev/rules.d/" + h.rulesFile() + ":"), rules);
    }

    /** Asks the selected device to show the address at the path typed, off the FX thread. */
    private void showAddress() {
        Row row = table.getSelectionModel().getSelectedItem();
        Bip32Path p;
        try {
            p = Bip32Path.parse(path.getText().strip());
        } catch (RuntimeException bad) {
            result.setText("Not a BIP-32 path: " + bad.getMessage() + " (write it as m/44'/60'/0'/0/0)");
            result.setStyle("-fx-text-fill: #b00020;");
            return;
        }
        String what = row.model() + " (" + row.uri() + ")";
        DevicePromptWindow wait = new DevicePromptWindow("Show address");
        if (show.getScene() != null && show.getScene().getWindow() != null) {
            wait.initOwner(show.getScene().getWindow());
        }
        wait.show("Asking the device", "Asking " + what + " to show the address at " + p + "…");
        AtomicBoolean cancelled = new AtomicBoolean();
        SessionListener prompts = prompts(wait);
        Task<Address> task = new Task<>() {
            @Override
            protected Address call() {
                return inventory.showAddress(row.device(), p, prompts, cancelled);
            }
        };
        wait.onCancel(() -> {
            cancelled.set(true);
            task.cancel(true);
            wait.close();
            result.setStyle("");
            result.setText("Cancelled: no address is shown here. If the device still shows one, dismiss it there.");
            shownAddress.setVisible(false);
        });
        task.setOnSucceeded(e -> {
            wait.close();
            result.setStyle("");
            result.setText(what + " shows the address at " + p + ". Compare every character with the device's screen:");
            shownAddress.setText(task.getValue().toString());
            shownAddress.setVisible(true);
        });
        task.setOnFailed(e -> {
            if (cancelled.get()) {
                return;
            }
            wait.close();
            Throwable ex = task.getException();
            result.setStyle("-fx-text-fill: #b00020;");
            result.setText("The address was not shown: " + ConsoleText.text(ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            shownAddress.setVisible(false);
        });
        Thread t = new Thread(task, "countersign-show-address");
        t.setDaemon(true);
        t.start();
    }

    /** The console's device prompts: the wait window's text, the PIN keypad, the pairing dialog. */
    private static SessionListener prompts(DevicePromptWindow wait) {
        return new SessionListener() {
            @Override
            public void confirmOnDevice(String whatTheDeviceShows) {
                Platform.runLater(() -> wait.show("Compare on your device", "The device shows the " + whatTheDeviceShows
                        + ". Confirm it there; the address it reports appears in the Devices tab."));
            }

            @Override
            public void notice(String message) {
                Platform.runLater(() -> wait.show("Note", message));
            }

            @Override
            public String thpPairingCode(String device) {
                return ThpPairingDialog.askFromWorker(device);
            }

            @Override
            public char[] pin() {
                return PinKeypadDialog.askFromWorker();
            }
        };
    }

    private static String transport(io.countersign.hw.DeviceInfo.TransportKind t) {
        return switch (t) {
            case HID -> "USB HID";
            case WEBUSB -> "WebUSB";
            case TREZOR_BRIDGE -> "Trezor Bridge";
            case SPECULOS_TCP -> "Speculos (TCP, emulator)";
            case TREZOR_EMULATOR_UDP -> "Trezor emulator (UDP)";
            case REPLAY -> "recording";
        };
    }

    private static TableColumn<Row, String> column(String title, double width, Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setId("devices-col-" + title.toLowerCase().replace(' ', '-'));
        return c;
    }
}
