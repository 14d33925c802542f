package io.countersign.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Bip32Path;
import io.countersign.hw.transport.UsbDiscovery;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Discovery on a machine without USB wallets (or without natives) returns, it does not throw. */
class DiscoveryTest {
    @Test
    void discoverNeverThrowsAndExplainsMissingTransports() {
        UsbDiscovery.Result r = HardwareSigners.discover();
        assertNotNull(r.devices());
        for (String note : r.notes()) {
            assertTrue(note.contains("HID") || note.contains("WebUSB") || note.contains("Bridge"), note);
        }
        for (DeviceInfo d : r.devices()) {
            assertTrue(d.uri().startsWith("ledger:") || d.uri().startsWith("trezor:"), d.uri());
        }
    }

    @Test
    void speculosUriWithNothingListeningIsNoDevice() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DeviceException.NoDevice e = assertThrows(DeviceException.NoDevice.class,
                () -> HardwareSigners.open("speculos:127.0.0.1:" + port, Bip32Path.ETHEREUM_FIRST, DevicePrompts.SILENT, null));
        assertTrue(e.getMessage().contains("no Speculos emulator answers on 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void unknownUriIsAUsageError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HardwareSigners.open("keystore:x", Bip32Path.ETHEREUM_FIRST, DevicePrompts.SILENT, null));
        assertTrue(e.getMessage().contains("not a Ledger signer URI"), e.getMessage());
        assertEquals(false, HardwareSigners.isHardwareUri("keystore:x"));
        assertEquals(true, HardwareSigners.isHardwareUri("trezor-emu:127.0.0.1:21324"));
    }
}
