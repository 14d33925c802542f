package io.countersign.shamir.probe;

import io.countersign.shamir.Slip39;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Child-process main for {@code NamedModuleTest}: run with {@code io.countersign.shamir} on the
 * module path and this class on the class path (a package the module does not own). Prints the
 * module's name, then the master secret that the mnemonic in {@code args[0]} combines to with
 * passphrase {@code args[1]}, as lowercase hex. Combining reads the word list, a resource inside
 * the module.
 */
public final class ModulePathProbe {
    private ModulePathProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println(Slip39.class.getModule().getName());
        byte[] secret = Slip39.combine(List.of(args[0]), args[1].getBytes(StandardCharsets.US_ASCII));
        System.out.println(HexFormat.of().formatHex(secret));
    }
}
