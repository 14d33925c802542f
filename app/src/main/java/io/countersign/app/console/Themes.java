package io.countersign.app.console;

import io.countersign.app.session.ConsoleSettings.Theme;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * The console's light and dark themes, applied to every window the console opens — the main
 * window, its forms and wizards, and every {@code Dialog} or {@code Alert} any class creates —
 * from one place: a listener on JavaFX's list of open windows ({@link Window#getWindows()}) puts
 * {@code theme-base.css} and the theme's sheet first on each window's scene, and again when a
 * window's scene is replaced. A class that opens a window needs no code for this.
 *
 * <p>The other sheets colour text through the palette {@code theme-base.css} defines
 * ({@code -cs-danger}, {@code -cs-ok}, …); the dark sheet redefines it. All methods run on the
 * JavaFX application thread.
 */
public final class Themes {
    private Themes() {}

    private static final String BASE = Themes.class.getResource("theme-base.css").toExternalForm();
    private static final String LIGHT = Themes.class.getResource("theme-light.css").toExternalForm();
    private static final String DARK = Themes.class.getResource("theme-dark.css").toExternalForm();
    private static final String HOOKED = "countersign.theme.hooked";

    private static Theme current = Theme.LIGHT;
    private static boolean installed;

    /** The theme in use. */
    public static Theme current() {
        return current;
    }

    /** Uses {@code theme} for every open window and every window opened from now on. */
    public static void use(Theme theme) {
        requireFx();
        current = theme == null ? Theme.LIGHT : theme;
        ensureInstalled();
        List.copyOf(Window.getWindows()).forEach(Themes::apply);
    }

    /**
     * Installs the window listener with the theme in use (light until {@link #use} says
     * otherwise), once per JVM. Views that bring their own sheets call it, so they find the
     * palette even when a window opens them without the main window (the tests do).
     */
    public static void ensureInstalled() {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(Themes::ensureInstalled);
            return;
        }
        if (installed) {
            return;
        }
        installed = true;
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(Themes::apply);
            }
        });
        List.copyOf(Window.getWindows()).forEach(Themes::apply);
    }

    private static void apply(Window window) {
        if (!Boolean.TRUE.equals(window.getProperties().get(HOOKED))) {
            window.getProperties().put(HOOKED, Boolean.TRUE);
            window.sceneProperty().addListener((obs, old, scene) -> style(scene));
        }
        style(window.getScene());
    }

    /** Puts the base sheet and the current theme's sheet first on {@code scene} (null: nothing). */
    public static void style(Scene scene) {
        if (scene == null) {
            return;
        }
        var sheets = scene.getStylesheets();
        String wanted = current == Theme.DARK ? DARK : LIGHT;
        if (sheets.size() >= 2 && sheets.get(0).equals(BASE) && sheets.get(1).equals(wanted)) {
            return;
        }
        sheets.removeAll(BASE, LIGHT, DARK);
        sheets.addAll(0, List.of(BASE, wanted));
    }

    private static void requireFx() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("themes are applied on the JavaFX application thread");
        }
    }
}
