package io.countersign.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.hw.DeviceInfo;
import io.countersign.hw.DeviceInfo.Protocol;
import io.countersign.hw.DeviceInfo.State;
import io.countersign.hw.DeviceInfo.TransportKind;
import io.countersign.hw.DeviceInfo.Vendor;
import org.junit.jupiter.api.Test;

/** The text listing of {@code countersign devices} names each device's protocol (no USB wallet exists here to list). */
class DevicesLineTest {
    @Test
    void eachLineNamesTheProtocol() {
        assertEquals("Trezor Model T / Safe  webusb  protocol thp  1-4  unknown  --signer trezor:1-4",
                DevicesCommand.line(new DeviceInfo(Vendor.TREZOR, "Trezor Model T / Safe", TransportKind.WEBUSB, "1-4", null, State.UNKNOWN)
                        .withProtocol(Protocol.THP)));
        assertEquals("Trezor One  hid  protocol v1  ABC  unknown  --signer trezor:ABC",
                DevicesCommand.line(new DeviceInfo(Vendor.TREZOR, "Trezor One", TransportKind.HID, "ABC", null, State.UNKNOWN)));
        assertEquals("Nano X  hid  protocol apdu  0001  unknown  --signer ledger:0001",
                DevicesCommand.line(new DeviceInfo(Vendor.LEDGER, "Nano X", TransportKind.HID, "0001", null, State.UNKNOWN)));
    }
}
