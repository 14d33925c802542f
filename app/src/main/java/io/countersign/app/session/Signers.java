package io.countersign.app.session;

/** The one place signer URIs are resolved, for the command line and the console alike. */
public final class Signers {
    private Signers() {}

    /** A factory over this context's environment, with the hardware schemes wired in. */
    public static SignerFactory factory(AppContext ctx) {
        return new SignerFactory(ctx.env(), DeviceSignerOpener.INSTANCE);
    }
}
