package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.devchain.Anvil;
import io.countersign.hw.ledger.EmulatedSpeculos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --record FILE} at the command line writes the exchange with an emulated Ledger in the
 * {@code => apdu} / {@code <= response} format, line for line what the emulator received, and
 * {@code ledger-replay:FILE} plays it back through the same command to the same signature.
 */
class RecordReplayCliTest {
    static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/3");

    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--dev-mode", "--offline", "--json");
    }

    @Test
    void typedDataSignedOnSpeculosIsRecordedAndReplaysToTheSameSignature() throws Exception {
        Path doc = dir.resolve("permit.json");
        Files.writeString(doc, LedgerTranscripts.read("sign_eip712_full_permit.json").get("inputs").get("typed_data").toString());
        Path recording = dir.resolve("permit.apdus");
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            CliRunner.Result live = cli().run("typed-data", "sign", doc.toString(), "--signer", ledger.uri(), "--path", PATH.toString(),
                    "--record", recording.toString());
            assertEquals(0, live.code(), live.toString());
            assertEquals(ledger.address().toString(), live.json().get("address").asText());
            List<String> sent = Files.readAllLines(recording).stream().filter(l -> l.startsWith("=>")).map(l -> l.substring(2).strip()).toList();
            assertEquals(ledger.apdus(), sent, "the recording holds every APDU the device received, in order");

            CliRunner.Result replayed = cli().run("typed-data", "sign", doc.toString(), "--signer", "ledger-replay:" + recording,
                    "--path", PATH.toString());
            assertEquals(0, replayed.code(), replayed.toString());
            assertEquals(live.json().get("signature").asText(), replayed.json().get("signature").asText());
            assertEquals(ledger.address().toString(), replayed.json().get("address").asText());
        }
    }

    @Test
    void aRecordingReplayedForAnotherPathFailsNamingTheLine() throws Exception {
        Path recording = dir.resolve("message.apdus");
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            CliRunner.Result live = cli().run("message", "sign", "--text", "treasury", "--signer", ledger.uri(), "--path", PATH.toString(),
                    "--record", recording.toString());
            assertEquals(0, live.code(), live.toString());
        }
        CliRunner.Result other = cli().run("message", "sign", "--text", "treasury", "--signer", "ledger-replay:" + recording,
                "--path", "m/44'/60'/0'/0/4");
        assertEquals(1, other.code(), other.toString());
        assertTrue(other.err().contains("replay mismatch at line"), other.err());
        assertTrue(other.err().contains("actual e008000021058000002c8000003c8000000000000000" + "00000004" + "00000008" + "7472656173757279"),
                "the actual APDU carries the other path (last index 4), then the length and \"treasury\": " + other.err());
    }
}
