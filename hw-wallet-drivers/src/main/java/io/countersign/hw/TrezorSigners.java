package io.countersign.hw;

import io.countersign.eth.Bip32Path;
import io.countersign.hw.DeviceInfo.State;
import io.countersign.hw.protocol.TrezorV1Codec;
import io.countersign.hw.transport.ExchangeRecorder;
import io.countersign.hw.transport.HidPacketIo;
import io.countersign.hw.transport.PacketIo;
import io.countersign.hw.transport.ProtocolV1Wire;
import io.countersign.hw.transport.TrezorBridge;
import io.countersign.hw.transport.TrezorWire;
import io.countersign.hw.transport.UdpPacketIo;
import io.countersign.hw.transport.UsbDiscovery;
import io.countersign.hw.transport.WebUsbPacketIo;
import io.countersign.hw.trezor.MessageType;
import io.countersign.hw.trezor.ThpCredentialStore;
import io.countersign.hw.trezor.ThpWire;
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
        return open(uri, path, prompts, recordFileOrNull, THP_CREDENTIALS);
    }

    /**
     * As {@link #open(String, Bip32Path, DevicePrompts, Path)}, with the THP pairings kept in
     * {@code pairings} (the app passes the encrypted file in its data folder).
     *
     * @throws DeviceException.PairingsUnreadable if a Safe 7 answers and the stored pairings cannot be read
     */
    public static TrezorSigner open(String uri, Bip32Path path, DevicePrompts prompts, Path recordFileOrNull, ThpCredentialStore pairings) {
        TrezorWire wire;
        if (uri.startsWith("trezor-emu:")) {
            HardwareSigners.HostPort hp = HardwareSigners.HostPort.parse(uri.substring("trezor-emu:".length()), uri);
            wire = emulator(hp.host(), hp.port(), prompts, pairings);
        } else if (uri.equals("trezor") || uri.startsWith("trezor:")) {
            wire = usb(uri.equals("trezor") ? null : uri.substring("trezor:".length()), prompts, pairings);
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

    /** How long a Trezor may take to answer protocol v1 before it is driven over THP. */
    static final int V1_PROBE_MS = 1_500;
    /** Resend a THP message not acknowledged within this time. */
    static final int THP_ACK_TIMEOUT_MS = 500;
    /**
     * THP pairings of this process, for callers that pass no store: they are not written to disk,
     * so a new process pairs again (the Trezor shows a new code). The app passes a
     * {@link io.countersign.hw.trezor.ThpCredentialFile} in its data folder instead.
     */
    static final ThpCredentialStore THP_CREDENTIALS = ThpCredentialStore.inMemory();

    /**
     * The emulator's UDP port: protocol v1 if the device answers a v1 {@code Initialize} (as
     * trezorlib's {@code get_client} probes), else the Trezor Host Protocol.
     */
    static TrezorWire emulator(String host, int port, DevicePrompts prompts, ThpCredentialStore pairings) {
        return v1OrThp(new UdpPacketIo(host, port, EMULATOR_TIMEOUT_MS), prompts, pairings);
    }

    /**
     * The wire for a Trezor reached over 64-byte packets (WebUSB, the emulator's UDP port): protocol
     * v1 if it answers a v1 {@code Initialize} with {@code Features} within {@link #V1_PROBE_MS},
     * else the Trezor Host Protocol, as trezorlib's {@code get_client} decides.
     */
    static TrezorWire v1OrThp(PacketIo io, DevicePrompts prompts, ThpCredentialStore pairings) {
        boolean v1;
        try {
            v1 = probeV1(io);
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
        return v1 ? new ProtocolV1Wire(io) : thp(io, prompts, pairings); // ThpWire.connect closes io when it fails
    }

    /** Which protocol a device speaks: "protocol v1" or "THP". */
    public static String protocol(TrezorWire wire) {
        return wire instanceof ThpWire ? "THP" : "protocol v1";
    }

    /** The protocol of an open wire: {@link DeviceInfo.Protocol#THP} or {@link DeviceInfo.Protocol#V1}. */
    public static DeviceInfo.Protocol protocolOf(TrezorWire wire) {
        return wire instanceof ThpWire ? DeviceInfo.Protocol.THP : DeviceInfo.Protocol.V1;
    }

    /**
     * Asks a Trezor reached over 64-byte packets which protocol it speaks, as
     * {@link #v1OrThp} decides: {@link DeviceInfo.Protocol#V1} if a v1 {@code Initialize} gets a
     * {@code Features} within {@link #V1_PROBE_MS}, else {@link DeviceInfo.Protocol#THP}. Nothing
     * is paired or unlocked; the caller closes {@code io}.
     */
    public static DeviceInfo.Protocol probeProtocol(PacketIo io) {
        return probeV1(io) ? DeviceInfo.Protocol.V1 : DeviceInfo.Protocol.THP;
    }

    /** Sends a v1 Initialize; true if a v1 Features comes back within {@link #V1_PROBE_MS}. */
    static boolean probeV1(PacketIo packets) {
        for (byte[] p : TrezorV1Codec.encode(MessageType.INITIALIZE.id(), new byte[0])) {
            packets.write(p);
        }
        TrezorV1Codec.Decoder d = new TrezorV1Codec.Decoder();
        long end = System.nanoTime() + V1_PROBE_MS * 1_000_000L;
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            byte[] packet = left <= 0 ? null : packets.read((int) left);
            if (packet == null) {
                return false;
            }
            try {
                TrezorV1Codec.Message m = d.add(packet);
                if (m != null) {
                    return m.type() == MessageType.FEATURES.id();
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    static ThpWire thp(PacketIo io, DevicePrompts prompts, ThpCredentialStore pairings) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "this computer";
        }
        return ThpWire.connect(io, pairings, prompts::thpPairingCode, host, THP_ACK_TIMEOUT_MS, EMULATOR_TIMEOUT_MS);
    }

    /**
     * The Trezor One over HID (protocol v1), else a WebUSB Trezor (protocol v1, or THP when it does
     * not answer v1: the Safe 7), else the Bridge (protocol v1 only); says which transports failed.
     */
    static TrezorWire usb(String id, DevicePrompts prompts, ThpCredentialStore pairings) {
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
                return v1OrThp(io, prompts, pairings);
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
