package io.countersign.hw.trezor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.countersign.hw.DeviceInfo;
import io.countersign.hw.DeviceInfo.Protocol;
import io.countersign.hw.DeviceInfo.State;
import io.countersign.hw.DeviceInfo.TransportKind;
import io.countersign.hw.DeviceInfo.Vendor;
import io.countersign.hw.TrezorSigners;
import io.countersign.hw.ledger.SpeculosSignerTest;
import io.countersign.hw.transport.ProtocolV1Wire;
import io.countersign.hw.transport.UdpPacketIo;
import org.junit.jupiter.api.Test;

/**
 * Which protocol a Trezor speaks, decided as trezorlib's {@code get_client} does: a protocol v1
 * {@code Initialize} first; a device that answers {@code Features} is v1, one that does not is
 * driven over THP. The seam is {@link io.countersign.hw.transport.PacketIo}: here loopback UDP to
 * the emulated fixtures ({@link EmulatedTrezor}, {@link EmulatedThpTrezor}); a WebUSB Trezor goes
 * through the same {@link TrezorSigners#probeProtocol} with {@code WebUsbPacketIo} (no USB
 * device exists on this build machine, so that path is not exercised here).
 */
class TrezorProtocolDetectionTest {

    @Test
    void aDeviceAnsweringV1IsV1() {
        try (EmulatedTrezor v1 = new EmulatedTrezor(SpeculosSignerTest.MNEMONIC, "Safe 5")) {
            String uri = v1.startUdp();
            int port = Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
            try (UdpPacketIo io = new UdpPacketIo("127.0.0.1", port, 5_000)) {
                assertEquals(Protocol.V1, TrezorSigners.probeProtocol(io));
            }
        }
    }

    @Test
    void aDeviceSilentOnV1IsThpAndTheProbeLeavesItUsable() {
        try (EmulatedThpTrezor thp = new EmulatedThpTrezor(SpeculosSignerTest.MNEMONIC, 0)) {
            try (UdpPacketIo io = new UdpPacketIo("127.0.0.1", thp.port(), 5_000)) {
                assertEquals(Protocol.THP, TrezorSigners.probeProtocol(io));
            }
            // after the probe the device still allocates, pairs and answers over THP
            ThpCredentialStore store = ThpCredentialStore.inMemory();
            try (ThpWire w = ThpWire.connect(new UdpPacketIo("127.0.0.1", thp.port(), 10_000), store, d -> thp.shownCode(), "h", 300, 10_000)) {
                assertEquals(Protocol.THP, TrezorSigners.protocolOf(w));
            }
        }
    }

    @Test
    void theOpenedWireIsTheProbedProtocol() {
        try (EmulatedTrezor v1 = new EmulatedTrezor(SpeculosSignerTest.MNEMONIC, "Safe 5")) {
            String uri = v1.startUdp();
            try (var s = io.countersign.hw.HardwareSigners.open(uri, io.countersign.eth.Bip32Path.ETHEREUM_FIRST,
                    io.countersign.hw.DevicePrompts.SILENT, null, ThpCredentialStore.inMemory())) {
                TrezorSigner t = assertInstanceOf(TrezorSigner.class, s);
                assertInstanceOf(ProtocolV1Wire.class, t.client().session().wire());
                assertEquals(Protocol.V1, TrezorSigners.protocolOf(t.client().session().wire()));
            }
        }
    }

    @Test
    void listedDevicesWhoseProtocolFollowsFromTheTransport() {
        assertEquals(Protocol.APDU, new DeviceInfo(Vendor.LEDGER, "Nano X", TransportKind.HID, "1", null, State.UNKNOWN).protocol());
        assertEquals(Protocol.V1, new DeviceInfo(Vendor.TREZOR, "Trezor One", TransportKind.HID, "1", null, State.UNKNOWN).protocol());
        assertEquals(Protocol.V1, new DeviceInfo(Vendor.TREZOR, "Trezor", TransportKind.TREZOR_BRIDGE, "1", null, State.UNKNOWN).protocol());
        assertEquals(Protocol.UNKNOWN, new DeviceInfo(Vendor.TREZOR, "Trezor Model T / Safe", TransportKind.WEBUSB, "1-4", null,
                State.UNKNOWN).protocol(), "a WebUSB Trezor may be a Safe 7: unknown until asked");
    }
}
