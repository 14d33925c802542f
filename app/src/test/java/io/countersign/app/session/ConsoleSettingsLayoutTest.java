package io.countersign.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The theme and the remembered window in settings.json: written, read back, and read strictly. */
class ConsoleSettingsLayoutTest {
    @TempDir
    Path dir;

    @Test
    void themeAndWindowSurviveASaveAndLoad() throws Exception {
        ConsoleSettings.WindowLayout w = new ConsoleSettings.WindowLayout(40, 30.5, 1280, 800, true, "Journal",
                Map.of("queue-view", List.of(0.25)));
        new ConsoleSettings(BigInteger.ONE, Map.of(BigInteger.ONE, "http://127.0.0.1:8545"), false, "ledger",
                ConsoleSettings.Theme.DARK, w).save(dir);
        String text = Files.readString(dir.resolve("settings.json"), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"theme\" : \"dark\""), text);
        assertTrue(text.contains("\"tab\" : \"Journal\""), text);
        ConsoleSettings back = ConsoleSettings.load(dir);
        assertEquals(ConsoleSettings.Theme.DARK, back.theme());
        assertEquals(w, back.window());
        assertEquals("ledger", back.defaultSigner());
    }

    @Test
    void aFileWithoutThemeOrWindowIsLightWithNoWindow() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"version\":1,\"nodes\":{},\"offline\":true}");
        ConsoleSettings s = ConsoleSettings.load(dir);
        assertEquals(ConsoleSettings.Theme.LIGHT, s.theme());
        assertNull(s.window());
        assertTrue(s.offline());
    }

    @Test
    void theOfflineSwitchKeepsThemeAndWindow() {
        ConsoleSettings.WindowLayout w = new ConsoleSettings.WindowLayout(0, 0, 1000, 700, false, null, Map.of());
        ConsoleSettings s = ConsoleSettings.defaults().withTheme(ConsoleSettings.Theme.DARK).withWindow(w).withOffline(true);
        assertEquals(ConsoleSettings.Theme.DARK, s.theme());
        assertEquals(w, s.window());
        assertTrue(s.offline());
    }

    @Test
    void badThemeOrWindowFieldsNameTheFileAndTheField() throws Exception {
        for (String[] bad : new String[][] {
                {"{\"version\":1,\"theme\":\"sepia\"}", "\"theme\" must be \"light\" or \"dark\", not \"sepia\""},
                {"{\"version\":1,\"theme\":7}", "\"theme\" must be \"light\" or \"dark\""},
                {"{\"version\":1,\"window\":{\"x\":0,\"y\":0,\"width\":800,\"height\":600,\"colour\":1}}", "unknown field \"window.colour\""},
                {"{\"version\":1,\"window\":{\"x\":0,\"y\":0,\"width\":800}}", "\"window.height\" must be a number"},
                {"{\"version\":1,\"window\":{\"x\":0,\"y\":0,\"width\":-5,\"height\":600}}", "positive width and height"},
                {"{\"version\":1,\"window\":{\"x\":0,\"y\":0,\"width\":800,\"height\":600,\"dividers\":{\"q\":[1.5]}}}",
                        "divider positions of \"q\" must be numbers from 0 to 1"},
                {"{\"version\":1,\"window\":{\"x\":0,\"y\":0,\"width\":800,\"height\":600,\"maximized\":\"yes\"}}",
                        "\"window.maximized\" must be true or false"}}) {
            Files.writeString(dir.resolve("settings.json"), bad[0]);
            CountersignException.Usage e = assertThrows(CountersignException.Usage.class, () -> ConsoleSettings.load(dir), bad[0]);
            assertTrue(e.getMessage().contains(dir.resolve("settings.json").toString()), e.getMessage());
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
