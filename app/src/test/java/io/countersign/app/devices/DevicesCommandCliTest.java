package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.hw.trezor.EmulatedTrezor;
import io.countersign.hw.trezor.proto.TrezorEthereum;
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

    /**
     * The device describes itself and shows its address through {@code Signer}, with no vendor
     * class in the face: the emulated Trezor's Features (model, firmware 2.8.0, no PIN) and its
     * address screen ({@code show_display} set in EthereumGetAddress).
     */
    @Test
    void aTrezorDescribesItselfAndShowsItsAddress() {
        try (EmulatedTrezor trezor = new EmulatedTrezor(Anvil.MNEMONIC, "Safe 3")) {
            String uri = trezor.startUdp();
            CliRunner cli = new CliRunner(dir).global("--allow-emulator", "--json");
            CliRunner.Result d = cli.run("devices", "--signer", uri);
            assertEquals(0, d.code(), d.toString());
            JsonNode device = d.json().get("device");
            assertEquals("trezor", device.get("vendor").asString(), d.out());
            assertEquals("Safe 3", device.get("model").asString(), d.out());
            assertEquals("2.8.0", device.get("version").asString(), d.out());
            assertFalse(device.get("pinProtection").asBoolean(), d.out());

            CliRunner.Result a = cli.run("address", "--verify", "--signer", uri);
            assertEquals(0, a.code(), a.toString());
            String expected = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.ETHEREUM_FIRST, "t").address().toString();
            assertEquals(expected, a.json().get("address").asString(), a.out());
            assertTrue(trezor.last(TrezorEthereum.EthereumGetAddress.class).getShowDisplay(), "the device was asked to show it");
        }
    }

    @Test
    void aSoftwareKeyHasNoScreenToVerifyOnAndNoDeviceToDescribe() {
        CliRunner cli = new CliRunner(dir).env("PHRASE", Anvil.MNEMONIC).global("--json");
        CliRunner.Result a = cli.run("address", "--verify", "--signer", "mnemonic-env:PHRASE");
        assertEquals(2, a.code(), a.toString());
        assertTrue(a.err().contains("has no screen to show the address on"), a.err());
        CliRunner.Result d = cli.run("devices", "--signer", "mnemonic-env:PHRASE");
        assertEquals(2, d.code(), d.toString());
        assertTrue(d.err().contains("devices --signer takes a hardware signer"), d.err());
    }
}
