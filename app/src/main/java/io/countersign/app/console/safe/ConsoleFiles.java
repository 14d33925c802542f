package io.countersign.app.console.safe;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The desktop's file dialogs for the Safe screens: open one or several files, save one. The
 * dialogs are the operating system's own (GTK, Windows, macOS), which a robot cannot drive under
 * Xvfb; a test installs a {@link Chooser} that answers as the officer would (the files named by
 * the test), and everything after the answer runs as it does for a person.
 */
public final class ConsoleFiles {
    /** What the file dialogs answer. */
    public interface Chooser {
        /** The files picked to open (empty when cancelled). */
        List<Path> open(Window owner, String title, boolean many);

        /** Where to save (empty when cancelled). */
        Optional<Path> save(Window owner, String title, String suggestedName);
    }

    /** The desktop's own dialogs. */
    public static final Chooser NATIVE = new Chooser() {
        @Override
        public List<Path> open(Window owner, String title, boolean many) {
            FileChooser chooser = chooser(title);
            if (many) {
                List<File> files = chooser.showOpenMultipleDialog(owner);
                return files == null ? List.of() : files.stream().map(File::toPath).toList();
            }
            File f = chooser.showOpenDialog(owner);
            return f == null ? List.of() : List.of(f.toPath());
        }

        @Override
        public Optional<Path> save(Window owner, String title, String suggestedName) {
            FileChooser chooser = chooser(title);
            chooser.setInitialFileName(suggestedName);
            return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
        }

        private FileChooser chooser(String title) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON", "*.json"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            return chooser;
        }
    };

    private static volatile Chooser chooser = NATIVE;

    private ConsoleFiles() {}

    static Chooser chooser() {
        return chooser;
    }

    /** Asks for files to open, with the dialogs in use. */
    public static List<Path> open(Window owner, String title, boolean many) {
        return chooser.open(owner, title, many);
    }

    /** Replaces the dialogs (a test's answers), or restores them with {@link #NATIVE}. */
    public static void use(Chooser replacement) {
        chooser = replacement;
    }
}
