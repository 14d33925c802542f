package io.countersign.app.console;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one main window titled "Countersign". */
public final class ConsoleApp extends Application {
    @Override
    public void start(Stage stage) {
        MainWindow.show(stage, ConsoleSession.current());
    }

    @Override
    public void stop() {
        ConsoleSession.current().context().close();
    }
}
