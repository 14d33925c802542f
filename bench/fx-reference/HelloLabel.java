import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * Reference for bench/startup.sh: the lightest JavaFX 25 window, one label, run from the class
 * path like the console. The console's start-to-window time is compared with this one's on the
 * same machine in the same run. (The main class does not extend Application: the java launcher
 * refuses such a class when JavaFX is not on the module path.)
 */
public final class HelloLabel {
    private HelloLabel() {}

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The window: titled "HelloLabel", one label. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("HelloLabel");
            stage.setScene(new Scene(new Label("Hello from JavaFX"), 400, 200));
            stage.show();
        }
    }
}
