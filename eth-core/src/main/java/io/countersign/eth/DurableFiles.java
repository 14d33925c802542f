package io.countersign.eth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Replaces a file so that after a crash or a power cut it holds either the old bytes or all of
 * the new ones, never an empty or half-written file:
 * <ol>
 * <li>write the bytes to a temporary file in the target's folder;</li>
 * <li>force the temporary file's contents and metadata to the disk ({@code fsync});</li>
 * <li>rename it over the target ({@code ATOMIC_MOVE}; a plain replace only where the file
 * system cannot rename atomically);</li>
 * <li>force the folder, so the rename itself is on the disk ({@code fsync} of the directory).</li>
 * </ol>
 * Without step 2 a file system may commit the rename before the data, and the file comes back
 * empty after a power cut; without step 4 the old file may come back.
 *
 * <p>Linux and macOS open the folder read-only and force it. Windows cannot open a folder as a
 * file channel; there step 4 is skipped, and the durability of the rename rests on NTFS's own
 * metadata journal (the rename is atomic, but may be lost, leaving the old file, if the power
 * fails right after it). The file's own contents are forced on every system.
 */
public final class DurableFiles {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /**
     * The file-system steps, in the order {@link #replace} performs them. {@link #REAL} does them;
     * a test can wrap it to observe the order on real files.
     */
    public interface Steps {
        /** Writes all of {@code bytes} through {@code channel} (a new temporary file). */
        void write(FileChannel channel, Path file, byte[] bytes) throws IOException;

        /** Forces the file's contents and metadata to the disk. */
        void force(FileChannel channel, Path file) throws IOException;

        /** Renames {@code from} over {@code to}. */
        void move(Path from, Path to) throws IOException;

        /** Forces the folder's entries (the rename) to the disk; a no-op on Windows. */
        void forceDirectory(Path dir) throws IOException;
    }

    /** The real steps. */
    public static final Steps REAL = new Steps() {
        @Override
        public void write(FileChannel channel, Path file, byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        @Override
        public void force(FileChannel channel, Path file) throws IOException {
            channel.force(true);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
            if (WINDOWS) {
                return;
            }
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    };

    private DurableFiles() {}

    /**
     * Replaces {@code target} with {@code bytes} durably (steps above). Creates the folder if
     * needed. On failure the temporary file is removed and the target is unchanged (unless the
     * failure is the folder's fsync after the rename, in which case the new file is in place).
     *
     * @throws IOException what failed; the caller names the file to the user
     */
    public static void replace(Path target, byte[] bytes) throws IOException {
        replace(target, bytes, REAL);
    }

    /** As {@link #replace(Path, byte[])} with the given steps (tests observe the order). */
    public static void replace(Path target, byte[] bytes, Steps steps) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                steps.write(ch, tmp, bytes);
                steps.force(ch, tmp);
            }
            steps.move(tmp, file);
            moved = true;
            steps.forceDirectory(dir);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is what the user needs to see
                }
            }
        }
    }
}
