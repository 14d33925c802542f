package io.countersign.app.session;

import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
import io.countersign.eth.SignerException;
import io.countersign.eth.SoftwareSigner;
import io.countersign.hw.DevicePrompts;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Opens a signer from its URI (docs/architecture.md, "Signers"). Secrets never come from argv: a phrase
 * comes from the environment variable the URI names, a keystore password from
 * {@code $COUNTERSIGN_PASSWORD} or an interactive prompt.
 */
public final class SignerFactory {
    /** Environment variable holding a keystore password. */
    public static final String PASSWORD_ENV = "COUNTERSIGN_PASSWORD";

    private final Map<String, String> env;
    private final HardwareSignerOpener hardware;
    private final boolean developmentSigners;
    private final boolean allowBlind;

    /** Opens the device schemes (ledger, trezor, speculos, trezor-emu, ledger-replay). */
    public interface HardwareSignerOpener {
        /**
         * @param record a file to record the exchange to, or {@code null}
         */
        Signer open(String uri, Bip32Path path, DevicePrompts prompts, Path record);
    }

    public SignerFactory(Map<String, String> env, HardwareSignerOpener hardware) {
        this(env, hardware, false);
    }

    /**
     * @param developmentSigners whether the emulator and replay schemes may be opened
     *     ({@code --allow-emulator} or {@code --dev-mode})
     */
    public SignerFactory(Map<String, String> env, HardwareSignerOpener hardware, boolean developmentSigners) {
        this(env, hardware, developmentSigners, false);
    }

    /**
     * @param allowBlind whether the opened signer may sign typed data from its hashes only
     *     ({@link Signer#permitHashOnlyTypedData}); without it such a device refuses before it signs
     */
    public SignerFactory(Map<String, String> env, HardwareSignerOpener hardware, boolean developmentSigners, boolean allowBlind) {
        this.env = env;
        this.hardware = hardware;
        this.developmentSigners = developmentSigners;
        this.allowBlind = allowBlind;
    }

    /**
     * @throws CountersignException.Usage for an unknown scheme or a missing variable
     * @throws SignerException when the secret cannot be loaded or the device cannot be opened
     */
    public Signer open(String uri, Bip32Path path, DevicePrompts prompts, Path record) {
        Signer signer = openScheme(uri, path, prompts, record);
        signer.permitHashOnlyTypedData(allowBlind);
        return signer;
    }

    private Signer openScheme(String uri, Bip32Path path, DevicePrompts prompts, Path record) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? uri : uri.substring(0, colon);
        String rest = colon < 0 ? "" : uri.substring(colon + 1);
        return switch (scheme) {
            case "mnemonic-env" -> {
                if (rest.isEmpty()) {
                    throw new CountersignException.Usage("mnemonic-env needs a variable name: --signer mnemonic-env:VAR");
                }
                String phrase = env.get(rest);
                if (phrase == null || phrase.isBlank()) {
                    throw new SignerException(SignerException.Reason.SECRET_UNAVAILABLE,
                            "environment variable " + rest + " is not set: export the BIP-39 phrase in it (never pass it as an argument)");
                }
                yield SoftwareSigner.fromMnemonic(phrase, "", path, "software key (" + rest + ")");
            }
            case "keystore" -> {
                Path file = Path.of(rest);
                if (!Files.isRegularFile(file)) {
                    throw new CountersignException.Usage("keystore file not found: " + file);
                }
                char[] password = password(file);
                try {
                    yield SoftwareSigner.fromKeystore(file, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
            case "speculos", "trezor-emu", "ledger-replay" -> {
                if (!developmentSigners) {
                    throw new CountersignException.Usage(scheme + ": is a development signer ("
                            + (scheme.equals("ledger-replay") ? "a recorded exchange replayed" : "an emulator") + ", not a device "
                            + "that holds a key): pass --allow-emulator to use it with the policy enforced, or --dev-mode");
                }
                if (!scheme.equals("ledger-replay")) {
                    requireLoopback(uri, rest);
                }
                if (hardware == null) {
                    throw new CountersignException.Usage("hardware signers are not available in this build");
                }
                yield hardware.open(uri, path, prompts, record);
            }
            case "ledger", "trezor" -> {
                if (hardware == null) {
                    throw new CountersignException.Usage("hardware signers are not available in this build");
                }
                yield hardware.open(uri, path, prompts, record);
            }
            default -> throw new CountersignException.Usage("unknown signer " + uri + ": use ledger[:SERIAL], trezor[:SERIAL], "
                    + "speculos:HOST:PORT, trezor-emu:HOST:PORT, ledger-replay:FILE, keystore:FILE or mnemonic-env:VAR");
        };
    }

    /**
     * An emulator is reached only on this machine: an IP literal in 127.0.0.0/8 or {@code ::1}
     * (brackets allowed), or {@code localhost} when every address it resolves to is loopback.
     * Other names are refused without being looked up.
     *
     * @param hostPort {@code HOST:PORT}
     * @throws CountersignException.Usage for any other host
     */
    static void requireLoopback(String uri, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean loopback;
        try {
            if (host.equalsIgnoreCase("localhost")) {
                java.net.InetAddress[] all = java.net.InetAddress.getAllByName("localhost");
                loopback = all.length > 0 && java.util.Arrays.stream(all).allMatch(java.net.InetAddress::isLoopbackAddress);
            } else {
                loopback = java.net.InetAddress.ofLiteral(host).isLoopbackAddress();
            }
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new CountersignException.Usage("refusing " + uri + ": an emulator is reached only on this machine "
                    + "(127.0.0.0/8, ::1 or localhost), not on " + (host.isEmpty() ? "an empty host" : host)
                    + "; run the emulator locally and give its loopback address");
        }
    }

    private char[] password(Path file) {
        String fromEnv = env.get(PASSWORD_ENV);
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new SignerException(SignerException.Reason.SECRET_UNAVAILABLE,
                    "keystore " + file + " needs a password: set " + PASSWORD_ENV + " or run in a terminal to be asked");
        }
        char[] pw = console.readPassword("Password for %s: ", file.getFileName());
        if (pw == null) {
            throw new SignerException(SignerException.Reason.REFUSED, "no password entered");
        }
        return pw;
    }
}
