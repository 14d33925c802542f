package io.countersign.eth.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the upstream vectors and the npm-installed test chain (set by the root POM). */
public final class TestPaths {
    private TestPaths() {}

    /** {@code test-vectors/} in the repository: the upstream vectors, see its PROVENANCE.md. */
    public static Path vectors() {
        return require("countersign.vectors", "the upstream vectors folder (test-vectors/ in the repository)");
    }

    /** {@code testchain/} with its {@code node_modules} installed by {@code npm ci}. */
    public static Path testchain() {
        Path dir = require("countersign.testchain", "testchain/");
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException("testchain/node_modules is missing: run `npm install` in " + dir);
        }
        return dir;
    }

    /** The repository root. */
    public static Path root() {
        return require("countersign.root", "the repository root");
    }

    private static Path require(String property, String what) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " (" + what + ") is not set: run the tests through Maven");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(what + " not found at " + path);
        }
        return path;
    }
}
