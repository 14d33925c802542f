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
    private static io.countersign.hw.trezor.ThpCredentialFile thpPairings(AppContext ctx) {
        return DeviceSignerOpener.pairings(ctx.dataDir());
    }

    /**
     * What {@link #forgetPairings} did.
     *
     * @param existed whether a pairings file or its key was there
     * @param count how many pairings it held, or -1 when the file could not be read
     * @param file the pairings file (deleted now, with its key)
     */
    public record ForgottenPairings(boolean existed, int count, java.nio.file.Path file) {}

    /**
     * Deletes the THP pairings of {@code ctx}'s data folder and their key
     * ({@code devices --forget-pairings}), an unreadable file included: that is the way out of one.
     * The faces call this rather than the Trezor driver's store.
     */
    public static ForgottenPairings forgetPairings(AppContext ctx) {
        io.countersign.hw.trezor.ThpCredentialFile store = thpPairings(ctx);
        boolean existed = java.nio.file.Files.exists(store.pairingsFile()) || java.nio.file.Files.exists(store.keyFile());
        int count = -1;
        try {
            count = store.entries().size();
        } catch (io.countersign.hw.DeviceException.PairingsUnreadable e) {
            // forgotten all the same
        }
        store.clear();
        return new ForgottenPairings(existed, count, store.pairingsFile());
    }

    /** A factory over this context's environment, with the hardware schemes wired in. */
    public static SignerFactory factory(AppContext ctx) {
        return new SignerFactory(ctx.env(), new DeviceSignerOpener(ctx.dataDir()), ctx.developmentSignersAllowed(), ctx.allowBlind());
    }
}
