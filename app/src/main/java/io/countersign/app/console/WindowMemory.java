package io.countersign.app.console;

import io.countersign.app.session.ConsoleSettings;
import io.countersign.app.session.ConsoleSettings.WindowLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The main window's size, position, maximized state, selected tab and split-pane dividers,
 * remembered in the data folder's settings ({@link ConsoleSettings#window()}): restored when the
 * window first opens (clamped to the screens there are now, so a window last shown on a monitor
 * that is gone opens on one that is there) and written when it closes. A split pane is
 * remembered when it has a node id; one on a tab that is built when first opened gets its
 * dividers when it appears.
 */
public final class WindowMemory {
    private WindowMemory() {}

    private static final String STATE = "countersign.window.memory";

    /** What one stage remembers across the reopenings of the main window on it. */
    private static final class State {
        Path dataDir;
        TabPane tabs;
        /** The bounds before the window was maximized. */
        Rectangle2D normal;
        /** Dividers read from the settings and not yet applied, plus those of split panes not built this time. */
        final Map<String, List<Double>> dividers = new LinkedHashMap<>();
    }

    /** The smallest window the console is laid out for. */
    static final double MIN_WIDTH = 1024;
    static final double MIN_HEIGHT = 640;

    /**
     * Attaches to the main window's stage before it is shown: on the first call for a stage it
     * restores {@code remembered} (null: the size the window already has, centred); later calls
     * (the window reopened on another context) only follow the new data folder and tabs.
     */
    public static void attach(Stage stage, TabPane tabs, Path dataDir, WindowLayout remembered) {
        State state = (State) stage.getProperties().get(STATE);
        boolean first = state == null;
        if (first) {
            state = new State();
            stage.getProperties().put(STATE, state);
            State s = state;
            stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> save(stage, s));
            Runnable track = () -> {
                if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0) {
                    s.normal = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
                }
            };
            stage.xProperty().addListener(o -> track.run());
            stage.yProperty().addListener(o -> track.run());
            stage.widthProperty().addListener(o -> track.run());
            stage.heightProperty().addListener(o -> track.run());
        }
        state.dataDir = dataDir;
        state.tabs = tabs;
        if (!first) {
            return;
        }
        if (remembered != null) {
            Rectangle2D r = clamp(new Rectangle2D(remembered.x(), remembered.y(), remembered.width(), remembered.height()),
                    Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
            stage.setX(r.getMinX());
            stage.setY(r.getMinY());
            stage.setWidth(r.getWidth());
            stage.setHeight(r.getHeight());
            state.normal = r;
            if (remembered.maximized()) {
                stage.setMaximized(true);
            }
            if (remembered.tab() != null) {
                tabs.getTabs().stream().filter(t -> remembered.tab().equals(t.getText())).findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t));
            }
            state.dividers.putAll(remembered.dividers());
        }
        State s = state;
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> Platform.runLater(() -> applyDividers(stage.getScene(), s)));
        Platform.runLater(() -> applyDividers(stage.getScene(), s));
    }

    /**
     * {@code wanted} moved and shrunk to lie on the screen it overlaps most ({@code screens}:
     * their visual bounds), at least {@link #MIN_WIDTH}×{@link #MIN_HEIGHT} where the screen is
     * that large; on the first screen when it overlaps none.
     */
    static Rectangle2D clamp(Rectangle2D wanted, List<Rectangle2D> screens) {
        Rectangle2D best = screens.getFirst();
        double bestArea = 0;
        for (Rectangle2D s : screens) {
            double w = Math.min(wanted.getMaxX(), s.getMaxX()) - Math.max(wanted.getMinX(), s.getMinX());
            double h = Math.min(wanted.getMaxY(), s.getMaxY()) - Math.max(wanted.getMinY(), s.getMinY());
            double area = w > 0 && h > 0 ? w * h : 0;
            if (area > bestArea) {
                bestArea = area;
                best = s;
            }
        }
        double width = Math.min(Math.max(wanted.getWidth(), Math.min(MIN_WIDTH, best.getWidth())), best.getWidth());
        double height = Math.min(Math.max(wanted.getHeight(), Math.min(MIN_HEIGHT, best.getHeight())), best.getHeight());
        double x = bestArea == 0 ? best.getMinX() + (best.getWidth() - width) / 2
                : Math.min(Math.max(wanted.getMinX(), best.getMinX()), best.getMaxX() - width);
        double y = bestArea == 0 ? best.getMinY() + (best.getHeight() - height) / 2
                : Math.min(Math.max(wanted.getMinY(), best.getMinY()), best.getMaxY() - height);
        return new Rectangle2D(x, y, width, height);
    }

    private static void applyDividers(Scene scene, State state) {
        if (scene == null || state.dividers.isEmpty()) {
            return;
        }
        for (Node n : scene.getRoot().lookupAll(".split-pane")) {
            if (n instanceof SplitPane split && split.getId() != null && state.dividers.containsKey(split.getId())
                    && split.getDividers().size() == state.dividers.get(split.getId()).size()) {
                double[] positions = state.dividers.remove(split.getId()).stream().mapToDouble(Double::doubleValue).toArray();
                split.setDividerPositions(positions);
            }
        }
    }

    /** The stage's layout now, as the settings file keeps it. */
    static WindowLayout capture(Stage stage) {
        State state = (State) stage.getProperties().get(STATE);
        Rectangle2D r = state != null && state.normal != null ? state.normal
                : new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        Map<String, List<Double>> dividers = new LinkedHashMap<>(state == null ? Map.of() : state.dividers);
        String tab = null;
        if (state != null && state.tabs != null) {
            Tab selected = state.tabs.getSelectionModel().getSelectedItem();
            tab = selected == null ? null : selected.getText();
        }
        if (stage.getScene() != null) {
            for (Node n : stage.getScene().getRoot().lookupAll(".split-pane")) {
                if (n instanceof SplitPane split && split.getId() != null) {
                    List<Double> positions = new ArrayList<>();
                    for (double p : split.getDividerPositions()) {
                        positions.add(Math.min(1, Math.max(0, p)));
                    }
                    dividers.put(split.getId(), positions);
                }
            }
        }
        return new WindowLayout(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), stage.isMaximized(), tab, dividers);
    }

    private static void save(Stage stage, State state) {
        if (state.dataDir == null) {
            return;
        }
        try {
            ConsoleSettings.load(state.dataDir).withWindow(capture(stage)).save(state.dataDir);
        } catch (RuntimeException damagedOrUnwritable) {
            // a damaged settings file is left as it is (the next start names it); the layout is not worth losing it
        }
    }
}
