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

    /**
     * The requests that compete for one nonce: for each readable entry, the other entries for the
     * same Safe on the same chain with the same nonce but a different safeTxHash. Only one of them
     * can ever execute; the Safe's nonce then moves past the others. Copies of one request (the
     * same safeTxHash, e.g. two officers' signed copies) do not compete. Entries that compete with
     * nothing are absent from the map.
     *
     * @return file of an entry → its competitors, in {@code entries} order
     */
    public static java.util.Map<Path, List<Entry>> competing(List<Entry> entries) {
        java.util.Map<String, List<Entry>> byNonce = new java.util.LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.ok()) {
                SafeRequest r = e.request();
                byNonce.computeIfAbsent(r.chainId() + "/" + r.safe().toLowerHex() + "/" + r.tx().nonce(), k -> new ArrayList<>()).add(e);
            }
        }
        java.util.Map<Path, List<Entry>> out = new java.util.LinkedHashMap<>();
        for (List<Entry> group : byNonce.values()) {
            for (Entry e : group) {
                String hash = e.request().hashes().safeTxHashHex();
                List<Entry> others = group.stream().filter(o -> !o.request().hashes().safeTxHashHex().equalsIgnoreCase(hash)).toList();
                if (!others.isEmpty()) {
                    out.put(e.file(), others);
                }
            }
        }
        return out;
    }
}
