package io.countersign.app.console.safe;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.MainWindow;
import io.countersign.app.console.queue.QueueView;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.ConsoleSettings;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Stage;

/** The Safe workflows' entries in the main window: File menu items and the offline switch. */
public final class SafeMenus {
    private SafeMenus() {}

    /** File › New request (one item per form), Open request files, Settings; placed before Quit. */
    public static List<MenuItem> fileItems(Stage stage, ConsoleSession session) {
        List<MenuItem> items = new ArrayList<>();
        Menu newRequest = new Menu("New request");
        newRequest.setId("menu-new-request");
        for (NewRequestWindow.Kind kind : NewRequestWindow.Kind.values()) {
            MenuItem item = new MenuItem(kind.title + "…");
            item.setId("menu-new-" + kind.name().toLowerCase(java.util.Locale.ROOT));
            item.setOnAction(e -> NewRequestWindow.open(session, kind, stage, () -> QueueView.reloadIn(stage.getScene())));
            newRequest.getItems().add(item);
        }
        MenuItem open = new MenuItem("Open request files / merge signatures…");
        open.setId("menu-open-requests");
        open.setOnAction(e -> ExchangeActions.openRequestFiles(stage, session, () -> QueueView.reloadIn(stage.getScene())));
        MenuItem settings = new MenuItem("Settings…");
        settings.setId("menu-settings");
        settings.setOnAction(e -> SettingsDialog.open(stage, session));
        items.add(newRequest);
        items.add(open);
        items.add(new SeparatorMenuItem());
        items.add(settings);
        items.add(new SeparatorMenuItem());
        return items;
    }

    /**
     * The offline switch in the status line, shown at all times: switching reopens the window on
     * the same data folder with the network off (or back on) and saves the choice in the settings.
     */
    public static CheckBox offlineSwitch(Stage stage, ConsoleSession session) {
        AppContext ctx = session.context();
        CheckBox box = new CheckBox("Offline");
        box.setId("offline-switch");
        box.setSelected(ctx.offline());
        box.setOnAction(e -> {
            try {
                ConsoleSettings.load(ctx.dataDir()).withOffline(box.isSelected()).save(ctx.dataDir());
            } catch (RuntimeException ex) {
                ExchangeActions.error(stage, "The offline switch was not saved in the settings", ex.getMessage());
            }
            reopen(stage, session, ctx.reopen(ctx.dataDir(), box.isSelected(), ctx.rpcUrl()));
        });
        return box;
    }

    /** Shows the main window again on {@code next} and closes the old context. */
    static void reopen(Stage stage, ConsoleSession old, AppContext next) {
        ConsoleSession session = new ConsoleSession(next, old.signers());
        ConsoleSession.install(session);
        MainWindow.show(stage, session);
        old.context().close();
    }
}
