package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code countersign devices} on a machine without USB wallets (this build machine and CI have
 * none): exit 0, an empty {@code devices} list, and notes for transports that cannot run here,
 * never a crash, whether or not hidapi and libusb load.
 */
class DevicesCommandCliTest {
    @TempDir
    Path dir;

    @Test
    void jsonListsNoDevicesAndExitsZero() {
        CliRunner.Result r = new CliRunner(dir).run("devices", "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode json = r.json();
        assertTrue(json.get("devices").isArray(), r.out());
        assertEquals(0, json.get("devices").size(), "no wallet is plugged into this machine: " + r.out());
        assertTrue(json.get("notes").isArray(), r.out());
        for (JsonNode note : json.get("notes")) {
            assertFalse(note.asText().isBlank(), r.out());
        }
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void humanOutputSaysHowToGetADeviceSeen() {
        CliRunner.Result r = new CliRunner(dir).run("devices");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("No Ledger or Trezor found"), r.out());
        assertTrue(r.out().contains("docs/devices.md"), r.out());
    }
}
