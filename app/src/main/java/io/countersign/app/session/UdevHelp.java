package io.countersign.app.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a Linux user needs when the OS will not let them open a Ledger or Trezor: the udev rules
 * Countersign ships ({@code packaging/linux/udev/51-countersign-hw-wallets.rules}, built into the
 * app jar from that one file) and the one command that installs them.
 *
 * @param rulesFile the rules file's name, as installed into {@code /etc/udev/rules.d/}
 * @param rules the rules text, byte for byte the packaged file
 * @param installCommand one line to run in a terminal: the packaged {@code install-udev-rules.sh}
 *     under {@code sudo} (the installed app's copy if this runs from an installed package, else the
 *     source checkout's)
 */
public record UdevHelp(String rulesFile, String rules, String installCommand) {
    /** The rules file's name. */
    public static final String RULES_FILE = "51-countersign-hw-wallets.rules";
    static final String SCRIPT = "install-udev-rules.sh";
    /** The script as a source checkout names it, from the repository root. */
    static final String CHECKOUT_SCRIPT = "packaging/linux/udev/" + SCRIPT;

    /**
     * The packaged rules and the command that installs them here.
     *
     * @throws IllegalStateException if the jar was built without the rules (a broken build)
     */
    public static UdevHelp load() {
        try (InputStream in = UdevHelp.class.getResourceAsStream(RULES_FILE)) {
            if (in == null) {
                throw new IllegalStateException(RULES_FILE + " is missing from the app jar: rebuild it (app/pom.xml copies it from packaging/linux/udev)");
            }
            String script = script();
            return new UdevHelp(RULES_FILE, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "sudo " + (script.matches("[A-Za-z0-9_./+-]+") ? script : "'" + script.replace("'", "'\\''") + "'"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True on Linux, where device access is granted by udev rules. */
    public static boolean appliesHere() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /**
     * The install script: beside the installed app ({@code /opt/countersign/lib/udev/}, where
     * jpackage puts {@code packaging/linux/udev}), else in the source checkout the jar was built in,
     * else the checkout-relative path docs/devices.md gives.
     */
    static String script() {
        try {
            var location = UdevHelp.class.getProtectionDomain().getCodeSource();
            if (location != null) {
                Path jar = Path.of(location.getLocation().toURI());
                for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                    for (Path candidate : new Path[] {dir.resolve("udev").resolve(SCRIPT), dir.resolve(CHECKOUT_SCRIPT)}) {
                        if (Files.isRegularFile(candidate)) {
                            return candidate.toAbsolutePath().normalize().toString();
                        }
                    }
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the checkout-relative path
        }
        return CHECKOUT_SCRIPT;
    }
}
