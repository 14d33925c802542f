package io.countersign.app.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code COUNTERSIGN_*} environment variable the application or its launcher reads is
 * documented in docs/configuration.md, the one place README.md points to.
 */
class EnvironmentSettingsDocumentedTest {
    static final Pattern NAME = Pattern.compile("COUNTERSIGN_[A-Z_]*[A-Z]");

    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        return Files.exists(p.resolve("docs")) ? p : p.getParent();
    }

    static Set<String> names(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void everySettingReadIsDocumentedInOnePlace() throws IOException {
        Path root = repo();
        Set<String> read = new TreeSet<>(names(Files.readString(root.resolve("countersign"))));
        try (Stream<Path> files = Files.walk(root.resolve("app/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                read.addAll(names(Files.readString(f)));
            }
        }
        assertTrue(read.containsAll(List.of("COUNTERSIGN_RPC", "COUNTERSIGN_PASSWORD", "COUNTERSIGN_DATA_DIR")), read.toString());
        String doc = Files.readString(root.resolve("docs/configuration.md"));
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(names(doc));
        assertEquals(Set.of(), missing, "read by the application but not documented in docs/configuration.md");
        assertTrue(Files.readString(root.resolve("README.md")).contains("docs/configuration.md"), "README.md links it");
    }
}
