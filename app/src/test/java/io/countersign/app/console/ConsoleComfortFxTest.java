package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.ConsoleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
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
 * The console's comfort, used from the keyboard as an officer would: the theme from the
 * settings reaches every window (dialogs other classes open included) with warnings still
 * readable, the menus show their shortcuts and the keys do what the menus say, the Settings
 * dialog is walked with Tab in the order it is drawn, and the window's size, position, tab and
 * divider come back after a restart.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleComfortFxTest {
    Stage primary;

    @Start
    void start(Stage stage) {
        this.primary = stage;
        javafx.application.Platform.setImplicitExit(false);
    }

    @AfterEach
    void lightAgain(FxRobot robot) {
        // the theme is the whole JVM's: leave it light for the tests after this one
        robot.interact(() -> {
            List.copyOf(Window.getWindows()).stream().filter(w -> w != primary).forEach(Window::hide);
            Themes.use(ConsoleSettings.Theme.LIGHT);
        });
    }

    static Path folder(ConsoleSettings settings) throws Exception {
        Path d = Files.createTempDirectory("countersign-comfort-");
        if (settings != null) {
            settings.save(d);
        }
        return d;
    }

    static ConsoleSession session(Path dataDir) {
        return new ConsoleSession(new AppContext(dataDir, true, null, true, Map.of()), List.of());
    }

    Stage open(FxRobot robot, Path dataDir) {
        Stage[] s = new Stage[1];
        robot.interact(() -> {
            s[0] = new Stage();
            MainWindow.show(s[0], session(dataDir));
        });
        WaitForAsyncUtils.waitForFxEvents();
        return s[0];
    }

    static boolean dark(Scene scene) {
        return scene.getStylesheets().stream().anyMatch(u -> u.endsWith("theme-dark.css"));
    }

    /** WCAG 2 contrast ratio of two opaque colours (relative luminance, sRGB). */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(Color c) {
        double[] rgb = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) {
            rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    /** The first opaque background colour at or above {@code n}. */
    static Color background(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof Region r && r.getBackground() != null) {
                for (var fill : r.getBackground().getFills().reversed()) {
                    if (fill.getFill() instanceof Color c && c.getOpacity() == 1) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no opaque background above " + n);
    }

    @Test
    void darkThemeFromTheSettingsReachesEveryWindowAndRedStaysReadable(FxRobot robot) throws Exception {
        Path d = folder(ConsoleSettings.defaults().withTheme(ConsoleSettings.Theme.DARK));
        Stage main = open(robot, d);
        assertTrue(dark(main.getScene()), "the main window is dark: " + main.getScene().getStylesheets());

        // a dialog this class makes, which no console code styled: the window hook does
        Label warning = new Label("⚠ the Safe has a module the policy does not name");
        Label verdict = new Label("ALLOW");
        robot.interact(() -> {
            warning.getStyleClass().add("cs-danger-bold");
            verdict.getStyleClass().add("verdict-ok");
            Alert a = new Alert(Alert.AlertType.WARNING, "", ButtonType.OK);
            a.initOwner(main);
            a.getDialogPane().setContent(new javafx.scene.layout.VBox(8, warning, verdict));
            a.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Scene alert = warning.getScene();
        assertTrue(dark(alert), "an Alert made elsewhere gets the theme: " + alert.getStylesheets());
        Color bg = background(warning);
        assertTrue(luminance(bg) < 0.05, "a dark background: " + bg);
        Color red = (Color) warning.getTextFill();
        assertTrue(red.getRed() > 0.9 && red.getGreen() < 0.6 && red.getBlue() < 0.6, "still red: " + red);
        assertTrue(contrast(red, bg) >= 4.5, "red on dark: contrast " + contrast(red, bg));
        Color green = (Color) verdict.getTextFill();
        assertTrue(green.getGreen() > green.getRed() && green.getGreen() > green.getBlue(), "still green: " + green);
        assertTrue(contrast(green, bg) >= 4.5, "green on dark: contrast " + contrast(green, bg));
        Color text = (Color) robot.lookup(".dialog-pane .header-panel .label").match(n -> n.getScene() == alert).queryAs(Label.class).getTextFill();
        assertTrue(contrast(text, bg) >= 7, "ordinary text is light on dark: " + text);

        // switching to light re-styles the windows that are open
        robot.interact(() -> Themes.use(ConsoleSettings.Theme.LIGHT));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(dark(alert));
        Color lightBg = background(warning);
        assertTrue(luminance(lightBg) > 0.7, "a light background: " + lightBg);
        assertEquals(Color.web("#b00020"), warning.getTextFill());
        assertTrue(contrast((Color) warning.getTextFill(), lightBg) >= 4.5);
        assertTrue(contrast((Color) verdict.getTextFill(), lightBg) >= 4.5);
        robot.interact(main::hide);
    }

    @Test
    void theSettingsDialogSavesTheThemeAndTheWindowReopensInIt(FxRobot robot) throws Exception {
        Path d = folder(null);
        Stage main = open(robot, d);
        assertFalse(dark(main.getScene()), "light by default");
        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#settings-dialog").queryAs(DialogPane.class);
        assertTrue(dark(pane.getScene()) == false);
        // Tab walks the form in the order it is drawn, the node list included, then the buttons
        List<String> order = new java.util.ArrayList<>();
        robot.interact(() -> robot.lookup("#settings-data-dir").query().requestFocus());
        for (int i = 0; i < 8; i++) {
            Node f = pane.getScene().getFocusOwner();
            order.add(f instanceof javafx.scene.control.Button b ? b.getText() : f.getId() != null ? f.getId() : f.getClass().getSimpleName());
            robot.type(KeyCode.TAB);
        }
        // the buttons in the order the platform draws them (Cancel first on Linux)
        List<String> buttons = pane.lookupAll(".button").stream().map(javafx.scene.control.Button.class::cast)
                .sorted(java.util.Comparator.comparingDouble(b -> b.localToScene(0, 0).getX()))
                .map(javafx.scene.control.Button::getText).toList();
        assertEquals(List.of("settings-data-dir", "settings-nodes", "settings-chain", "settings-offline", "settings-signer",
                "settings-theme", buttons.get(0), buttons.get(1)), order);
        assertEquals(java.util.Set.of("Save and reopen", "Cancel"), java.util.Set.copyOf(buttons));
        // pick Dark with the keyboard and press Enter: the default button saves and reopens
        robot.interact(() -> robot.lookup("#settings-theme").query().requestFocus());
        robot.press(KeyCode.ALT).type(KeyCode.DOWN).release(KeyCode.ALT);
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dark(main.getScene()));
        assertEquals(ConsoleSettings.Theme.DARK, ConsoleSettings.load(d).theme());
        assertFalse(robot.lookup("#settings-dialog").tryQuery().isPresent());

        // Escape is the dialog's Cancel
        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-dialog").tryQuery().isPresent());
        assertTrue(dark(robot.lookup("#settings-dialog").query().getScene()));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-dialog").tryQuery().isEmpty());
        robot.interact(main::hide);
    }

    @Test
    void menusShowTheirKeysAndTheKeysDoWhatTheMenusSay(FxRobot robot) throws Exception {
        Stage main = open(robot, folder(null));
        MenuBar bar = (MenuBar) main.getScene().lookup(".menu-bar");
        java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
        bar.getMenus().forEach(m -> collect(m.getItems(), keys));
        assertEquals("Ctrl+N", keys.get("menu-new-native"));
        assertEquals("Ctrl+Shift+N", keys.get("menu-new-erc20"));
        assertEquals("Ctrl+O", keys.get("menu-open-requests"));
        assertEquals("Ctrl+,", keys.get("menu-settings"));
        assertEquals("Ctrl+Q", keys.get("menu-quit"));
        assertEquals("Ctrl+Shift+S", keys.get("menu-sign"));
        assertEquals("Ctrl+E", keys.get("menu-execute"));
        assertEquals("Ctrl+Shift+E", keys.get("menu-export"));
        assertEquals("Ctrl+I", keys.get("menu-import"));
        assertEquals("F5", keys.get("menu-refresh"));
        assertEquals("Ctrl+1", keys.get("menu-tab-1"));
        assertEquals("Ctrl+Page Down", keys.get("menu-next-tab"));

        TabPane tabs = (TabPane) main.getScene().lookup("#main-tabs");
        assertTrue(tabs.getTabs().size() >= 3, "the console has several tabs");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        assertEquals(2, tabs.getSelectionModel().getSelectedIndex(), "Ctrl+3 shows the third tab");
        robot.press(KeyCode.CONTROL).type(KeyCode.PAGE_DOWN).release(KeyCode.CONTROL);
        assertEquals(3 % tabs.getTabs().size(), tabs.getSelectionModel().getSelectedIndex(), "Ctrl+PgDn the next");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        assertEquals(0, tabs.getSelectionModel().getSelectedIndex());

        // Ctrl+N opens the native transfer form; Escape is its Cancel
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#new-request-native").tryQuery().isPresent());
        Node form = robot.lookup("#new-request-native").query();
        assertTrue(form.getScene().getWindow().isFocused() || form.getScene().getWindow().isShowing());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#new-request-native").tryQuery().isEmpty());
        robot.interact(main::hide);
    }

    static void collect(List<MenuItem> items, java.util.Map<String, String> keys) {
        for (MenuItem i : items) {
            if (i instanceof javafx.scene.control.Menu m) {
                collect(m.getItems(), keys);
            } else if (i.getId() != null && i.getAccelerator() != null) {
                keys.put(i.getId(), i.getAccelerator().getDisplayText());
            }
        }
    }

    @Test
    void sizePositionTabAndDividerComeBackAfterARestart(FxRobot robot) throws Exception {
        Path d = folder(null);
        Stage first = open(robot, d);
        robot.interact(() -> {
            first.setX(70);
            first.setY(45);
            first.setWidth(1100);
            first.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        SplitPane queue = (SplitPane) first.getScene().lookup("#queue-view");
        robot.interact(() -> queue.setDividerPositions(0.3));
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        TabPane tabs = (TabPane) first.getScene().lookup("#main-tabs");
        String third = tabs.getTabs().get(2).getText();
        robot.interact(first::hide);

        ConsoleSettings.WindowLayout saved = ConsoleSettings.load(d).window();
        assertNotNull(saved, "the layout is written when the window closes");
        assertEquals(List.of(70.0, 45.0, 1100.0, 700.0), List.of(saved.x(), saved.y(), saved.width(), saved.height()));
        assertEquals(third, saved.tab());
        assertEquals(0.3, saved.dividers().get("queue-view").getFirst(), 0.01);

        Stage second = open(robot, d);
        assertEquals(List.of(70.0, 45.0, 1100.0, 700.0), List.of(second.getX(), second.getY(), second.getWidth(), second.getHeight()));
        TabPane again = (TabPane) second.getScene().lookup("#main-tabs");
        assertEquals(third, again.getSelectionModel().getSelectedItem().getText());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        SplitPane restored = (SplitPane) second.getScene().lookup("#queue-view");
        assertEquals(0.3, restored.getDividerPositions()[0], 0.01, "the queue's divider where it was left");
        robot.interact(second::hide);

        // a window last shown on a monitor that is gone opens on the screen there is, whole
        ConsoleSettings.load(d).withWindow(new ConsoleSettings.WindowLayout(9000, 7000, 1280, 800, false, null, Map.of())).save(d);
        Stage third3 = open(robot, d);
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        assertTrue(screen.contains(third3.getX(), third3.getY())
                && third3.getX() + third3.getWidth() <= screen.getMaxX() + 1 && third3.getY() + third3.getHeight() <= screen.getMaxY() + 1,
                "on screen " + screen + ": " + third3.getX() + "," + third3.getY() + " " + third3.getWidth() + "x" + third3.getHeight());
        robot.interact(third3::hide);
    }
}
