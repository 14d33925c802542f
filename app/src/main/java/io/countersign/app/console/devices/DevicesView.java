package io.countersign.app.console.devices;

import io.countersign.app.console.ConsoleSession;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;

/** The "Devices" tab: connected Ledger and Trezor wallets. */
public final class DevicesView {
    private DevicesView() {}

    /** The tab; its view is built the first time it is opened. */
    public static Tab tab(ConsoleSession session) {
        Tab tab = new Tab("Devices");
        tab.setId("devices-tab");
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected() && tab.getContent() == null) {
                tab.setContent(new Label("Devices"));
            }
        });
        return tab;
    }
}
