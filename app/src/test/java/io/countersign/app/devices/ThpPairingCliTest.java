package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.hw.trezor.EmulatedThpTrezor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line pairing a Trezor Safe 7 (the {@link EmulatedThpTrezor} fixture, THP on
 * loopback UDP): the 6-digit code comes from standard input (never argv), the pairing is stored
 * encrypted in the data folder so the next command needs no code, and each failure is a typed
 * error with its exit code and what to do: wrong code, no code to be had, a locked device,
 * firmware too old, an altered pairings file (then {@code devices --forget-pairings} and pairing
 * again).
 */
class ThpPairingCliTest {
    static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/3");
    static final Address ACCOUNT = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", PATH, "t").address();

    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--allow-emulator", "--json");
    }

    CliRunner.Result address(EmulatedThpTrezor device, InputStream stdin) {
        return cli().runWithStdin(stdin, "address", "--signer", device.uri(), "--path", PATH.toString());
    }

    /** Standard input that holds the code the device shows, once it shows one (as a person types it). */
    static InputStream typed(Supplier<String> code) {
        return new InputStream() {
            byte[] line;
            int at;

            @Override
            public int read() {
                if (line == null) {
                    long end = System.nanoTime() + 20_000_000_000L;
                    String c;
                    while ((c = code.get()) == null) {
                        if (System.nanoTime() > end) {
                            return -1;
                        }
                        Thread.onSpinWait();
                    }
                    line = (c + "\n").getBytes(StandardCharsets.US_ASCII);
                }
                return at < line.length ? line[at++] : -1;
            }
        };
    }

    static InputStream nothing() {
        return InputStream.nullInputStream();
    }

    Path pairingsFile() {
        return dir.resolve("data").resolve("devices").resolve("thp-pairings.tink");
    }

    @Test
    void theCodeFromStdinPairsAndTheNextCommandNeedsNone() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(Anvil.MNEMONIC, 0)) {
            CliRunner.Result first = address(device, typed(device::shownCode));
            assertEquals(0, first.code(), first.toString());
            assertEquals(ACCOUNT.toString(), first.json().get("address").asText());
            assertTrue(first.err().contains("Enter the code shown on your Trezor"), first.err());
            assertTrue(Files.exists(pairingsFile()), "the pairing is stored in the data folder");

            // A new command (a new process would read the same file): no input to give, no code asked.
            CliRunner.Result second = address(device, nothing());
            assertEquals(0, second.code(), second.toString());
            assertEquals(ACCOUNT.toString(), second.json().get("address").asText());
            assertFalse(second.err().contains("Enter the code"), second.err());
        }
    }

    @Test
    void aWrongCodeIsRefusedWithExit4AndNothingIsStored() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(Anvil.MNEMONIC, 0)) {
            CliRunner.Result r = address(device, typed(() -> {
                String shown = device.shownCode();
                return shown == null ? null : String.format("%06d", (Integer.parseInt(shown) + 1) % 1_000_000);
            }));
            assertEquals(4, r.code(), r.toString());
            assertTrue(r.err().contains("refused the pairing code") && r.err().contains("type the code exactly as shown"), r.err());
            assertFalse(Files.exists(pairingsFile()), "a refused pairing stores nothing");
        }
    }

    @Test
    void noCodeToBeHadIsPairingRequiredWithExit5() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(Anvil.MNEMONIC, 0)) {
            CliRunner.Result r = address(device, nothing());
            assertEquals(5, r.code(), r.toString());
            assertTrue(r.err().contains("not paired with this computer") && r.err().contains("enter the 6-digit code the Trezor shows"),
                    r.err());
        }
    }

    @Test
    void aLockedTrezorSaysToUnlockItWithExit5() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(Anvil.MNEMONIC, 0)) {
            device.locked(true);
            CliRunner.Result r = address(device, nothing());
            assertEquals(5, r.code(), r.toString());
            assertTrue(r.err().contains("DEVICE_LOCKED") && r.err().contains("unlock it with its PIN and try again"), r.err());
        }
    }

    @Test
    void firmwareTooOldSaysToUpdateItWithExit5() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(Anvil.MNEMONIC, 1, 0)) {
            CliRunner.Result r = address(device, nothing());
            assertEquals(5, r.code(), r.toString());
            assertTrue(r.err().contains("firmware too old") && r.err().contains("update the Trezor firmware with Trezor Suite"), r.err());
        }
    }

    @Test
    void anAlteredPairingsFileIsRefusedUntilForgottenThenPairingWorksAgain() throws Exception {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(Anvil.MNEMONIC, 0)) {
            assertEquals(0, address(device, typed(device::shownCode)).code());
            byte[] b = Files.readAllBytes(pairingsFile());
            b[b.length - 5] ^= 0x40;
            Files.write(pairingsFile(), b);

            CliRunner.Result refused = address(device, typed(device::shownCode));
            assertEquals(5, refused.code(), refused.toString());
            assertTrue(refused.err().contains("does not decrypt") && refused.err().contains("countersign devices --forget-pairings"),
                    refused.err());
            assertFalse(refused.err().contains("Enter the code"), "no pairing starts over an unreadable store: " + refused.err());

            CliRunner.Result forgot = cli().run("devices", "--forget-pairings");
            assertEquals(0, forgot.code(), forgot.toString());
            assertFalse(Files.exists(pairingsFile()));

            CliRunner.Result again = address(device, typed(device::shownCode));
            assertEquals(0, again.code(), again.toString());
            assertTrue(again.err().contains("Enter the code shown on your Trezor"), again.err());
        }
    }
}
