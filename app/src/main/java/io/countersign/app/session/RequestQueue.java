package io.countersign.app.session;

import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The request files in {@code DATA_DIR/requests}, each read with all its checks. A file that
 * fails a check stays in the list with its error, so the console can show why it is refused
 * instead of hiding it.
 */
public final class RequestQueue {
    private RequestQueue() {}

    /** One queued file: its request, or the reason it could not be read. */
    public record Entry(Path file, SafeRequest request, String error) {
        public boolean ok() {
            return request != null;
        }
    }

    /** Every {@code *.json} in the folder, sorted by Safe and nonce (unreadable files last). */
    public static List<Entry> load(Path dir) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(new Entry(f, RequestFile.read(f), null));
                } catch (RuntimeException e) {
                    out.add(new Entry(f, null, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing((Entry e) -> !e.ok())
                .thenComparing(e -> e.ok() ? e.request().safe().toString() : e.file().toString())
                .thenComparing(e -> e.ok() ? e.request().tx().nonce() : java.math.BigInteger.ZERO));
        return out;
    }
}
