package io.countersign.app.shamir;

import java.io.IOException;
import java.util.List;

/** {@link ShamirVectorSupport} for the console tests in another package. */
public final class ShamirVectorsForConsole {
    public static final String PASSPHRASE = ShamirVectorSupport.PASSPHRASE;

    /** One official vector: description, mnemonics, master secret hex, xprv. */
    public record Vector(String description, List<String> mnemonics, String secretHex, String xprv) { }

    private ShamirVectorsForConsole() {}

    public static Vector vector(String descriptionPrefix) throws IOException {
        ShamirVectorSupport.Vector v = ShamirVectorSupport.vector(descriptionPrefix);
        return new Vector(v.description(), v.mnemonics(), v.secretHex(), v.xprv());
    }

    public static String addressFromXprv(String xprv) {
        return ShamirVectorSupport.addressFromXprv(xprv);
    }
}
