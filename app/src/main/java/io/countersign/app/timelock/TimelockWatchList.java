package io.countersign.app.timelock;

import io.countersign.app.session.CountersignException;
import io.countersign.eth.Address;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.multisig.RequestFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The timelocks the treasury watches: {@code DATA_DIR/timelocks.json}, a JSON array of
 * {@code {"address": "0x…", "flavor": "openzeppelin"|"compound", "safe": "0x…", "label": "…"}}
 * ({@code safe} and {@code label} optional). A missing file is an empty list.
 */
public final class TimelockWatchList {
    /** The file name inside the data folder. */
    public static final String FILE_NAME = "timelocks.json";

    private final Path file;

    public TimelockWatchList(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * The watched timelocks, in file order.
     *
     * @throws CountersignException.Refused if the file is not such a list (the message names the entry)
     */
    public synchronized List<WatchedTimelock> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = TimelockMeta.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CountersignException.Refused(file + " is not JSON: " + e.getMessage());
        }
        if (!root.isArray()) {
            throw new CountersignException.Refused(file + " must be a JSON array of {\"address\", \"flavor\", \"safe\", \"label\"}");
        }
        List<WatchedTimelock> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            String where = FILE_NAME + "[" + i + "]";
            Optional<Address> safe = n.hasNonNull("safe") && !n.get("safe").asString().isBlank()
                    ? Optional.of(Address.parse(n.get("safe").asString(), where + ".safe")) : Optional.empty();
            out.add(new WatchedTimelock(Address.parse(n.path("address").asString(""), where + ".address"),
                    TimelockMeta.parseFlavor(n.path("flavor").asString("openzeppelin")), safe, n.path("label").asString("")));
        }
        return out;
    }

    /**
     * Adds a timelock, or replaces the entry with the same address.
     *
     * @return the new list
     */
    public synchronized List<WatchedTimelock> add(WatchedTimelock timelock) {
        List<WatchedTimelock> all = new ArrayList<>(load().stream().filter(t -> !t.address().equals(timelock.address())).toList());
        all.add(timelock);
        save(all);
        return List.copyOf(all);
    }

    /** Removes the timelock at {@code address}; returns the new list. */
    public synchronized List<WatchedTimelock> remove(Address address) {
        List<WatchedTimelock> all = load().stream().filter(t -> !t.address().equals(address)).toList();
        save(all);
        return all;
    }

    private void save(List<WatchedTimelock> all) {
        ArrayNode array = TimelockMeta.JSON.createArrayNode();
        for (WatchedTimelock t : all) {
            var n = array.addObject().put("address", t.address().toString()).put("flavor", t.flavor().id());
            t.safe().ifPresent(s -> n.put("safe", s.toString()));
            n.put("label", t.label());
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RequestFile.writeAtomically(file, TimelockMeta.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n");
    }
}
