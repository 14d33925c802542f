package io.countersign.app.session;

/** The one place signer URIs are resolved, for the command line and the console alike. */
public final class Signers {
    private Signers() {}

    /**
     * Closes a signer once its signature is in hand and before anything is written: a device (or
     * a replayed recording with exchanges left over) that fails at close must leave the request
     * file, the journal and stdout as they were.
     */
    public static void release(io.countersign.eth.Signer signer) {
        try {
            signer.close();
        } catch (io.countersign.eth.SignerException e) {
            throw DeviceErrors.translate(e);
        }
    }

    /**
     * The THP pairings (Trezor Safe 7) stored in {@code ctx}'s data folder, encrypted
     * ({@code devices/thp-pairings.tink}); {@code devices --forget-pairings} clears them.
     */
    public static io.countersign.hw.trezor.ThpCredentialFile thpPairings(AppContext ctx) {
        return DeviceSignerOpener.pairings(ctx.dataDir());
    }

    /** A factory over this context's environment, with the hardware schemes wired in. */
    public static SignerFactory factory(AppContext ctx) {
        return new SignerFactory(ctx.env(), new DeviceSignerOpener(ctx.dataDir()), ctx.developmentSignersAllowed(), ctx.allowBlind());
    }
}
