package io.countersign.multisig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.countersign.eth.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RequestFile#writeAtomically} on real files, observed through the file-system steps it
 * takes (the real steps, each recorded before it runs, with what the disk held at that moment):
 * the new contents are complete in the temporary file and forced before the move, and the folder
 * is forced after the move. A failing force leaves the old request and no temporary file.
 */
class RequestFileDurabilityTest {
    @TempDir
    Path dir;

    /** The real steps, recording each with the bytes on disk when it ran. */
    static class Recorder implements DurableFiles.Steps {
        final List<String> log = new ArrayList<>();
        private final Path target;

        Recorder(Path target) {
            this.target = target;
        }

        private String state(Path p) throws IOException {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "<none>";
        }

        @Override
        public void write(FileChannel channel, Path file, byte[] bytes) throws IOException {
            DurableFiles.REAL.write(channel, file, bytes);
            log.add("write " + (file.getParent().equals(target.getParent()) && !file.equals(target) ? "temp" : file));
        }

        @Override
        public void force(FileChannel channel, Path file) throws IOException {
            log.add("force temp holding [" + state(file) + "], target holding [" + state(target) + "]");
            DurableFiles.REAL.force(channel, file);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            log.add("move temp -> " + to.getFileName());
            DurableFiles.REAL.move(from, to);
        }

        @Override
        public void forceDirectory(Path d) throws IOException {
            log.add("force folder " + d.getFileName() + ", target holding [" + state(target) + "]");
            DurableFiles.REAL.forceDirectory(d);
        }
    }

    @Test
    void theContentsAreForcedBeforeTheMoveAndTheFolderAfter() throws Exception {
        Path req = dir.resolve("pay.json");
        Files.writeString(req, "old");
        Recorder r = new Recorder(req);
        RequestFile.writeAtomically(req, "new request", r);
        assertEquals(List.of(
                "write temp",
                "force temp holding [new request], target holding [old]",
                "move temp -> pay.json",
                "force folder " + dir.getFileName() + ", target holding [new request]"), r.log);
        assertEquals("new request", Files.readString(req));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(req), s.toList(), "no temporary file is left");
        }
    }

    @Test
    void aFailedForceLeavesTheOldRequestAndNoTemporaryFile() throws Exception {
        Path req = dir.resolve("pay.json");
        Files.writeString(req, "old");
        Recorder failing = new Recorder(req) {
            @Override
            public void force(FileChannel channel, Path file) throws IOException {
                throw new IOException("simulated: no space left on device");
            }
        };
        var e = assertThrows(UncheckedIOException.class, () -> RequestFile.writeAtomically(req, "new request", failing));
        assertEquals("cannot write " + req + ": simulated: no space left on device", e.getMessage());
        assertEquals("old", Files.readString(req));
        assertFalse(failing.log.stream().anyMatch(l -> l.startsWith("move")), failing.log.toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(req), s.toList(), "the temporary file was removed");
        }
    }
}
