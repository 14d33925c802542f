package io.countersign.app.console.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.Screens;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.JournalReview;
import io.countersign.journal.ExportFormat;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Journal screen in a real window over a 60-entry journal (20 requests, one entry an hour over
 * three days): filters by kind, Safe and day, an entry's detail with its payload and chain hashes,
 * export to CSV and JSON, Verify selecting the first bad entry of a tampered journal, Verify
 * against a kept head that the journal is cut off behind, and the chart of signed spend per day.
 */
@ExtendWith(ApplicationExtension.class)
class JournalViewFxTest {
    static final int ENTRIES = 60;
    static final ZoneId ZONE = ZoneId.systemDefault();

    Path dataDir;
    List<JournalFixtures.Row> rows;
    AppContext ctx;
    Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("countersign-journal-view-");
        Instant start = LocalDate.now(ZONE).minusDays(2).atStartOfDay(ZONE).toInstant().plus(Duration.ofMinutes(30));
        rows = JournalFixtures.write(dataDir.resolve("journal.sqlite"), ENTRIES, start, Duration.ofHours(1));
        ctx = new AppContext(dataDir, true, null, true, Map.of());
        Optional<Path> none = Optional.empty();
        scene = new Scene(new javafx.scene.layout.StackPane(JournalView.create(ctx,
                f -> Optional.of(dataDir.resolve("export." + f.name().toLowerCase())))), 1400, 820);
        scene.getStylesheets().add(io.countersign.app.console.MainWindow.class.getResource("main.css").toExternalForm());
        stage.setScene(scene);
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private TableView<JournalReview.Row> table(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TableView<JournalReview.Row> t = robot.lookup("#journal-table").queryAs(TableView.class);
        return t;
    }

    private void waitLoaded(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#journal-count").queryAs(Label.class).getText().startsWith("loading"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String verdict(FxRobot robot) {
        return robot.lookup("#journal-verdict").queryAs(Label.class).getText();
    }

