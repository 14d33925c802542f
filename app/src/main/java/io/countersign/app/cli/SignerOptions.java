package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
import io.countersign.hw.DevicePrompts;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --signer URI --path P --record FILE}, shared by every command that signs. */
final class SignerOptions {
    @Option(names = "--signer", required = true, paramLabel = "URI",
            description = "ledger[:SERIAL], trezor[:SERIAL], speculos:HOST:PORT, trezor-emu:HOST:PORT, ledger-replay:FILE, "
                    + "keystore:FILE (password from $COUNTERSIGN_PASSWORD or a prompt), mnemonic-env:VAR.")
    String signer;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "m/44'/60'/0'/0/0",
            description = "BIP-32 derivation path (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--record", paramLabel = "FILE", description = "Record the device exchange (=> apdu / <= response lines).")
    Path record;

    /**
     * The signer, opened only when the session first uses it (after the policy allowed the
     * request), so a refused request never opens a device.
     */
    Signer open(AppContext ctx, DevicePrompts prompts) {
        var lazy = new io.countersign.app.session.LazySigner(signer, () -> openNow(ctx, prompts));
        if (prompts instanceof CliListener listener) {
            listener.signerChosen(lazy);
        }
        return lazy;
    }

    private Signer openNow(AppContext ctx, DevicePrompts prompts) {
        Signer opened = io.countersign.app.session.Signers.factory(ctx).open(signer, Bip32Path.parse(path), prompts, record);
        if (prompts instanceof CliListener listener) {
            listener.signerOpened(opened);
        }
        return opened;
    }
}
