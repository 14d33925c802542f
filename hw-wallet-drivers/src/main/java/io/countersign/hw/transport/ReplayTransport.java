package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Replays a recorded exchange ({@code ledger-replay:FILE}): lines {@code => <apdu hex>} and
 * {@code <= <response hex>}, blank lines and {@code #} comments ignored. Each APDU the client sends
 * must equal the next recorded one byte for byte; the first that differs, one beyond the end, or
 * recorded APDUs left over at {@link #close()} raise {@link DeviceException.ReplayMismatch}.
 */
public final class ReplayTransport implements ApduTransport {
    private record Step(int line, byte[] apdu, byte[] response) {}

    private final String name;
    private final List<Step> steps;
    private int next;
    private boolean closed;

    private ReplayTransport(String name, List<Step> steps) {
        this.name = name;
        this.steps = steps;
    }

    /**
     * Reads a recording.
     *
     * @throws DeviceException.NoDevice if the file cannot be read
     * @throws DeviceException.ReplayMismatch if a line is not in the format
     */
    public static ReplayTransport open(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeviceException.NoDevice("cannot read the replay file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    /** Parses recording lines; {@code name} appears in messages. */
    public static ReplayTransport parse(String name, List<String> lines) {
        List<Step> steps = new ArrayList<>();
        byte[] pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("=>")) {
                if (pending != null) {
                    throw new DeviceException.ReplayMismatch(number, "two APDUs without a response between them in " + name);
                }
                pending = hex(line.substring(2), number, name);
                pendingLine = number;
            } else if (line.startsWith("<=")) {
                if (pending == null) {
                    throw new DeviceException.ReplayMismatch(number, "a response without an APDU before it in " + name);
                }
                steps.add(new Step(pendingLine, pending, hex(line.substring(2), number, name)));
                pending = null;
            } else {
                throw new DeviceException.ReplayMismatch(number, "line is neither '=> apdu' nor '<= response' in " + name);
            }
        }
        if (pending != null) {
            throw new DeviceException.ReplayMismatch(pendingLine, "the last APDU has no response in " + name);
        }
        return new ReplayTransport(name, steps);
    }

    private static byte[] hex(String text, int line, String name) {
        try {
            return HexFormat.of().parseHex(text.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DeviceException.ReplayMismatch(line, "not hex in " + name + ": " + e.getMessage());
        }
    }

    @Override
    public byte[] exchange(byte[] apdu) {
        String actual = HexFormat.of().formatHex(apdu);
        if (next >= steps.size()) {
            int line = steps.isEmpty() ? 1 : steps.get(steps.size() - 1).line() + 2;
            throw new DeviceException.ReplayMismatch(line, "the recording ended but the client sent " + actual);
        }
        Step step = steps.get(next);
        if (!java.util.Arrays.equals(step.apdu(), apdu)) {
            throw new DeviceException.ReplayMismatch(step.line(),
                    "expected " + HexFormat.of().formatHex(step.apdu()) + ", actual " + actual);
        }
        next++;
        return step.response().clone();
    }

    /** How many recorded APDUs have not been sent yet. */
    public int remaining() {
        return steps.size() - next;
    }

    @Override
    public String describe() {
        return "replay of " + name;
    }

    /**
     * @throws DeviceException.ReplayMismatch if recorded APDUs were never sent
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (next < steps.size()) {
            Step step = steps.get(next);
            throw new DeviceException.ReplayMismatch(step.line(), (steps.size() - next)
                    + " recorded APDU(s) left over at close, first expected " + HexFormat.of().formatHex(step.apdu()));
        }
    }
}
