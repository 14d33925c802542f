package io.countersign.app.console;

import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;

/** The views other features contribute to the main window: tabs and Recovery menu items. */
final class ConsoleViews {
    private ConsoleViews() {}

    static List<Tab> extraTabs(ConsoleSession session) {
        return List.of();
    }

    static List<MenuItem> recoveryItems(ConsoleSession session) {
        return List.of();
    }
}
