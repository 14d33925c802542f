package io.countersign.hw.trezor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.eth.Bip32Path;
import io.countersign.eth.TypedData;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.ledger.SpeculosSignerTest;
import io.countersign.hw.protocol.thp.ThpErrorCode;
import io.countersign.hw.transport.UdpPacketIo;
import io.countersign.hw.trezor.proto.TrezorEip712;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The THP host against {@link EmulatedThpTrezor} (a fixture written from the specification) over
 * loopback UDP: pairing with the code the device shows, EIP-712 signing of a SafeTx that recovers
 * to the fixture mnemonic's address, reconnection with the stored credential and no code, and the
 * failures: wrong code, altered ciphertext, lost packet, no way to ask for a code.
 */
class ThpWireTest {
    private static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/0");

    private static ThpWire connect(EmulatedThpTrezor device, ThpCredentialStore store, ThpPairingPrompt prompt) {
        return ThpWire.connect(new UdpPacketIo("127.0.0.1", device.port(), 10_000), store, prompt, "test-host", 300, 10_000);
    }

    private static DevicePrompts prompts() {
        return new DevicePrompts() {
            public void confirmOnDevice(String s) {}

            public char[] pin() {
                return null;
            }

            public char[] passphrase() {
                return null;
            }

            public void notice(String s) {}
        };
    }

    private static TrezorSigner signer(ThpWire wire) {
        TrezorSession session = new TrezorSession(wire, prompts(), null);
        return new TrezorSigner(session, new TrezorEthereumClient(session).initialize(), PATH, prompts());
    }

    @Test
    void pairsWithTheShownCodeSignsASafeTxAndReconnectsWithoutACode() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            ThpCredentialStore store = ThpCredentialStore.inMemory();
            AtomicInteger asked = new AtomicInteger();
            ThpPairingPrompt prompt = d -> {
                asked.incrementAndGet();
                return assertShown(device);
            };
            try (TrezorSigner s = signer(connect(device, store, prompt))) {
                TypedData td = new TypedData(SpeculosSignerTest.SAFE_TX);
                assertEquals(SpeculosSignerTest.ANVIL_0, s.signTypedData(td).recover(td.digest()));
                assertTrue(device.app().received().stream().anyMatch(m -> m instanceof TrezorEip712.EthereumSignTypedData));
            }
            assertEquals(1, asked.get());
            assertEquals(1, store.entries().size());

            ThpWire again = connect(device, store, d -> fail("a paired Trezor must not ask for a code"));
            assertTrue(again.paired());
            try (TrezorSigner s = signer(again)) {
                TypedData td = new TypedData(SpeculosSignerTest.SAFE_TX);
                assertEquals(SpeculosSignerTest.ANVIL_0, s.signTypedData(td).recover(td.digest()));
            }
            assertEquals(1, store.entries().size());
        }
    }

    private static String assertShown(EmulatedThpTrezor device) {
        String code = device.shownCode();
        assertNotNull(code, "the Trezor shows a code before the host asks for it");
        return code;
    }

    @Test
    void aTrezorEmuThatDoesNotAnswerV1IsDrivenOverThp() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 1)) {
            AtomicInteger asked = new AtomicInteger();
            DevicePrompts prompts = new DevicePrompts() {
                public void confirmOnDevice(String s) {}

                public char[] pin() {
                    return null;
                }

                public char[] passphrase() {
                    return null;
                }

                public String thpPairingCode(String d) {
                    asked.incrementAndGet();
                    return assertShown(device);
                }

                public void notice(String s) {}
            };
            try (var s = io.countersign.hw.HardwareSigners.open(device.uri(), PATH, prompts, null)) {
                TypedData td = new TypedData(SpeculosSignerTest.SAFE_TX);
                assertEquals(SpeculosSignerTest.ANVIL_0, s.signTypedData(td).recover(td.digest()));
            }
            assertEquals(1, asked.get());
            assertTrue(device.app().received().stream().anyMatch(m -> m instanceof TrezorEip712.EthereumSignTypedData));
        }
    }

    @Test
    void aWrongCodeIsRefusedAndNothingIsStored() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            ThpCredentialStore store = ThpCredentialStore.inMemory();
            DeviceException.PairingFailed e = assertThrows(DeviceException.PairingFailed.class, () -> connect(device, store, d -> {
                String shown = assertShown(device);
                return String.format("%06d", (Integer.parseInt(shown) + 1) % 1_000_000);
            }));
            assertTrue(e.getMessage().contains("refused the pairing code"), e.getMessage());
            assertEquals(0, store.entries().size());
        }
    }

    @Test
    void anUnpairedTrezorWithoutAPromptNeedsPairing() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            DeviceException.PairingRequired e = assertThrows(DeviceException.PairingRequired.class,
                    () -> connect(device, ThpCredentialStore.inMemory(), null));
            assertTrue(e.getMessage().contains("6-digit code"), e.getMessage());
        }
    }

    @Test
    void aLockedTrezorIsDeviceLocked() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            device.locked(true);
            DeviceException.DeviceLocked e = assertThrows(DeviceException.DeviceLocked.class,
                    () -> connect(device, ThpCredentialStore.inMemory(), d -> fail("a locked Trezor shows no code")));
            assertTrue(e.getMessage().contains("unlock it with its PIN"), e.getMessage());
        }
    }

    @Test
    void firmwareOlderThanThp2IsFirmwareUnsupported() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 1, 0)) {
            DeviceException.FirmwareUnsupported e = assertThrows(DeviceException.FirmwareUnsupported.class,
                    () -> connect(device, ThpCredentialStore.inMemory(), d -> fail("no pairing with unsupported firmware")));
            assertTrue(e.getMessage().contains("firmware too old") && e.getMessage().contains("update the Trezor firmware with Trezor Suite"),
                    e.getMessage());
        }
    }

    @Test
    void anAlteredCiphertextIsADecryptionFailure() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            ThpCredentialStore store = ThpCredentialStore.inMemory();
            try (ThpWire wire = connect(device, store, d -> assertShown(device))) {
                device.tamperNextEncryptedToHost();
                TrezorSession session = new TrezorSession(wire, prompts(), null);
                DeviceException.ThpTransportError e = assertThrows(DeviceException.ThpTransportError.class,
                        () -> new TrezorEthereumClient(session).initialize());
                assertEquals(ThpErrorCode.DECRYPTION_FAILED, e.code());
                assertTrue(e.getMessage().contains("does not decrypt"), e.getMessage());
            }
        }
    }

    @Test
    void aLostPacketIsResentAndTheExchangeCompletes() {
        try (EmulatedThpTrezor device = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            ThpCredentialStore store = ThpCredentialStore.inMemory();
            try (ThpWire wire = connect(device, store, d -> assertShown(device))) {
                assertEquals(0, wire.retransmissions());
                device.dropNextPacketFromHost();
                TrezorSigner s = signer(wire);
                assertEquals(SpeculosSignerTest.ANVIL_0, s.address());
                assertEquals(1, device.droppedFromHost());
                assertEquals(1, wire.retransmissions());
            }
        }
    }
}
