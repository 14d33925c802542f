package io.countersign.app.devices;

import io.countersign.eth.testing.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The upstream Ledger transcripts in test-vectors/ledger, and recordings made from them. */
final class LedgerTranscripts {
    private LedgerTranscripts() {}

    static Path folder() {
        return TestPaths.vectors().resolve("ledger");
    }

    /** Every transcript file name, sorted. */
    static List<String> all() {
        try (Stream<Path> s = Files.list(folder())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String file) {
        try {
            return new ObjectMapper().readTree(Files.readString(folder().resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes exchanges {@code from} (inclusive) to the end of {@code vector} as a
     * {@code => apdu} / {@code <= response} recording in {@code dir} and returns its path.
     */
    static Path recording(JsonNode vector, int from, Path dir) {
        StringBuilder sb = new StringBuilder("# " + vector.get("name").asText() + " from exchange " + from + "\n");
        JsonNode exchanges = vector.get("exchanges");
        for (int i = from; i < exchanges.size(); i++) {
            sb.append("=> ").append(exchanges.get(i).get("apdu_hex").asText()).append('\n');
            sb.append("<= ").append(exchanges.get(i).get("response_hex").asText()).append('\n');
        }
        Path file = dir.resolve(vector.get("name").asText() + "-" + from + ".apdus");
        try {
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The vector's {@code inputs.path} as a {@code m/…} BIP-32 path. */
    static String path(JsonNode vector) {
        return "m/" + vector.get("inputs").get("path").asText();
    }
}
