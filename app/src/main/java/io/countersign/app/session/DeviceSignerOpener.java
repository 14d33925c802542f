package io.countersign.app.session;

import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.HardwareSigners;
import io.countersign.hw.trezor.ThpCredentialFile;
import java.io.Console;
import java.nio.file.Path;

/**
 * Opens the device schemes (ledger, trezor, speculos, trezor-emu, ledger-replay) through
 * {@code hw-wallet-drivers}, passing the face's prompts (a {@link SessionListener}) through to the
 * driver. By default a Trezor One PIN is typed as matrix positions at the terminal and a
 * passphrase is entered on the device. A Trezor paired
 * over the Trezor Host Protocol (the Safe 7) is remembered in the data folder's
 * {@code devices/} ({@link ThpCredentialFile}, encrypted with Tink), so it connects without a code
 * next time.
 */
final class DeviceSignerOpener implements SignerFactory.HardwareSignerOpener {
    /** Where the data folder keeps the THP pairings. */
    static final String DEVICES_DIR = "devices";

    private final ThpCredentialFile thpPairings;

    /** @param dataDir the data folder; the pairings go to its {@value #DEVICES_DIR} subfolder */
    DeviceSignerOpener(Path dataDir) {
        this.thpPairings = pairings(dataDir);
    }

    /** The THP pairings store of the data folder {@code dataDir}. */
    static ThpCredentialFile pairings(Path dataDir) {
        return new ThpCredentialFile(dataDir.resolve(DEVICES_DIR));
    }

    @Override
    public Signer open(String uri, Bip32Path path, DevicePrompts prompts, Path record) {
        return HardwareSigners.open(uri, path, prompts, record, thpPairings);
    }

    /** The terminal's pairing-code prompt for a Trezor Safe 7, or {@code null} when there is no terminal. */
    static String terminalPairingCode(String device) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return null;
        }
        return console.readLine("Enter the code shown on your Trezor (%s), 6 digits: ", device);
    }

    /** The terminal's PIN prompt, or {@code null} (cancel) when there is no terminal. */
    static char[] terminalPin() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        return console.readPassword("Trezor PIN — type the positions shown on the device (7 8 9 is the top row): ");
    }
}
