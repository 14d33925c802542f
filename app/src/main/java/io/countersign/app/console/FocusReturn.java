package io.countersign.app.console;

import javafx.collections.ListChangeListener;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Hands the keyboard focus back when one of the console's dialogs or secondary windows closes:
 * to the window that owns it when that is still showing, else to the main window.
 *
 * <p>Window managers do this themselves; without one (a bare X session on an air-gapped signing
 * machine, a kiosk, Xvfb) nobody does: the X focus falls back to the root window and the window
 * under the pointer is only "pointer-focused". The first menu opened after that closed again at
 * once (the pointer entering the menu's popup took the pointer focus from the window, and a menu
 * bar closes its menus when its window loses the focus), and typing went to whatever was under
 * the pointer. The focus is asked for while the closing window still holds it (on
 * {@link WindowEvent#WINDOW_HIDING}): asked for after it is gone, the request carries the last
 * click's time, older than the focus change the closing caused, and the X server ignores it.
 * Where a window manager runs, the request agrees with what it does anyway.
 */
public final class FocusReturn {
    private static final String HOOKED = FocusReturn.class.getName();

    private FocusReturn() {}

    /** Installs the behaviour for the console's windows, once per main window {@code main}. */
    public static void install(Stage main) {
        if (main.getProperties().putIfAbsent(HOOKED, Boolean.TRUE) != null) {
            return;
        }
        Window.getWindows().forEach(w -> hook(main, w));
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(w -> hook(main, w));
            }
        });
    }

    private static void hook(Stage main, Window w) {
        if (w == main || w instanceof PopupWindow || w.getProperties().putIfAbsent(HOOKED, Boolean.TRUE) != null) {
            return;
        }
        w.addEventFilter(WindowEvent.WINDOW_HIDING, e -> {
            if (!w.isFocused() || !main.isShowing()) {
                return;
            }
            Window owner = w instanceof Stage s ? s.getOwner() : null;
            (owner != null && owner.isShowing() ? owner : main).requestFocus();
        });
    }
}
