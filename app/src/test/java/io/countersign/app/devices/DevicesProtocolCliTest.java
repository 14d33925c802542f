package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.hw.trezor.EmulatedThpTrezor;
import io.countersign.hw.trezor.EmulatedTrezor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devices --signer} reports the protocol a Trezor was driven over, text and {@code --json}:
 * v1 for the protocol-v1 fixture {@link EmulatedTrezor}, thp for the Safe 7 fixture
 * {@link EmulatedThpTrezor} (after the v1 probe got no answer). The list without {@code --signer}
 * has the same column ({@code DevicesLineTest}); no USB wallet exists on this machine to list.
 */
class DevicesProtocolCliTest {
    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--allow-emulator");
    }

    @Test
    void aSafe7IsReportedAsThpAndAProtocolV1TrezorAsV1() {
        try (EmulatedThpTrezor safe7 = new EmulatedThpTrezor(Anvil.MNEMONIC, 0);
                EmulatedTrezor safe5 = new EmulatedTrezor(Anvil.MNEMONIC, "Safe 5")) {
            CliRunner.Result thp = cli().runWithStdin(ThpPairingCliTest.typed(safe7::shownCode), "devices", "--signer", safe7.uri(), "--json");
            assertEquals(0, thp.code(), thp.toString());
            assertEquals("thp", thp.json().get("device").get("protocol").asText(), thp.out());
            CliRunner.Result thpText = cli().runWithStdin(ThpPairingCliTest.nothing(), "devices", "--signer", safe7.uri());
            assertEquals(0, thpText.code(), thpText.toString());
            assertTrue(thpText.out().contains("protocol thp (Trezor Host Protocol"), thpText.out());

            String v1Uri = safe5.startUdp();
            CliRunner.Result v1 = cli().run("devices", "--signer", v1Uri, "--json");
            assertEquals(0, v1.code(), v1.toString());
            assertEquals("v1", v1.json().get("device").get("protocol").asText(), v1.out());
            CliRunner.Result v1Text = cli().run("devices", "--signer", v1Uri);
            assertTrue(v1Text.out().contains("protocol v1"), v1Text.out());
        }
    }
}
