package io.countersign.hw;

import io.countersign.eth.Bip32Path;
import io.countersign.hw.DeviceInfo.State;
import io.countersign.hw.transport.ExchangeRecorder;
import io.countersign.hw.transport.HidPacketIo;
import io.countersign.hw.transport.ProtocolV1Wire;
import io.countersign.hw.transport.TrezorBridge;
import io.countersign.hw.transport.TrezorWire;
import io.countersign.hw.transport.UdpPacketIo;
import io.countersign.hw.transport.UsbDiscovery;
import io.countersign.hw.transport.WebUsbPacketIo;
import io.countersign.hw.trezor.TrezorSession;
import io.countersign.hw.trezor.TrezorSigner;
import io.countersign.hw.trezor.proto.TrezorCommon;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens Trezor signers: {@code trezor[:ID]} over HID / WebUSB / Bridge, {@code trezor-emu:HOST:PORT} over UDP. */
public final class TrezorSigners {
    /** How long the emulator may stay silent within one exchange (a person may be confirming). */
    static final int EMULATOR_TIMEOUT_MS = 120_000;

    private TrezorSigners() {}

    /**
     * Opens {@code uri}, sends Initialize, and returns the signer for {@code path}.
     *
     * @throws DeviceException.NoDevice if no Trezor is connected, or it is in bootloader
     * @throws DeviceException.TransportUnavailable if neither WebUSB nor the Bridge can run
     */
    public static TrezorSigner open(String uri, Bip32Path path, DevicePrompts prompts, Path recordFileOrNull) {
        TrezorWire wire;
        if (uri.startsWith("trezor-emu:")) {
            HardwareSigners.HostPort hp = HardwareSigners.HostPort.parse(uri.substring("trezor-emu:".length()), uri);
            wire = new ProtocolV1Wire(new UdpPacketIo(hp.host(), hp.port(), EMULATOR_TIMEOUT_MS));
        } else if (uri.equals("trezor") || uri.startsWith("trezor:")) {
            wire = usb(uri.equals("trezor") ? null : uri.substring("trezor:".length()));
        } else {
            throw new IllegalArgumentException("not a Trezor signer URI: " + uri + " (use trezor[:ID] or trezor-emu:HOST:PORT)");
        }
        TrezorSession session = new TrezorSession(wire, prompts, recordFileOrNull == null ? null : new ExchangeRecorder(recordFileOrNull));
        try {
            TrezorCommon.Features features = new io.countersign.hw.trezor.TrezorEthereumClient(session).initialize();
            if (features.getBootloaderMode()) {
                throw new DeviceException.NoDevice("the Trezor is in bootloader: restart it without touching the screen", null);
            }
            return new TrezorSigner(session, features, path, prompts);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The Trezor One over HID, else a WebUSB Trezor, else the Bridge; says which transports failed. */
    static TrezorWire usb(String id) {
        List<String> notes = new ArrayList<>();
        try {
            var one = UsbDiscovery.findTrezorOne(id);
            if (one != null) {
                return new ProtocolV1Wire(HidPacketIo.open(one));
            }
        } catch (DeviceException.TransportUnavailable e) {
            notes.add(e.getMessage());
        }
        try {
            WebUsbPacketIo io = UsbDiscovery.openWebUsbTrezor(id);
            if (io != null) {
                return new ProtocolV1Wire(io);
            }
        } catch (DeviceException.TransportUnavailable e) {
            notes.add(e.getMessage());
            try {
                for (TrezorBridge.BridgeDevice d : TrezorBridge.enumerate(TrezorBridge.DEFAULT)) {
                    if ((id == null || id.equals(d.path())) && d.product() != io.countersign.hw.transport.UsbIds.TREZOR_BOOTLOADER_PRODUCT) {
                        return TrezorBridge.acquire(TrezorBridge.DEFAULT, d.path());
                    }
                }
            } catch (DeviceException.TransportUnavailable b) {
                throw new DeviceException.TransportUnavailable("no way to reach a Trezor here: " + String.join("; ", notes)
                        + "; and " + b.getMessage(), b);
            }
        }
        throw new DeviceException.NoDevice("no Trezor" + (id == null ? "" : " with id " + id) + " is connected: plug it in and unlock it"
                + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"), null);
    }

    static boolean usable(DeviceInfo d) {
        return d.state() != State.IN_BOOTLOADER;
    }
}
