package io.countersign.app.console;

import io.countersign.app.cli.VersionProvider;
import io.countersign.app.console.queue.QueueView;
import io.countersign.app.session.ConsoleSettings;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The main window: a red banner when no policy is enforced, the menu, the tabs (the request
 * queue first) and a status line saying whether the console is online or air-gapped.
 */
public final class MainWindow {
    private MainWindow() {}

    public static void show(Stage stage, ConsoleSession session) {
        ConsoleSettings settings = settings(session);
        Themes.use(settings.theme());
        BorderPane root = new BorderPane();
        MenuBar bar = menu(stage, session);
        VBox top = new VBox(bar);
        if (!session.context().policy().enforcing()) {
            Label banner = new Label("DEV MODE — no signed policy is enforced. Do not use with real funds.");
            banner.getStyleClass().add("dev-banner");
            banner.setId("dev-banner");
            banner.setMaxWidth(Double.MAX_VALUE);
            top.getChildren().add(banner);
        }
        root.setTop(top);
        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().add(new Tab("Requests", QueueView.create(session)));
        ConsoleViews.extraTabs(session).forEach(tabs.getTabs()::add);
        tabs.setId("main-tabs");
        root.setCenter(tabs);
        Shortcuts.install(stage, bar, tabs);
        Label status = statusLine(session);
        javafx.scene.layout.HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox bottom = new javafx.scene.layout.HBox(8, status,
                io.countersign.app.console.safe.SafeMenus.offlineSwitch(stage, session));
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        root.setBottom(bottom);
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1360, screen.getWidth() - 40), Math.min(860, screen.getHeight() - 60));
        scene.getStylesheets().add(MainWindow.class.getResource("main.css").toExternalForm());
        stage.setTitle("Countersign");
        stage.setScene(scene);
        WindowMemory.attach(stage, tabs, session.context().dataDir(), settings.window());
        FocusReturn.install(stage);
        stage.show();
    }

    /** The data folder's settings; the defaults when the file is damaged (the Settings dialog says so). */
    private static ConsoleSettings settings(ConsoleSession session) {
        try {
            return ConsoleSettings.load(session.context().dataDir());
        } catch (RuntimeException damaged) {
            return ConsoleSettings.defaults();
        }
    }

    private static MenuBar menu(Stage stage, ConsoleSession session) {
        Menu file = new Menu("File");
        file.setId("menu-file");
        file.getItems().addAll(io.countersign.app.console.safe.SafeMenus.fileItems(stage, session));
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menu-quit");
        quit.setOnAction(e -> stage.close());
        file.getItems().add(quit);
        Menu recovery = new Menu("Recovery");
        recovery.getItems().addAll(ConsoleViews.recoveryItems(session));
        Menu help = new Menu("Help");
        MenuItem about = new MenuItem("About Countersign");
        about.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION, "Countersign " + VersionProvider.version()
                    + "\nTreasury signing console for Safe and timelock transactions.\nData folder: " + session.context().dataDir());
            a.setHeaderText("About Countersign");
            a.showAndWait();
        });
        help.getItems().add(about);
        MenuBar bar = new MenuBar(file, recovery, help);
        if (recovery.getItems().isEmpty()) {
            bar.getMenus().remove(recovery);
        }
        return bar;
    }

    private static Label statusLine(ConsoleSession session) {
        var ctx = session.context();
        String network = ctx.offline() ? "AIR-GAPPED: no network connections"
                : ctx.rpcIfOnline().map(r -> "online: " + r.client().endpoint()).orElse("no node configured (offline work only)");
        Label status = new Label(network + "   ·   data folder " + ctx.dataDir()
                + "   ·   policy: " + ctx.policy().summary());
        status.getStyleClass().add("status-line");
        status.setId("status-line");
        status.setMaxWidth(Double.MAX_VALUE);
        // Wraps onto a second line in a narrow window (1280 px) instead of ending in "…": the
        // policy part is what an officer must read. The tooltip holds the same text.
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.setTooltip(new javafx.scene.control.Tooltip(status.getText()));
        return status;
    }
}