    private void waitVerdict(FxRobot robot, String prefix) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> verdict(robot).startsWith(prefix));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the verdict did not start with '" + prefix + "': " + verdict(robot));
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void pickKind(FxRobot robot, String kind) {
        robot.clickOn("#journal-kind");
        robot.clickOn(robot.lookup(".list-cell").match((javafx.scene.control.ListCell<?> c) -> kind.equals(c.getText()))
                .queryAs(javafx.scene.control.ListCell.class));
    }

    @Test
    void filtersByKindSafeAndDayAndShowsAnEntrysPayloadAndChainHashes(FxRobot robot) throws Exception {
        waitLoaded(robot);
        assertEquals(ENTRIES, table(robot).getItems().size());

        pickKind(robot, "DECISION");
        waitLoaded(robot);
        assertEquals(ENTRIES / 3, table(robot).getItems().size());
        assertTrue(table(robot).getItems().stream().allMatch(r -> r.kind().name().equals("DECISION")));
        // a DECISION's Safe comes from the REQUEST with the same safeTxHash
        assertEquals(JournalFixtures.SAFE_B, table(robot).getItems().get(1).safe());
        assertEquals("deny", table(robot).getItems().get(1).decision());

        robot.clickOn("#journal-safe").write(JournalFixtures.SAFE_B.toLowerCase());
        robot.clickOn("#journal-filter");
        waitLoaded(robot);
        assertEquals(10, table(robot).getItems().size(), "the odd requests' decisions");
        assertTrue(table(robot).getItems().stream().allMatch(r -> r.safe().equals(JournalFixtures.SAFE_B)));

        robot.clickOn("#journal-clear");
        waitLoaded(robot);
        assertEquals(ENTRIES, table(robot).getItems().size());
        LocalDate middle = LocalDate.now(ZONE).minusDays(1);
        long onThatDay = rows.stream().filter(r -> r.instant().atZone(ZONE).toLocalDate().equals(middle)).count();
        robot.clickOn(robot.lookup("#journal-from").lookup(".text-field").queryAs(TextField.class)).write(middle.toString())
                .type(KeyCode.ENTER);
        robot.clickOn(robot.lookup("#journal-to").lookup(".text-field").queryAs(TextField.class)).write(middle.toString())
                .type(KeyCode.ENTER);
        robot.clickOn("#journal-filter");
        waitLoaded(robot);
        assertTrue(onThatDay >= 23, "a whole day of hourly entries: " + onThatDay);
        assertEquals(onThatDay, table(robot).getItems().size());
        assertTrue(table(robot).getItems().stream().allMatch(r -> r.time().atZone(ZONE).toLocalDate().equals(middle)));

        robot.clickOn("#journal-clear");
        waitLoaded(robot);
        JournalFixtures.Row fifth = rows.get(4);
        robot.clickOn(robot.lookup(".table-cell").match((javafx.scene.control.TableCell<?, ?> c) -> "5".equals(c.getText()))
                .queryAs(javafx.scene.control.TableCell.class));
        assertEquals("5", robot.lookup("#journal-detail-sequence").queryAs(TextField.class).getText());
        assertEquals(fifth.entryHash(), robot.lookup("#journal-detail-entry-hash").queryAs(TextField.class).getText());
        assertEquals(rows.get(3).entryHash(), robot.lookup("#journal-detail-previous-hash").queryAs(TextField.class).getText());
        String shown = robot.lookup("#journal-payload").queryAs(TextArea.class).getText();
        assertTrue(shown.contains("\"decision\" : \"" + JournalFixtures.decisionOf(1) + "\""), shown);
        robot.interact(() -> Screens.png(scene.getRoot(), "journal-entries-light"));
    }

    @Test
    void exportsEveryEntryAsCsvAndJson(FxRobot robot) throws Exception {
        waitLoaded(robot);
        robot.clickOn("#journal-export-csv");
        waitVerdict(robot, "Exported every entry as CSV");
        List<String> csv = Files.readAllLines(dataDir.resolve("export.csv"));
        assertEquals(ENTRIES + 1, csv.size());
        assertEquals("sequence,time,kind,payload,previous_hash,entry_hash", csv.getFirst());
        assertTrue(csv.getLast().startsWith(ENTRIES + "," + rows.getLast().time() + "," + rows.getLast().kind() + ","), csv.getLast());
        assertTrue(csv.getLast().endsWith("," + rows.getLast().entryHash()), csv.getLast());

        robot.clickOn("#journal-export-json");
        waitVerdict(robot, "Exported every entry as JSON");
        var json = new tools.jackson.databind.ObjectMapper().readTree(dataDir.resolve("export.json").toFile());
        assertEquals(ENTRIES, json.size());
        assertEquals(rows.get(41).entryHash(), json.get(41).path("entryHash").asString());
        assertEquals(rows.get(41).payload(), json.get(41).path("payload").toString());
    }

    @Test
    void aTamperedEntryIsTheOneSelectedAfterVerify(FxRobot robot) throws Exception {
        waitLoaded(robot);
        pickKind(robot, "REQUEST");
        waitLoaded(robot);
        // as an attacker with the file: drop the append-only triggers and rewrite entry 23's decision
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("journal.sqlite").toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER journal_no_update");
            assertEquals(1, s.executeUpdate("UPDATE journal SET payload = replace(payload, '\"policy\":\"v1\"', "
                    + "'\"policy\":\"v9\"') WHERE sequence = 23"));
        }
        robot.clickOn("#journal-verify");
        waitVerdict(robot, "Journal TAMPERED");
        assertTrue(verdict(robot).startsWith("Journal TAMPERED at entry 23: ")
                && verdict(robot).contains("entry 23 was changed after it was written"),
                verdict(robot));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getSelectionModel().getSelectedItem() != null);
        assertEquals(ENTRIES, table(robot).getItems().size(), "the kind filter was cleared to show the bad entry");
        assertEquals(23, table(robot).getSelectionModel().getSelectedItem().sequence());
        assertEquals("23", robot.lookup("#journal-detail-sequence").queryAs(TextField.class).getText());
        robot.interact(() -> Screens.png(scene.getRoot(), "journal-tampered-light"));
    }

    @Test
    void verifyAgainstAKeptHeadCatchesACutOffTail(FxRobot robot) throws Exception {
        waitLoaded(robot);
        robot.clickOn("#journal-head").write("12:zz");
        robot.clickOn("#journal-verify");
        waitVerdict(robot, "the kept head must be SEQ:HASH");

        // the head kept after entry 60, then the last five entries cut off
        String kept = ENTRIES + ":" + rows.getLast().entryHash();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("journal.sqlite").toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER journal_no_delete");
            assertEquals(5, s.executeUpdate("DELETE FROM journal WHERE sequence > 55"));
        }
        robot.clickOn("#journal-head").type(KeyCode.END).eraseText("12:zz".length());
        assertEquals("", robot.lookup("#journal-head").queryAs(TextField.class).getText());
        robot.clickOn("#journal-verify");
        waitVerdict(robot, "Journal intact: 55 entries");
        robot.clickOn("#journal-head").write(kept);
        robot.clickOn("#journal-verify");
        waitVerdict(robot, "Journal CUT OFF");
        assertTrue(verdict(robot).startsWith("Journal CUT OFF at entry 56: the journal is behind the head given with the kept head "
                + kept), verdict(robot));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getSelectionModel().getSelectedItem() != null);
        assertEquals(55, table(robot).getSelectionModel().getSelectedItem().sequence(), "the last entry before the missing one");
    }

    @Test
    void theSpendChartShowsEachDaysSignedSpend(FxRobot robot) throws Exception {
        waitLoaded(robot);
        robot.clickOn("#journal-charts-tab");
        WaitForAsyncUtils.waitForFxEvents();
        // expected from the fixture's shape: request r (entries 3r+1..3r+3) is allowed when r % 3 == 0,
        // its SIGNATURE (entry 3r+3) spends 0.5 ETH on that entry's day
        TreeMap<String, BigDecimal> expected = new TreeMap<>();
        for (int r = 0; 3 * r + 3 <= ENTRIES; r++) {
            if (r % 3 == 0) {
                String day = rows.get(3 * r + 2).instant().atZone(ZONE).toLocalDate().toString();
                expected.merge(day, new BigDecimal("0.5"), BigDecimal::add);
            }
        }
        assertTrue(expected.containsKey(LocalDate.now(ZONE).toString()), "the fixture signs today: " + expected);
        @SuppressWarnings("unchecked")
        StackedBarChart<String, Number> chart = robot.lookup("#journal-spend-chart").queryAs(StackedBarChart.class);
        assertEquals(1, chart.getData().size(), "one asset");
        XYChart.Series<String, Number> eth = chart.getData().getFirst();
        assertEquals("ETH", eth.getName());
        TreeMap<String, BigDecimal> shown = new TreeMap<>();
        eth.getData().forEach(d -> shown.put(d.getXValue(), new BigDecimal(d.getYValue().toString())));
        assertEquals(expected.keySet(), shown.keySet());
        expected.forEach((day, v) -> assertEquals(0, v.compareTo(shown.get(day)), day + ": " + shown.get(day)));
        @SuppressWarnings("unchecked")
        StackedBarChart<String, Number> decisions = robot.lookup("#journal-decision-chart").queryAs(StackedBarChart.class);
        assertEquals(List.of("allow", "require-approval", "require-timelock", "deny"),
                decisions.getData().stream().map(XYChart.Series::getName).toList());
        String today = LocalDate.now(ZONE).toString();
        long allowedToday = rows.stream().filter(r -> r.kind().equals("DECISION") && r.payload().contains("\"allow\"")
                && r.instant().atZone(ZONE).toLocalDate().toString().equals(today)).count();
        assertEquals(allowedToday, decisions.getData().getFirst().getData().stream().filter(x -> x.getXValue().equals(today))
                .mapToLong(x -> x.getYValue().longValue()).sum());
        robot.interact(() -> Screens.png(scene.getRoot(), "journal-charts-light"));
    }
}
