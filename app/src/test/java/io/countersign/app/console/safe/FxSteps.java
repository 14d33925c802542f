package io.countersign.app.console.safe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.multisig.SafeTx;
import java.awt.image.BufferedImage;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the Safe screens' tests do as an officer would: clicks and typing through TestFX, and looking at the result. */
final class FxSteps {
    private FxSteps() {}

    /** Answers the file dialogs as an officer picking these files would (the desktop's dialog cannot be driven under Xvfb). */
    static final class Answers implements ConsoleFiles.Chooser {
        final List<List<Path>> opens = new ArrayList<>();
        final List<Path> saves = new ArrayList<>();

        @Override
        public synchronized List<Path> open(Window owner, String title, boolean many) {
            return opens.isEmpty() ? List.of() : opens.removeFirst();
        }

        @Override
        public synchronized Optional<Path> save(Window owner, String title, String suggestedName) {
            return saves.isEmpty() ? Optional.empty() : Optional.of(saves.removeFirst());
        }
    }

    static boolean showing(Node n) {
        return n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing();
    }

    static void menu(FxRobot robot, String... path) throws Exception {
        for (int i = 0; i < path.length; i++) {
            String item = path[i];
            WaitForAsyncUtils.waitForFxEvents();
            try {
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(org.testfx.matcher.control.LabeledMatchers.hasText(item))
                        .match(FxSteps::showing).tryQuery().isPresent());
            } catch (java.util.concurrent.TimeoutException e) {
                dumpWindows(robot, "menu-" + i);
                throw new AssertionError("menu item " + item + " did not appear", e);
            }
            Node target = robot.lookup(org.testfx.matcher.control.LabeledMatchers.hasText(item)).match(FxSteps::showing).query();
            // into a submenu sideways first, along the row that opened it: a diagonal path crosses the
            // parent menu's next item, which closes the submenu
            var bounds = target.localToScreen(target.getBoundsInLocal());
            var mouse = robot.point(target).query();
            robot.moveTo(new javafx.geometry.Point2D(bounds.getMinX() + 8, robot.robotContext().getBaseRobot().retrieveMouse().getY()));
            robot.moveTo(new javafx.geometry.Point2D(bounds.getMinX() + 8, mouse.getY()));
            robot.clickOn(target);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks the queue row whose description is {@code text}. */
    static void selectRow(FxRobot robot, String text) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".table-cell")
                .match((TableCell<?, ?> c) -> text.equals(c.getText()) && showing(c)).tryQuery().isPresent());
        robot.clickOn((Node) robot.lookup(".table-cell").match((TableCell<?, ?> c) -> text.equals(c.getText()) && showing(c)).query());
    }

    /** On a step that timed out: which windows were up and focused, and the main window's picture, for the report. */
    static void dumpWindows(FxRobot robot, String why) {
        robot.interact(() -> {
            System.out.println("Windows when " + why + " timed out:");
            for (Window w : Window.getWindows()) {
                String title = w instanceof javafx.stage.Stage st ? "Stage \"" + st.getTitle() + "\" modality " + st.getModality() : w.getClass().getSimpleName();
                System.out.println("  " + title + " showing=" + w.isShowing() + " focused=" + w.isFocused() + " at " + w.getX() + "," + w.getY()
                        + " " + w.getWidth() + "x" + w.getHeight());
            }
        });
        System.out.println("  mouse at " + robot.robotContext().getBaseRobot().retrieveMouse());
        try {
            screenshot(robot, robot.listWindows().getFirst().getScene().getRoot(), "timed-out-" + why);
        } catch (Exception e) {
            System.out.println("  no screenshot: " + e);
        }
    }

    static void pickSigner(FxRobot robot, int index) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane .combo-box").match(FxSteps::showing).tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            dumpWindows(robot, "pickSigner");
            throw e;
        }
        @SuppressWarnings("unchecked")
        ComboBox<String> box = robot.lookup(".dialog-pane .combo-box").match(FxSteps::showing).queryAs(ComboBox.class);
        robot.clickOn(box);
        for (int i = 0; i < index; i++) {
            robot.type(javafx.scene.input.KeyCode.DOWN);
        }
        robot.type(javafx.scene.input.KeyCode.ENTER);
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> "OK".equals(b.getText()) && showing(b)).queryButton());
    }

    /** A showing dialog whose header starts with one of {@code headers}, laid out (its buttons in the scene) and focused. */
    private static Optional<DialogPane> readyDialog(FxRobot robot, List<String> headers) {
        // the query walks the scene graph from the test thread while the FX thread changes it (a
        // device window's lines arriving): a walk that trips over a change is retried at the next poll
        try {
            return lookupReadyDialog(robot, headers);
        } catch (IndexOutOfBoundsException | java.util.ConcurrentModificationException | NullPointerException changedWhileWalking) {
            return Optional.empty();
        }
    }

    private static Optional<DialogPane> lookupReadyDialog(FxRobot robot, List<String> headers) {
        return robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p) && p.getHeaderText() != null
                && headers.stream().anyMatch(p.getHeaderText()::startsWith) && p.getScene().getWindow().isFocused()
                && !p.lookupAll(".button").isEmpty()).tryQuery();
    }

    /**
     * Waits for a dialog whose header starts with {@code expected} or one of {@code others}, ready
     * for the officer (its buttons shown, its window focused), and checks it is the expected one.
     */
    static DialogPane awaitDialog(FxRobot robot, String expected, String... others) throws Exception {
        List<String> all = new ArrayList<>(List.of(others));
        all.add(expected);
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> readyDialog(robot, all).isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            dumpWindows(robot, "dialog");
            throw new AssertionError("no dialog " + all + " came up, focused", e);
        }
        DialogPane pane = readyDialog(robot, all).orElseThrow();
        String content = pane.getContentText() != null ? pane.getContentText() : "";
        if (pane.getContent() != null) {
            content += " " + robot.from(pane.getContent()).lookup(".label").queryAll().stream()
                    .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        }
        assertTrue(pane.getHeaderText().startsWith(expected), pane.getHeaderText() + ": " + content);
        return pane;
    }

    /** Clicks the dialog's OK (or Close) button, as the officer would, and waits until it is gone. */
    static void close(FxRobot robot, DialogPane pane) throws Exception {
        Button ok = robot.from(pane).lookup(".button").match((Button b) -> List.of("OK", "Close").contains(b.getText())).queryButton();
        robot.clickOn(ok);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !showing(pane));
    }

    static String text(FxRobot robot, String id) {
        return robot.lookup(id).match(FxSteps::showing).queryAs(javafx.scene.control.TextInputControl.class).getText();
    }

    /** The SafeTx the preview's ten fields show (each value's first word). */
    static SafeTx shownSafeTx(FxRobot robot) {
        java.util.function.Function<String, String> f = name -> text(robot, "#new-field-" + name).split(" ")[0];
        return new SafeTx(Address.parse(f.apply("to")), new BigInteger(f.apply("value")), Hex.decode(f.apply("data"), "data"),
                Operation.ofCode(Integer.parseInt(f.apply("operation"))), new BigInteger(f.apply("safeTxGas")),
                new BigInteger(f.apply("baseGas")), new BigInteger(f.apply("gasPrice")), Address.parse(f.apply("gasToken")),
                Address.parse(f.apply("refundReceiver")), new BigInteger(f.apply("nonce")));
    }

    /** Writes the window of {@code node} to target/screenshots/NAME.png (never into the source tree). */
    static Path screenshot(FxRobot robot, Node node, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = node.getScene().getRoot().snapshot(null, null));
        int w = (int) image[0].getWidth();
        int h = (int) image[0].getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader px = image[0].getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, px.getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", file.toFile());
        return file;
    }

    /** Sizes the window that holds {@code node}. */
    static void size(FxRobot robot, Node node, double w, double h) {
        robot.interact(() -> {
            Window win = node.getScene().getWindow();
            win.setX(0);
            win.setY(0);
            win.setWidth(w);
            win.setHeight(h);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
