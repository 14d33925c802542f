package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.safe.ConsoleFiles;
import io.countersign.app.demo.DemoEnvironment;
import io.countersign.app.session.ConsoleSettings.Theme;
import io.countersign.eth.Address;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.TypedData;
import io.countersign.eth.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Cell;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
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
 * A tour of every screen of the console on the demo chain (anvil, Safe 1.4.1 from the official
 * artifacts), in the light and the dark theme: every tab of the main window (found from the
 * window itself, so tabs added later are toured too) at 1280×800 and 1920×1080, every window a
 * menu item opens, every "…" button of the request screen, the signer picker, the device wait,
 * the fee confirmation, the Safe read from the chain and a journal entry's detail. Each screen
 * is saved as a PNG under {@code target/screenshots/tour/} and checked: no visible label, button
 * or tab title is cut off ("…" instead of its text; table cells, which keep their text in a
 * tooltip, excepted), no visible node lies outside its window, and no window is larger than the
 * screen it is checked for. Every problem found is listed in the failure.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleTourFxTest {
    record Size(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    static final List<Size> SIZES = List.of(new Size(1280, 800), new Size(1920, 1080));
    /** Dialogs and windows of their own must fit the smallest screen the console is made for. */
    static final Size SMALLEST = SIZES.getFirst();

    DemoEnvironment demo;
    Stage main;
    final List<String> problems = new ArrayList<>();
    final Set<String> shot = new LinkedHashSet<>();
    final DeviceThatWaits device = new DeviceThatWaits();

    /**
     * A named test fixture standing for a hardware wallet while the officer confirms: it signs
     * with demo key 1 only after the test lets it, so the console's "confirm on your device"
     * window stays up long enough to be looked at.
     */
    static final class DeviceThatWaits implements Signer {
        Signer key;
        volatile CountDownLatch release = new CountDownLatch(1);

        @Override
        public Address address() {
            return key.address();
        }

        @Override
        public String label() {
            return "TOUR DEVICE (waits for the test)";
        }

        @Override
        public SignedTransaction signTransaction(EthTransaction tx) {
            waitForTest();
            return key.signTransaction(tx);
        }

        @Override
        public Signature signPersonalMessage(byte[] message) {
            waitForTest();
            return key.signPersonalMessage(message);
        }

        @Override
        public Signature signTypedData(TypedData typedData) {
            waitForTest();
            return key.signTypedData(typedData);
        }

        private void waitForTest() {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Platform.setImplicitExit(false);
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-tour-"), Map.of());
        device.key = demo.signers().getFirst();
        List<Signer> signers = new ArrayList<>(demo.signers());
        signers.add(device);
        // file dialogs answer "cancelled": the tour looks at screens, it does not pick files
        ConsoleFiles.use(new ConsoleFiles.Chooser() {
            @Override
            public List<Path> open(Window owner, String title, boolean many) {
                return List.of();
            }

            @Override
            public Optional<Path> save(Window owner, String title, String suggestedName) {
                return Optional.empty();
            }
        });
        Files.createDirectories(Path.of("target", "screenshots", "tour"));
        main = stage;
        MainWindow.show(stage, new ConsoleSession(demo.context(), signers));
    }

    @AfterEach
    void stop(FxRobot robot) {
        device.release.countDown();
        ConsoleFiles.use(ConsoleFiles.NATIVE);
        robot.interact(() -> {
            List.copyOf(Window.getWindows()).stream().filter(w -> w != main).forEach(Window::hide);
            Themes.use(Theme.LIGHT);
        });
        demo.close();
    }

    @Test
    void everyScreenInBothThemesAtBothSizesShowsItsWholeText(FxRobot robot) throws Exception {
        for (Theme theme : Theme.values()) {
            robot.interact(() -> Themes.use(theme));
            String t = theme.id();
            for (Size size : SIZES) {
                resize(robot, size);
                for (int i = 0; i < tabs().getTabs().size(); i++) {
                    Tab tab = tabs().getTabs().get(i);
                    robot.interact(() -> tabs().getSelectionModel().select(tab));
                    settle(robot);
                    look(main, "tab-" + slug(tab.getText()), t, size);
                    // tabs inside the tab (Policy's Installed / Check / Draft, Journal's Entries / Charts)
                    if (tab.getContent() instanceof Parent content) {
                        for (Node n : List.copyOf(content.lookupAll(".tab-pane"))) {
                            if (n instanceof TabPane inner && shown(inner)) {
                                for (int k = 1; k < inner.getTabs().size(); k++) {
                                    Tab sub = inner.getTabs().get(k);
                                    robot.interact(() -> inner.getSelectionModel().select(sub));
                                    settle(robot);
                                    look(main, "tab-" + slug(tab.getText()) + "-" + slug(sub.getText()), t, size);
                                }
                                robot.interact(() -> inner.getSelectionModel().select(0));
                            }
                        }
                    }
                }
                // the Safe read from the chain, and a journal entry's detail
                tabNamed(robot, "Safe").ifPresent(tab -> {
                    robot.lookup("#glance-read").tryQueryAs(Button.class).ifPresent(b -> {
                        robot.interact(b::fire);
                        waitUntil(60, () -> robot.lookup("#glance-modules").tryQuery().isPresent());
                        settle(robot);
                        look(main, "tab-safe-read", t, size);
                    });
                });
                tabNamed(robot, "Journal").ifPresent(tab -> {
                    robot.lookup("#journal-tab").tryQuery();
                    Optional<TableView<?>> table = robot.lookup(".table-view").match(ConsoleTourFxTest::shown).tryQueryAs(TableView.class)
                            .map(v -> (TableView<?>) v);
                    table.filter(v -> !v.getItems().isEmpty()).ifPresent(v -> {
                        robot.interact(() -> v.getSelectionModel().select(0));
                        settle(robot);
                        look(main, "tab-journal-entry", t, size);
                    });
                });
            }
            resize(robot, SMALLEST);
            selectFirstRequest(robot);
            menus(robot, t);
            requestButtons(robot, t);
            timelockButtons(robot, t);
            // each theme signs and executes a request of its own (the demo queues two)
            signingAndExecuting(robot, t, theme.ordinal());
        }
        System.out.println("tour: " + shot.size() + " screenshots in target/screenshots/tour: " + shot);
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    // ---- the screens ----------------------------------------------------------------------

    /** Every leaf item of the menus (but Quit and the tab switches of View): the windows it opens. */
    void menus(FxRobot robot, String theme) {
        MenuBar bar = (MenuBar) main.getScene().lookup(".menu-bar");
        List<MenuItem> items = new ArrayList<>();
        for (Menu m : bar.getMenus()) {
            if (!"menu-view".equals(m.getId())) {
                leaves(m, items);
            }
        }
        for (MenuItem item : items) {
            if ("menu-quit".equals(item.getId()) || item.getText() == null) {
                continue;
            }
            String name = "menu-" + slug(path(item));
            opened(robot, () -> item.fire(), name, theme);
        }
    }

    /** The Requests tab's buttons that open a window ("…"): the queue's and the selected request's. */
    void requestButtons(FxRobot robot, String theme) {
        selectFirstRequest(robot);
        List<Button> buttons = robot.lookup("#queue-view").tryQuery()
                .map(d -> ((Parent) d).lookupAll(".button").stream().filter(Button.class::isInstance).map(Button.class::cast)
                        .filter(b -> b.getText() != null && b.getText().endsWith("…") && shown(b) && !b.isDisabled()).toList())
                .orElse(List.of());
        for (Button b : buttons) {
            opened(robot, b::fire, "request-" + slug(b.getText()), theme);
        }
    }

    /**
     * The Timelocks tab's buttons that open a window ("…"): Schedule… and the demo operation's
     * Cancel… (one of each text: every row opens the same window).
     */
    void timelockButtons(FxRobot robot, String theme) {
        Optional<Tab> tab = tabNamed(robot, "Timelocks");
        if (tab.isEmpty() || !(tab.get().getContent() instanceof Parent content)) {
            problems.add("the main window has no Timelocks tab to tour");
            return;
        }
        // the demo's operation is read from the chain in the background: wait for its row's Cancel…
        waitUntil(60, () -> fx(() -> content.lookupAll(".button").stream()
                .anyMatch(b -> b instanceof Button x && "Cancel…".equals(x.getText()) && shown(x) && !x.isDisabled())));
        Set<String> seen = new HashSet<>();
        List<Button> buttons = fx(() -> content.lookupAll(".button").stream().filter(Button.class::isInstance).map(Button.class::cast)
                .filter(b -> b.getText() != null && b.getText().endsWith("…") && shown(b) && !b.isDisabled())
                .filter(b -> seen.add(b.getText())).toList());
        if (buttons.size() < 2) {
            problems.add("the Timelocks tab shows " + buttons.size() + " window buttons, expected Schedule… and Cancel…");
        }
        for (Button b : buttons) {
            opened(robot, b::fire, "timelock-" + slug(b.getText()), theme);
        }
        selectFirstRequest(robot);
    }

    /** The signer picker, the device wait with its Cancel, and the fee shown before executing. */
    void signingAndExecuting(FxRobot robot, String theme, int row) {
        selectRequest(robot, row);
        Button sign = robot.lookup("#sign-button").queryAs(Button.class);
        // the device wait: pick the waiting device, look, then Cancel
        Set<Window> before = new HashSet<>(Window.getWindows());
        Platform.runLater(sign::fire);
        DialogPane picker = waitForDialog(robot, before);
        choose(robot, picker, device.label());
        waitUntil(30, () -> robot.lookup("#device-cancel").match(ConsoleTourFxTest::shown).tryQuery().isPresent());
        settle(robot);
        look(robot.lookup("#device-cancel").query().getScene().getWindow(), "device-wait", theme, null);
        robot.interact(() -> robot.lookup("#device-cancel").queryAs(Button.class).fire());
        device.release.countDown();
        closeNewWindows(robot, before);
        device.release = new CountDownLatch(1);

        // two demo keys sign, then Execute shows the fee before anything is sent
        for (int k = 0; k < 2 && signatures(row) < 2; k++) {
            Set<Window> b = new HashSet<>(Window.getWindows());
            Button again = robot.lookup("#sign-button").match(ConsoleTourFxTest::shown).queryAs(Button.class);
            Platform.runLater(again::fire);
            DialogPane p = waitForDialog(robot, b);
            choose(robot, p, demo.signers().get(signatures(row)).label());
            waitUntil(60, () -> Window.getWindows().stream().anyMatch(w -> !b.contains(w) && w.getScene() != null
                    && w.getScene().getRoot() instanceof DialogPane d && d.getHeaderText() != null && d.getHeaderText().startsWith("Signed")
                    || w.getScene() != null && w.getScene().getRoot() instanceof DialogPane d2 && d2.getContentText() != null
                            && d2.getContentText().startsWith("Signed by")));
            settle(robot);
            if (k == 0) {
                Window done = Window.getWindows().stream().filter(w -> !b.contains(w) && w.isShowing()).reduce((x, y) -> y).orElseThrow();
                look(done, "signed", theme, null);
            }
            closeNewWindows(robot, b);
            selectRequest(robot, row);
        }
        // the fee of the request at the Safe's nonce (row 0; the other waits for it), cancelled: nothing is sent
        selectRequest(robot, 0);
        Set<Window> b = new HashSet<>(Window.getWindows());
        robot.interact(() -> robot.lookup("#execute-button").queryAs(Button.class).fire());
        waitUntil(60, () -> robot.lookup("#execute-fee").match(ConsoleTourFxTest::shown).tryQuery().isPresent());
        settle(robot);
        look(robot.lookup("#execute-fee").query().getScene().getWindow(), "execute-fee", theme, null);
        closeNewWindows(robot, b);
    }

    // ---- checks and pictures --------------------------------------------------------------

    /** Checks the window's screen and saves its picture as {@code name-theme-size.png}. */
    void look(Window window, String name, String theme, Size size) {
        String id = name + "-" + theme + "-" + (size == null ? "window" : size);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> found = fx(() -> check(window, size));
        found.forEach(p -> problems.add(id + ": " + p));
        fx(() -> Screens.png(window.getScene().getRoot(), "tour/" + id));
        shot.add(id);
    }

    /** What is cut off or outside the window in {@code window}'s scene (FX thread). */
    static List<String> check(Window window, Size size) {
        List<String> found = new ArrayList<>();
        Scene scene = window.getScene();
        // the main window is checked at each size; a window of its own sizes itself by the screen it opens on
        var screen = javafx.stage.Screen.getPrimary().getBounds();
        double maxW = size == null ? screen.getWidth() : size.width();
        double maxH = size == null ? screen.getHeight() : size.height();
        if (window.getWidth() > maxW + 1 || window.getHeight() > maxH + 1) {
            found.add("the window is " + (int) window.getWidth() + "×" + (int) window.getHeight() + ", larger than "
                    + (int) maxW + "×" + (int) maxH);
        }
        double w = scene.getWidth();
        double h = scene.getHeight();
        walk(scene.getRoot(), node -> {
            if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && !inside(l, Cell.class)) {
                // the label's own text node (a TitledPane's content has text nodes of its own)
                Text text = l.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(Text.class::cast).findFirst().orElse(null);
                // a mnemonic's underscore is not drawn
                String wanted = l.isMnemonicParsing() ? l.getText().replaceFirst("_(?!_)", "").replace("__", "_") : l.getText();
                if (text != null && !text.getText().equals(wanted)) {
                    found.add("cut off: \"" + l.getText() + "\" shows as \"" + text.getText() + "\" (" + describe(l) + ")");
                }
            }
            if (!clipped(node)) {
                Bounds b = node.localToScene(node.getLayoutBounds());
                if (b.getWidth() > 0 && b.getHeight() > 0 && (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > w + 1 || b.getMaxY() > h + 1)) {
                    found.add("outside the window (" + (int) w + "×" + (int) h + "): " + describe(node) + " at "
                            + (int) b.getMinX() + "," + (int) b.getMinY() + " to " + (int) b.getMaxX() + "," + (int) b.getMaxY());
                }
            }
        });
        // one line per node: a region that overflows makes all its children overflow too; keep the outermost
        return dedupe(found);
    }

    static List<String> dedupe(List<String> found) {
        List<String> out = new ArrayList<>();
        int outside = 0;
        for (String f : found) {
            if (f.startsWith("outside")) {
                if (outside++ < 3) {
                    out.add(f);
                }
            } else {
                out.add(f);
            }
        }
        if (outside > 3) {
            out.add("… and " + (outside - 3) + " more nodes outside the window");
        }
        return out;
    }

    /** Visible nodes, depth first. */
    static void walk(Node node, java.util.function.Consumer<Node> visit) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        visit.accept(node);
        if (node instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, visit);
            }
        }
    }

    static boolean inside(Node n, Class<?> type) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (type.isInstance(p)) {
                return true;
            }
        }
        return false;
    }

    /** Inside a scrolled or clipped area (scroll panes, tables, text areas): the area itself is checked instead. */
    static boolean clipped(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p.getClip() != null) {
                return true;
            }
        }
        return false;
    }

    static String describe(Node n) {
        StringBuilder s = new StringBuilder(n.getClass().getSimpleName());
        if (n.getId() != null) {
            s.append('#').append(n.getId());
        }
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null) {
                s.append(" in #").append(p.getId());
                break;
            }
        }
        return s.toString();
    }

    // ---- driving ------------------------------------------------------------------------

    /** Runs {@code action} (it may open a modal dialog), then looks at every window it opened and closes them. */
    void opened(FxRobot robot, Runnable action, String name, String theme) {
        Set<Window> before = new HashSet<>(Window.getWindows());
        Platform.runLater(action);
        boolean appeared = poll(3, () -> Window.getWindows().stream().anyMatch(w -> !before.contains(w) && w.isShowing() && w.getScene() != null
                && !(w instanceof javafx.stage.PopupWindow)));
        if (appeared) {
            settle(robot);
            int n = 0;
            for (Window w : List.copyOf(Window.getWindows())) {
                if (!before.contains(w) && w.isShowing() && !(w instanceof javafx.stage.PopupWindow)) {
                    look(w, n++ == 0 ? name : name + "-" + n, theme, null);
                }
            }
        }
        closeNewWindows(robot, before);
    }

    /** Closes what opened since {@code before}, newest first: a dialog by its Cancel (or only) button, a window by hiding it. */
    void closeNewWindows(FxRobot robot, Set<Window> before) {
        for (int round = 0; round < 10; round++) {
            List<Window> open = Window.getWindows().stream()
                    .filter(w -> !before.contains(w) && w.isShowing() && !(w instanceof javafx.stage.PopupWindow)).toList();
            if (open.isEmpty()) {
                return;
            }
            Window last = open.getLast();
            robot.interact(() -> {
                if (last.getScene() != null && last.getScene().getRoot() instanceof DialogPane pane) {
                    Button cancel = null;
                    for (ButtonType type : pane.getButtonTypes()) {
                        if (pane.lookupButton(type) instanceof Button b
                                && (cancel == null || type.getButtonData().isCancelButton() || type.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE)) {
                            cancel = b;
                        }
                    }
                    if (cancel != null) {
                        cancel.fire();
                        return;
                    }
                }
                Optional<Button> cancel = last.getScene() == null ? Optional.empty() : last.getScene().getRoot().lookupAll(".button").stream()
                        .filter(Button.class::isInstance).map(Button.class::cast).filter(Button::isCancelButton).findFirst();
                if (cancel.isPresent()) {
                    cancel.get().fire();
                } else {
                    last.hide();
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    DialogPane waitForDialog(FxRobot robot, Set<Window> before) {
        waitUntil(30, () -> Window.getWindows().stream().anyMatch(w -> !before.contains(w) && w.isShowing()
                && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane));
        settle(robot);
        return (DialogPane) Window.getWindows().stream().filter(w -> !before.contains(w) && w.isShowing()
                && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane).reduce((a, b) -> b).orElseThrow().getScene().getRoot();
    }

    /** Picks the choice starting with {@code label} in a choice dialog and presses OK. */
    static void choose(FxRobot robot, DialogPane pane, String label) {
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> box = (ComboBox<String>) pane.lookup(".combo-box");
            box.setValue(box.getItems().stream().filter(c -> c.startsWith(label)).findFirst().orElseThrow());
            ((Button) pane.lookupButton(ButtonType.OK)).fire();
        });
    }

    int signatures(int index) {
        return fx(() -> {
            TableView<?> t = (TableView<?>) main.getScene().lookup("#queue-table");
            Object row = t.getItems().get(index);
            var e = (io.countersign.app.session.RequestQueue.Entry) row;
            return e.request().signatures().size();
        });
    }

    void selectFirstRequest(FxRobot robot) {
        selectRequest(robot, 0);
    }

    void selectRequest(FxRobot robot, int index) {
        robot.interact(() -> {
            tabs().getSelectionModel().select(0);
            TableView<?> t = (TableView<?>) main.getScene().lookup("#queue-table");
            t.getSelectionModel().select(index);
        });
        settle(robot);
    }

    TabPane tabs() {
        return (TabPane) main.getScene().lookup("#main-tabs");
    }

    Optional<Tab> tabNamed(FxRobot robot, String name) {
        Optional<Tab> tab = tabs().getTabs().stream().filter(t -> name.equals(t.getText())).findFirst();
        tab.ifPresent(t -> {
            robot.interact(() -> tabs().getSelectionModel().select(t));
            settle(robot);
        });
        return tab;
    }

    void resize(FxRobot robot, Size size) {
        robot.interact(() -> {
            main.setMaximized(false);
            main.setX(0);
            main.setY(0);
            main.setWidth(size.width());
            main.setHeight(size.height());
        });
        settle(robot);
    }

    /** Lets background reads finish (no spinning progress left) and layout settle. */
    static void settle(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        poll(20, () -> fx(() -> Window.getWindows().stream().filter(Window::isShowing)
                .filter(w -> w.getScene() != null)
                .noneMatch(w -> w.getScene().getRoot().lookupAll(".progress-indicator").stream()
                        .anyMatch(n -> n instanceof ProgressIndicator p && shown(p) && p.isIndeterminate()
                                && !inside(p, DialogPane.class) && !"device-wait".equals(p.getId())
                                && p.getScene().lookup("#device-cancel") == null))));
        WaitForAsyncUtils.sleep(250, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** {@code work}'s answer, computed on the FX thread. */
    static <T> T fx(java.util.concurrent.Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static boolean poll(int seconds, BooleanSupplier done) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) {
                return true;
            }
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    static void waitUntil(int seconds, BooleanSupplier done) {
        if (!poll(seconds, done)) {
            throw new AssertionError("the screen did not appear within " + seconds + " s");
        }
    }

    static boolean shown(Node n) {
        if (n.getScene() == null || n.getScene().getWindow() == null || !n.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    static void leaves(Menu menu, List<MenuItem> out) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof Menu m) {
                leaves(m, out);
            } else if (!(i instanceof javafx.scene.control.SeparatorMenuItem)) {
                out.add(i);
            }
        }
    }

    static String path(MenuItem item) {
        return item.getParentMenu() == null || item.getParentMenu().getParentMenu() == null ? item.getText()
                : item.getParentMenu().getText() + " " + item.getText();
    }

    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 40 ? s.substring(0, 40).replaceAll("-$", "") : s;
    }
}
