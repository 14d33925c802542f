package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Writes a device exchange in ledgerjs RecordStore's line format: {@code => <request hex>} and
 * {@code <= <response hex>} (for a Ledger the response includes the status word). A payload that
 * carries a secret (a PIN or a passphrase) is written as {@code <redacted>}.
 */
public final class ExchangeRecorder implements AutoCloseable {
    /** What a secret payload is replaced by. */
    public static final String REDACTED = "<redacted>";
    private final Path file;
    private final BufferedWriter writer;

    /**
     * @throws DeviceException.DeviceFailure if the file cannot be created
     */
    public ExchangeRecorder(Path file) {
        this.file = file;
        try {
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeviceException.DeviceFailure("cannot write the recording " + file + ": " + e.getMessage(), e);
        }
    }

    /** Records a request. */
    public void request(byte[] bytes) {
        line("=> " + HexFormat.of().formatHex(bytes));
    }

    /** Records a request whose payload is secret: only {@code prefix} (e.g. the message type) is kept. */
    public void secretRequest(byte[] prefix) {
        line("=> " + HexFormat.of().formatHex(prefix) + REDACTED);
    }

    /** Records a response. */
    public void response(byte[] bytes) {
        line("<= " + HexFormat.of().formatHex(bytes));
    }

    private void line(String text) {
        try {
            writer.write(text);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new DeviceException.DeviceFailure("cannot write the recording " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException ignored) {
            // the lines were flushed as written
        }
    }
}
