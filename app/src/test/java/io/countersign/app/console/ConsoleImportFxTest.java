package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.eth.testing.TestPaths;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's import in a real window (TestFX under Xvfb), offline: a file dropped on the queue
 * (JavaFX's file chooser is the desktop's native dialog, which a robot cannot drive under Xvfb, so
 * the drop is the path exercised), the Safe's facts typed into the dialog as an officer would,
 * and the importer's warnings shown before the queue lists the new request. A refused file shows
 * why and leaves the queue as it was.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleImportFxTest {
    static final String DAO_SAFE = "0x10A19e7eE7d7F8a52822f6817de8ea18204F2e4f";
    Path dataDir;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("countersign-fx-import-");
        AppContext ctx = new AppContext(dataDir, true, null, true, Map.of());
        MainWindow.show(stage, new ConsoleSession(ctx, List.of()));
    }

    /** A real BIP-299 batch (test-vectors/safe-import) with one input changed after the Builder wrote its checksum. */
    Path tamperedBatch() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode batch = (ObjectNode) json.readTree(Files.readString(TestPaths.vectors().resolve("safe-import/builder/balancer-BIP-299.json")));
        ((ObjectNode) batch.get("transactions").get(0).get("contractInputsValues")).put("account", "0x000000000000000000000000000000000000dEaD");
        Path f = dataDir.resolve("BIP-299-edited.json");
        Files.writeString(f, batch.toString(), StandardCharsets.UTF_8);
        return f;
    }

    /**
     * Drops {@code file} on the queue: DRAG_OVER then DRAG_DROPPED with a dragboard holding the
     * file, as the desktop's drag-and-drop delivers it ({@link DesktopFileDrag}; JavaFX has no
     * public way to make a dragboard).
     */
    static void drop(FxRobot robot, Path file) {
        Node target = robot.lookup("#queue-view").query();
        robot.interact(() -> {
            Dragboard board = com.sun.javafx.scene.input.DragboardHelper.createDragboard(new DesktopFileDrag(file.toFile()));
            var bounds = target.localToScreen(target.getBoundsInLocal());
            double x = bounds.getCenterX();
            double y = bounds.getCenterY();
            DragEvent over = new DragEvent(null, target, DragEvent.DRAG_OVER, board, x, y, x, y, TransferMode.COPY, null, target, null);
            Event.fireEvent(target, over);
            DragEvent dropped = new DragEvent(null, target, DragEvent.DRAG_DROPPED, board, x, y, x, y, TransferMode.COPY, null, target, null);
            Event.fireEvent(target, dropped);
            assertTrue(over.isAccepted(), "the queue accepts a dragged file");
            assertTrue(dropped.isDropCompleted(), "the drop was taken");
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * A named test fixture: what the desktop's drag-and-drop hands JavaFX when a file manager
     * drags one file with the copy gesture (the platform clipboard behind a {@link Dragboard}).
     */
    static final class DesktopFileDrag implements com.sun.javafx.tk.TKClipboard {
        private final List<File> files;

        DesktopFileDrag(File file) {
            this.files = List.of(file);
        }

        @Override
        public java.util.Set<DataFormat> getContentTypes() {
            return java.util.Set.of(DataFormat.FILES);
        }

        @Override
        @SafeVarargs
        public final boolean putContent(javafx.util.Pair<DataFormat, Object>... content) {
            return false;
        }

        @Override
        public Object getContent(DataFormat format) {
            return DataFormat.FILES.equals(format) ? files : null;
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return DataFormat.FILES.equals(format);
        }

        @Override
        public java.util.Set<TransferMode> getTransferModes() {
            return java.util.Set.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(javafx.scene.image.Image image) {}

        @Override
        public void setDragViewOffsetX(double offsetX) {}

        @Override
        public void setDragViewOffsetY(double offsetY) {}

        @Override
        public javafx.scene.image.Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }

    void type(FxRobot robot, String id, String text) {
        robot.clickOn(id).write(text);
    }

    List<Path> requests() throws Exception {
        Path dir = dataDir.resolve("requests");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    @Test
    void aDroppedBatchWithATamperedChecksumIsImportedWithTheWarningShown(FxRobot robot) throws Exception {
        drop(robot, tamperedBatch());
        // Pre-filled from the file: the Safe and the chain; the officer types the rest.
        assertEquals(DAO_SAFE, robot.lookup("#import-safe").queryTextInputControl().getText());
        assertEquals("1", robot.lookup("#import-chain-id").queryTextInputControl().getText());
        type(robot, "#import-safe-version", "1.3.0");
        type(robot, "#import-owners", "0x0000000000000000000000000000000000000001,0x0000000000000000000000000000000000000002");
        type(robot, "#import-threshold", "1");
        type(robot, "#import-nonce", "12");
        robot.clickOn("#import-ok");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#import-warnings").tryQuery().isPresent());
        VBox warnings = robot.lookup("#import-warnings").queryAs(VBox.class);
        String first = ((Label) warnings.getChildren().getFirst()).getText();
        assertTrue(first.startsWith("WARNING: CHECKSUM MISMATCH: meta.checksum is 0xa221f38d898465fb29de30c50a18ffe8c5f919db38bf506c08a31310221ecd6e"), first);
        assertTrue(robot.lookup("#import-summary").queryLabeled().getText().contains("Transaction Builder checksum NOT VALID"));
        assertEquals(1, requests().size());
        javafx.scene.control.TableView<io.countersign.app.session.RequestQueue.Entry> table = robot.lookup("#queue-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        var entry = table.getItems().getFirst();
        assertTrue(entry.ok(), "the queue reads the imported request: " + entry.error());
        assertEquals("Transactions Batch (7 calls)", entry.request().description());
        assertEquals(new java.math.BigInteger("12"), entry.request().tx().nonce());
    }

    @Test
    void aDroppedFileThatContradictsItselfIsRefusedAndNothingIsWritten(FxRobot robot) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode batch = (ObjectNode) json.readTree(Files.readString(TestPaths.vectors().resolve(
                "safe-import/builder/balancer-2023-W26-mainnet-dao.json")));
        ((ObjectNode) batch.get("transactions").get(1)).put("data", "0xa9059cbb000000000000000000000000811912c19eef91b9dc3ca52fc426590cfb84fc86"
                + "0000000000000000000000000000000000000000000000000000008000e8dc00");
        Path f = dataDir.resolve("contradicting.json");
        Files.writeString(f, batch.toString(), StandardCharsets.UTF_8);
        drop(robot, f);
        type(robot, "#import-safe-version", "1.3.0");
        type(robot, "#import-owners", "0x0000000000000000000000000000000000000001");
        type(robot, "#import-threshold", "1");
        type(robot, "#import-nonce", "3");
        robot.clickOn("#import-ok");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup((Label l) -> l.getText() != null
                && l.getText().contains("does not match its contractMethod")).tryQuery().isPresent());
        assertTrue(robot.lookup((Label l) -> "Import refused — nothing was written".equals(l.getText())).tryQuery().isPresent());
        assertEquals(List.of(), requests());
    }
}
