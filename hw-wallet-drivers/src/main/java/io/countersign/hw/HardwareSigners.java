package io.countersign.hw;

import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
import io.countersign.hw.ledger.LedgerSigner;
import io.countersign.hw.transport.ApduTransport;
import io.countersign.hw.transport.ExchangeRecorder;
import io.countersign.hw.transport.HidPacketIo;
import io.countersign.hw.transport.LedgerHidTransport;
import io.countersign.hw.transport.RecordingApduTransport;
import io.countersign.hw.transport.ReplayTransport;
import io.countersign.hw.transport.SpeculosTransport;
import io.countersign.hw.transport.UsbDiscovery;
import java.nio.file.Path;

/**
 * The entry point the command line and the console use: opens a hardware signer from its URI and
 * lists connected wallets.
 *
 * <p>URIs: {@code ledger[:SERIAL]}, {@code trezor[:SERIAL]}, {@code speculos:HOST:PORT},
 * {@code trezor-emu:HOST:PORT}, {@code ledger-replay:FILE}.
 */
public final class HardwareSigners {
    private HardwareSigners() {}

    /** True if {@code uri} names a hardware (or emulated/replayed hardware) signer. */
    public static boolean isHardwareUri(String uri) {
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri;
        return switch (scheme) {
            case "ledger", "trezor", "speculos", "trezor-emu", "ledger-replay" -> true;
            default -> false;
        };
    }

    /**
     * Opens the signer {@code uri} names, for the account at {@code path}.
     *
     * @param prompts how to ask the person at the device
     * @param recordFileOrNull if not null, every exchange is written there ({@code --record})
     * @throws DeviceException (a subtype saying what to do) if the device cannot be reached
     * @throws IllegalArgumentException if the URI is not one of the forms above
     */
    public static Signer open(String uri, Bip32Path path, DevicePrompts prompts, Path recordFileOrNull) {
        if (uri.equals("trezor") || uri.startsWith("trezor:") || uri.startsWith("trezor-emu:")) {
            return TrezorSigners.open(uri, path, prompts, recordFileOrNull);
        }
        return openLedger(uri, path, prompts, recordFileOrNull);
    }

    /**
     * As {@link #open(String, Bip32Path, DevicePrompts, Path)}, keeping the pairings of a Trezor
     * reached over the Trezor Host Protocol in {@code thpPairings} (e.g. a
     * {@link io.countersign.hw.trezor.ThpCredentialFile} in the data folder), so a paired Safe 7
     * connects without a code.
     */
    public static Signer open(String uri, Bip32Path path, DevicePrompts prompts, Path recordFileOrNull,
                              io.countersign.hw.trezor.ThpCredentialStore thpPairings) {
        if (uri.equals("trezor") || uri.startsWith("trezor:") || uri.startsWith("trezor-emu:")) {
            return TrezorSigners.open(uri, path, prompts, recordFileOrNull, thpPairings);
        }
        return openLedger(uri, path, prompts, recordFileOrNull);
    }

    /**
     * Opens a Ledger signer: {@code ledger[:SERIAL]}, {@code speculos:HOST:PORT} or
     * {@code ledger-replay:FILE}.
     */
    public static LedgerSigner openLedger(String uri, Bip32Path path, DevicePrompts prompts, Path recordFileOrNull) {
        ApduTransport transport;
        if (uri.equals("ledger") || uri.startsWith("ledger:")) {
            String id = uri.equals("ledger") ? null : uri.substring("ledger:".length());
            transport = new LedgerHidTransport(HidPacketIo.open(UsbDiscovery.findLedger(id)));
        } else if (uri.startsWith("speculos:")) {
            HostPort hp = HostPort.parse(uri.substring("speculos:".length()), uri);
            transport = SpeculosTransport.connect(hp.host(), hp.port());
        } else if (uri.startsWith("ledger-replay:")) {
            transport = ReplayTransport.open(Path.of(uri.substring("ledger-replay:".length())));
        } else {
            throw new IllegalArgumentException("not a Ledger signer URI: " + uri
                    + " (use ledger[:SERIAL], speculos:HOST:PORT or ledger-replay:FILE)");
        }
        if (recordFileOrNull != null) {
            transport = new RecordingApduTransport(transport, new ExchangeRecorder(recordFileOrNull));
        }
        return new LedgerSigner(transport, path, prompts);
    }

    /** Connected wallets, and a note for each transport that cannot run on this machine. */
    public static UsbDiscovery.Result discover() {
        return UsbDiscovery.scan();
    }

    /**
     * As {@link #discover()}; with {@code askProtocol}, each WebUSB Trezor in firmware mode is
     * opened and asked {@link TrezorSigners#probeProtocol protocol v1 first, then THP}, as
     * trezorlib's {@code get_client} does, and closed again (up to 1.5 s for a THP device). A
     * Trezor that cannot be opened (held by Trezor Suite, no permission) stays
     * {@link DeviceInfo.Protocol#UNKNOWN} with a note saying why.
     */
    public static UsbDiscovery.Result discover(boolean askProtocol) {
        UsbDiscovery.Result r = UsbDiscovery.scan();
        if (!askProtocol) {
            return r;
        }
        java.util.List<DeviceInfo> devices = new java.util.ArrayList<>();
        java.util.List<String> notes = new java.util.ArrayList<>(r.notes());
        for (DeviceInfo d : r.devices()) {
            if (d.vendor() == DeviceInfo.Vendor.TREZOR && d.transport() == DeviceInfo.TransportKind.WEBUSB
                    && d.state() != DeviceInfo.State.IN_BOOTLOADER) {
                try (io.countersign.hw.transport.WebUsbPacketIo io = UsbDiscovery.openWebUsbTrezor(d.id())) {
                    devices.add(io == null ? d : d.withProtocol(TrezorSigners.probeProtocol(io)));
                } catch (DeviceException e) {
                    devices.add(d);
                    notes.add("could not ask the Trezor at " + d.id() + " which protocol it speaks: " + e.getMessage());
                }
            } else {
                devices.add(d);
            }
        }
        return new UsbDiscovery.Result(java.util.List.copyOf(devices), java.util.List.copyOf(notes));
    }

    /** {@code HOST:PORT} of an emulator URI. */
    record HostPort(String host, int port) {
        static HostPort parse(String text, String uri) {
            int colon = text.lastIndexOf(':');
            try {
                return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("expected HOST:PORT in " + uri, e);
            }
        }
    }
}
