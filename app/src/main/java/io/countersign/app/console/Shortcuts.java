package io.countersign.app.console;

import io.countersign.app.console.queue.QueueView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * The console's keyboard shortcuts, as menu accelerators (so each menu shows its key): the File
 * menu's items get theirs by node id, a Request menu reaches the selected request's actions
 * (Sign, Execute, Export, …) and a View menu refreshes and switches tabs. "Shortcut" is Ctrl
 * (⌘ on macOS).
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>Ctrl+N / Ctrl+Shift+N</td><td>New request › Native transfer / ERC-20 transfer</td></tr>
 * <tr><td>Ctrl+O</td><td>Open request files / merge signatures</td></tr>
 * <tr><td>Ctrl+I</td><td>Import a Transaction Builder or Transaction Service file</td></tr>
 * <tr><td>Ctrl+Shift+S, Ctrl+E, Ctrl+Shift+E</td><td>Sign, Execute, Export the selected request</td></tr>
 * <tr><td>F5</td><td>Refresh the tab shown</td></tr>
 * <tr><td>Ctrl+1 … Ctrl+9, Ctrl+PgDn / Ctrl+PgUp</td><td>a tab by position, next / previous tab</td></tr>
 * <tr><td>Ctrl+, </td><td>Settings</td></tr>
 * <tr><td>Ctrl+Q</td><td>Quit</td></tr>
 * </table>
 */
public final class Shortcuts {
    private Shortcuts() {}

    /** File menu accelerators, by the items' node ids. */
    static final Map<String, KeyCombination> BY_ID = new LinkedHashMap<>();

    static {
        BY_ID.put("menu-new-native", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        BY_ID.put("menu-new-erc20", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        BY_ID.put("menu-open-requests", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        BY_ID.put("menu-settings", new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN));
        BY_ID.put("menu-quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
    }

    /** The Request menu: an item per action of the request screen, firing its button (node id) when it is enabled. */
    private record Action(String id, String text, String button, KeyCombination keys) { }

    private static final java.util.List<Action> REQUEST_ACTIONS = java.util.List.of(
            new Action("menu-sign", "Sign (EIP-712)…", "sign-button",
                    new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
            new Action("menu-execute", "Execute…", "execute-button", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN)),
            new Action("menu-export", "Export…", "export-button",
                    new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
            new Action("menu-export-calldata", "Export calldata…", "calldata-button", null),
            new Action("menu-show-qr", "Show as QR…", "show-qr-button", null),
            new Action("menu-import", "Import Transaction Builder / Service file…", "import-button",
                    new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN)));

    /**
     * Gives the menu bar's items their accelerators and adds the Request and View menus before
     * the last menu (Help). Call once per main window, after its menus and tabs exist.
     */
    public static void install(Stage stage, MenuBar bar, TabPane tabs) {
        for (Menu m : bar.getMenus()) {
            accelerate(m);
        }
        Menu request = new Menu("Request");
        request.setId("menu-request");
        for (Action a : REQUEST_ACTIONS) {
            MenuItem item = new MenuItem(a.text());
            item.setId(a.id());
            item.setAccelerator(a.keys());
            item.setOnAction(e -> fire(stage, tabs, a.button()));
            request.getItems().add(item);
        }
        // only the actions the screen offers now are enabled; an accelerator checks again when pressed
        request.setOnShowing(e -> request.getItems().forEach(i -> REQUEST_ACTIONS.stream()
                .filter(a -> a.id().equals(i.getId())).findFirst()
                .ifPresent(a -> i.setDisable(button(stage, a.button()).filter(b -> !b.isDisabled()).isEmpty()))));
        request.setOnHidden(e -> request.getItems().forEach(i -> i.setDisable(false)));

        Menu view = new Menu("View");
        view.setId("menu-view");
        MenuItem refresh = new MenuItem("Refresh");
        refresh.setId("menu-refresh");
        refresh.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        refresh.setOnAction(e -> refresh(stage, tabs));
        view.getItems().addAll(refresh, new SeparatorMenuItem());
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            Tab tab = tabs.getTabs().get(i);
            MenuItem item = new MenuItem();
            item.textProperty().bind(tab.textProperty());
            item.setId("menu-tab-" + (i + 1));
            if (i < digits.length) {
                item.setAccelerator(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN));
            }
            item.setOnAction(e -> tabs.getSelectionModel().select(tab));
            view.getItems().add(item);
        }
        MenuItem next = new MenuItem("Next tab");
        next.setId("menu-next-tab");
        next.setAccelerator(new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.SHORTCUT_DOWN));
        next.setOnAction(e -> tabs.getSelectionModel().select((tabs.getSelectionModel().getSelectedIndex() + 1) % tabs.getTabs().size()));
        MenuItem previous = new MenuItem("Previous tab");
        previous.setId("menu-previous-tab");
        previous.setAccelerator(new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.SHORTCUT_DOWN));
        previous.setOnAction(e -> tabs.getSelectionModel().select(
                (tabs.getSelectionModel().getSelectedIndex() + tabs.getTabs().size() - 1) % tabs.getTabs().size()));
        view.getItems().addAll(new SeparatorMenuItem(), next, previous);

        int at = Math.max(0, bar.getMenus().size() - 1);
        bar.getMenus().add(at, view);
        bar.getMenus().add(at, request);
    }

    /**
     * Tab and Shift+Tab leave {@code area} for the next or previous control instead of typing a
     * tab character, for text areas where a tab means nothing (node lists, pasted JSON), so a
     * form can be walked with the keyboard alone.
     */
    public static void tabMovesFocus(javafx.scene.control.TextArea area) {
        area.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                e.consume();
                area.requestFocusTraversal(e.isShiftDown() ? javafx.scene.TraversalDirection.PREVIOUS : javafx.scene.TraversalDirection.NEXT);
            }
        });
    }

    private static void accelerate(Menu menu) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu sub) {
                accelerate(sub);
            } else if (item.getId() != null && BY_ID.containsKey(item.getId()) && item.getAccelerator() == null) {
                item.setAccelerator(BY_ID.get(item.getId()));
            }
        }
    }

    private static Optional<ButtonBase> button(Stage stage, String id) {
        if (stage.getScene() == null) {
            return Optional.empty();
        }
        return stage.getScene().getRoot().lookupAll("#" + id).stream()
                .filter(ButtonBase.class::isInstance).map(ButtonBase.class::cast).findFirst();
    }

    /** Shows the tab holding the button and presses it, if it is there and enabled. */
    private static void fire(Stage stage, TabPane tabs, String id) {
        button(stage, id).filter(b -> !b.isDisabled()).ifPresent(b -> {
            tabs.getTabs().stream().filter(t -> contains(t.getContent(), b)).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
            b.fire();
        });
    }

    /** F5: the shown tab's own Refresh button if it has one, else the request queue is read again. */
    private static void refresh(Stage stage, TabPane tabs) {
        Tab shown = tabs.getSelectionModel().getSelectedItem();
        if (shown != null && shown.getContent() instanceof Parent content) {
            Optional<Button> own = content.lookupAll(".button").stream().filter(Button.class::isInstance).map(Button.class::cast)
                    .filter(b -> b.getText() != null && b.getText().startsWith("Refresh") && !b.isDisabled() && b.isVisible())
                    .findFirst();
            if (own.isPresent()) {
                own.get().fire();
                return;
            }
        }
        QueueView.reloadIn(stage.getScene());
    }

    private static boolean contains(Node root, Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == root) {
                return true;
            }
        }
        return false;
    }
}
