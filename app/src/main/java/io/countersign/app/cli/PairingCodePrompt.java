package io.countersign.app.cli;

import java.io.Console;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The command line's prompt for the 6-digit code a Trezor Safe 7 shows while pairing over the
 * Trezor Host Protocol. The code is read at the terminal, or as the first line of standard input
 * when that is not a terminal (a script piping it in); never from the command-line arguments,
 * where other users' {@code ps} and the shell history would see it.
 *
 * <p>At a terminal a line that is not 6 digits is asked again (at most {@value #TRIES} times in
 * all, the Trezor keeps showing its code); from standard input the line is handed on as it is,
 * and the driver refuses anything but 6 digits ({@code DeviceException.PairingFailed}). No input
 * at all (end of standard input, no terminal) gives {@code null}: the driver then stops with
 * {@code DeviceException.PairingRequired}.
 */
final class PairingCodePrompt {
    static final int TRIES = 3;
    /** Longest line read from standard input; a code is 6 characters. */
    static final int MAX_LINE = 64;

    private PairingCodePrompt() {}

    /**
     * @param device the device's description, shown in the prompt
     * @param info where the prompt goes (stderr)
     * @param console the terminal, or {@code null}; used only if it is a terminal
     * @param stdin read when there is no terminal
     * @return the code as typed, stripped; {@code null} when nothing could be read
     */
    static String read(String device, Consumer<String> info, Console console, InputStream stdin) {
        String prompt = "Enter the code shown on your Trezor (" + device + "), 6 digits: ";
        if (console != null && console.isTerminal()) {
            String line = null;
            for (int i = 0; i < TRIES; i++) {
                line = console.readLine("%s", prompt);
                if (line == null) {
                    return null;
                }
                line = line.strip();
                if (line.matches("[0-9]{6}")) {
                    return line;
                }
                console.printf("The code is the 6 digits the Trezor shows, e.g. 123456.%n");
            }
            return line;
        }
        info.accept(prompt.stripTrailing() + " (reading a line from standard input)");
        String line = firstLine(stdin);
        return line == null ? null : line.strip();
    }

    /** The first line of {@code in} without its end, reading no byte past it; {@code null} at once at end of input. */
    static String firstLine(InputStream in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            while (b.size() < MAX_LINE) {
                int c = in.read();
                if (c < 0) {
                    return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
                }
                if (c == '\n') {
                    break;
                }
                b.write(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pairing code from standard input: " + e.getMessage(), e);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
