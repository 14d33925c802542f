package io.countersign.shamir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/** Shared helpers: vector location, hex, and a seeded SecureRandom for deterministic splits. */
final class TestSupport {
    static final byte[] TREZOR = "TREZOR".getBytes(StandardCharsets.US_ASCII);

    private TestSupport() { }

    /** The shared vectors folder, from the system property the build sets (never a target/ path). */
    static Path vectors() {
        String dir = System.getProperty("countersign.vectors");
        if (dir == null) {
            throw new IllegalStateException("system property countersign.vectors is not set; run the tests through Maven");
        }
        return Path.of(dir);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A SecureRandom whose bytes come from a seeded java.util.Random: deterministic, for tests only. */
    static SecureRandom seeded(long seed) {
        return new SeededRandom(seed);
    }

    private static final class SeededRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient Random random;

        SeededRandom(long seed) {
            super(new byte[0]);
            this.random = new Random(seed);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            random.nextBytes(bytes);
        }
    }
}
