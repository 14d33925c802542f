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
