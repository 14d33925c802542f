package io.countersign.hw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Loads the upstream vectors from the folder named by the {@code countersign.vectors} property. */
public final class Vectors {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Vectors() {}

    public static Path root() {
        String dir = System.getProperty("countersign.vectors");
        if (dir == null) {
            throw new IllegalStateException("system property countersign.vectors is not set (it names the repository's test-vectors/ folder)");
        }
        return Path.of(dir);
    }

    public static JsonNode read(String relative) {
        try {
            return JSON.readTree(Files.readString(root().resolve(relative)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read vector " + relative, e);
        }
    }

    /** File names (no folder) of every {@code *.json} in a vector folder, sorted. */
    public static List<String> list(String folder) {
        try (var s = Files.list(root().resolve(folder))) {
            List<String> out = new ArrayList<>(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList());
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
    }

    /** Writes a Ledger vector's exchanges as a {@code => apdu} / {@code <= response} recording. */
    public static Path recording(JsonNode vector, Path dir) {
        StringBuilder sb = new StringBuilder("# " + vector.get("name").asText() + "\n");
        for (JsonNode e : vector.get("exchanges")) {
            sb.append("=> ").append(e.get("apdu_hex").asText()).append('\n');
            sb.append("<= ").append(e.get("response_hex").asText()).append('\n');
        }
        Path file = dir.resolve(vector.get("name").asText() + ".apdus");
        try {
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }
}
