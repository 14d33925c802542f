package io.countersign.hw.trezor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.eth.Bip32Path;
import io.countersign.eth.TypedData;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.ledger.SpeculosSignerTest;
import io.countersign.hw.transport.UdpPacketIo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THP pairings stored encrypted with Tink ({@link ThpCredentialFile}) against the
 * {@link EmulatedThpTrezor} fixture on loopback UDP: pair once with the shown code, then a new
 * store over the same folder (as a new process would open it) connects and signs without a code;
 * the file on disk holds none of the pairing's bytes in the clear; an altered file, a missing key
 * and a forgotten pairing each give the right outcome.
 */
class ThpCredentialFileTest {
    private static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/0");

    @TempDir
    Path dir;

    private static ThpWire connect(EmulatedThpTrezor device, ThpCredentialStore store, ThpPairingPrompt prompt) {
        return ThpWire.connect(new UdpPacketIo("127.0.0.1", device.port(), 10_000), store, prompt, "test-host", 300, 10_000);
    }

    private static TrezorSigner signer(ThpWire wire) {
        TrezorSession session = new TrezorSession(wire, DevicePrompts.SILENT, null);
        return new TrezorSigner(session, new TrezorEthereumClient(session).initialize(), PATH, DevicePrompts.SILENT);
    }

    private static String shown(EmulatedThpTrezor device) {
        String code = device.shownCode();
        assertNotNull(code, "the Trezor shows a code before the host asks for it");
        return code;
    }

    private void pairOnce(EmulatedThpTrezor device) {
        try (ThpWire w = connect(device, new ThpCredentialFile(dir), d -> shown(device))) {
            assertTrue(w.paired());
        }
    }

    @Test
    void aPairingSurvivesANewStoreAndTheFileHoldsNoPlaintext() throws Exception {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            AtomicInteger asked = new AtomicInteger();
            try (TrezorSigner s = signer(connect(device, new ThpCredentialFile(dir), d -> {
                asked.incrementAndGet();
                return shown(device);
            }))) {
                assertEquals(SpeculosSignerTest.ANVIL_0, s.address());
            }
            assertEquals(1, asked.get());

            // A new store object over the same folder, as the next countersign process opens it.
            ThpCredentialFile reopened = new ThpCredentialFile(dir);
            assertEquals(1, reopened.entries().size());
            ThpWire again = connect(device, reopened, d -> fail("a stored pairing must connect without a code"));
            assertTrue(again.paired());
            try (TrezorSigner s = signer(again)) {
                TypedData td = new TypedData(SpeculosSignerTest.SAFE_TX);
                assertEquals(SpeculosSignerTest.ANVIL_0, s.signTypedData(td).recover(td.digest()));
            }

            ThpCredentialStore.Entry e = reopened.entries().get(0);
            byte[] onDisk = Files.readAllBytes(dir.resolve(ThpCredentialFile.PAIRINGS_FILE));
            String asText = new String(onDisk, StandardCharsets.ISO_8859_1);
            for (byte[] secret : new byte[][] {e.credential(), e.hostStaticPrivateKey(), e.trezorStaticPublicKey()}) {
                assertFalse(contains(onDisk, secret), "raw pairing bytes in the file");
                assertFalse(asText.contains(HexFormat.of().formatHex(secret)), "hex of pairing bytes in the file");
                assertFalse(asText.contains(java.util.Base64.getEncoder().encodeToString(secret)), "base64 of pairing bytes in the file");
            }
            assertFalse(asText.contains("credential") || asText.contains("pairings"), "the JSON is not in the file as text");
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                assertEquals(ownerOnly, Files.getPosixFilePermissions(dir.resolve(ThpCredentialFile.KEY_FILE)));
                assertEquals(ownerOnly, Files.getPosixFilePermissions(dir.resolve(ThpCredentialFile.PAIRINGS_FILE)));
            }
        }
    }

    @Test
    void anAlteredPairingsFileIsRefusedAndSaysToPairAgain() throws Exception {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            pairOnce(device);
            Path file = dir.resolve(ThpCredentialFile.PAIRINGS_FILE);
            byte[] b = Files.readAllBytes(file);
            b[b.length / 2] ^= 0x01;
            Files.write(file, b);
            DeviceException.PairingsUnreadable ex = assertThrows(DeviceException.PairingsUnreadable.class,
                    () -> connect(device, new ThpCredentialFile(dir), d -> fail("an unreadable store must not start a new pairing")));
            assertTrue(ex.getMessage().contains("does not decrypt"), ex.getMessage());
            assertTrue(ex.getMessage().contains("countersign devices --forget-pairings"), ex.getMessage());
            assertTrue(ex.getMessage().contains("pair the Trezor again"), ex.getMessage());
            assertArrayEquals(b, Files.readAllBytes(file), "the refused file is left as it was");
        }
    }

    @Test
    void aMissingKeyFileIsRefusedNotReplaced() throws Exception {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            pairOnce(device);
            Files.delete(dir.resolve(ThpCredentialFile.KEY_FILE));
            DeviceException.PairingsUnreadable ex = assertThrows(DeviceException.PairingsUnreadable.class,
                    () -> new ThpCredentialFile(dir).entries());
            assertTrue(ex.getMessage().contains("key file") && ex.getMessage().contains("is missing"), ex.getMessage());
            assertFalse(Files.exists(dir.resolve(ThpCredentialFile.KEY_FILE)), "no new key is made for an existing file");
        }
    }

    @Test
    void aFileEncryptedUnderAnotherKeyIsRefused() throws Exception {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            pairOnce(device);
            Path other = dir.resolve("other");
            try (ThpWire w = connect(device, new ThpCredentialFile(other), d -> shown(device))) {
                assertTrue(w.paired());
            }
            Files.copy(other.resolve(ThpCredentialFile.KEY_FILE), dir.resolve(ThpCredentialFile.KEY_FILE),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThrows(DeviceException.PairingsUnreadable.class, () -> new ThpCredentialFile(dir).entries());
        }
    }

    @Test
    void forgettingDeletesBothFilesAndTheNextConnectionAsksForACode() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            pairOnce(device);
            new ThpCredentialFile(dir).clear();
            assertFalse(Files.exists(dir.resolve(ThpCredentialFile.PAIRINGS_FILE)));
            assertFalse(Files.exists(dir.resolve(ThpCredentialFile.KEY_FILE)));
            AtomicInteger asked = new AtomicInteger();
            try (ThpWire w = connect(device, new ThpCredentialFile(dir), d -> {
                asked.incrementAndGet();
                return shown(device);
            })) {
                assertTrue(w.paired());
            }
            assertEquals(1, asked.get());
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
