package io.countersign.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.shamir.probe.ModulePathProbe;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor ({@code shamir-recovery/src/main/java/module-info.java}) at run time. The
 * suite runs on the class path, as the app does, so this starts a JVM with
 * {@code io.countersign.shamir} on the module path, where a missing export or a resource the
 * module cannot read fails, and combines the first official SLIP-0039 vector
 * (test-vectors/slip39/vectors.json, "1. Valid mnemonic without sharing (128 bits)") there.
 */
class NamedModuleTest {

    private static final String VECTOR_1 = "duckling enlarge academic academic agency result length solution fridge kidney "
            + "coal piece deal husband erode duke ajar critical decision keyboard";

    @Test
    void combinesAnOfficialVectorAsANamedModule() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java,
                "--module-path", location(Slip39.class),
                "--add-modules", "io.countersign.shamir",
                "-cp", location(ModulePathProbe.class),
                ModulePathProbe.class.getName(), VECTOR_1, "TREZOR")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the module-path JVM did not finish");
        }
        assertEquals(0, p.exitValue(), "the module-path JVM failed; its output: " + out);
        assertEquals(List.of("io.countersign.shamir", "bb54aac4b89dc868ba37d9cc21b2cece"), out.lines().toList());
    }

    /** The directory or jar a class was loaded from (target/classes, target/test-classes). */
    private static String location(Class<?> c) throws URISyntaxException {
        return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }
}
