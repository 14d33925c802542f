package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.devchain.Anvil;
import io.countersign.hw.ledger.EmulatedSpeculos;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development signers ({@code speculos:}, {@code trezor-emu:}, {@code ledger-replay:}) are
 * opened only with an explicit opt-in ({@code --allow-emulator}, or {@code --dev-mode}), and an
 * emulator only on a loopback host. Without the policy being relaxed: no {@code --dev-mode} here
 * unless a case says so.
 */
class DevelopmentSignerOptInTest {
    static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/3");

    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--offline", "--json");
    }

    @Test
    void withoutTheOptInEveryDevelopmentSignerIsAUsageErrorAndTheEmulatorIsNotAsked() {
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            for (String uri : new String[] {ledger.uri(), "trezor-emu:127.0.0.1:21324", "ledger-replay:" + dir.resolve("x.apdus")}) {
                CliRunner.Result r = cli().run("address", "--signer", uri, "--path", PATH.toString());
                assertEquals(2, r.code(), uri + ": " + r);
                assertTrue(r.err().contains("development signer") && r.err().contains("--allow-emulator"), r.err());
            }
            assertTrue(ledger.apdus().isEmpty(), "the emulator received " + ledger.apdus());
        }
    }

    @Test
    void withAllowEmulatorOrDevModeTheLoopbackEmulatorSigns() {
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            CliRunner.Result r = cli().run("address", "--signer", ledger.uri(), "--path", PATH.toString(), "--allow-emulator");
            assertEquals(0, r.code(), r.toString());
            assertEquals(ledger.address().toString(), r.json().get("address").asString());
            CliRunner.Result dev = cli().run("address", "--signer", "speculos:localhost:" + ledger.port(), "--path", PATH.toString(),
                    "--dev-mode");
            assertEquals(0, dev.code(), dev.toString());
            assertFalse(ledger.apdus().isEmpty());
        }
    }

    @Test
    void anEmulatorOnAnotherHostIsRefusedEvenWithTheOptIn() {
        for (String uri : new String[] {"speculos:10.0.0.7:9999", "speculos:192.168.1.20:9999", "trezor-emu:8.8.8.8:21324",
                "speculos:emulator.example.com:9999", "trezor-emu:[2001:db8::1]:21324", "speculos:0.0.0.0:9999"}) {
            CliRunner.Result r = cli().run("address", "--signer", uri, "--path", PATH.toString(), "--allow-emulator");
            assertEquals(2, r.code(), uri + ": " + r);
            assertTrue(r.err().contains("refusing " + uri) && r.err().contains("only on this machine"), r.err());
        }
    }
}
