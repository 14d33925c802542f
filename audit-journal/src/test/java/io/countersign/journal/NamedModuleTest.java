package io.countersign.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.countersign.journal.probe.ModulePathProbe;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The module descriptor ({@code audit-journal/src/main/java/module-info.java}) at run time. The
 * suite runs on the class path, as the app does, so this starts a JVM with
 * {@code io.countersign.journal}, SQLite and Jackson on the module path and a probe on the class
 * path: a missing export fails there, DriverManager must find the SQLite driver in the module
 * graph, and Jackson must write the payload under strong encapsulation. The journal the child
 * wrote is then read back here.
 */
class NamedModuleTest {

    @Test
    void appendsAndVerifiesAsANamedModule(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("journal.db");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> modulePath = new ArrayList<>();
        modulePath.add(location(AuditJournal.class));
        for (Class<?> library : List.of(JDBC.class, JsonNode.class, JsonGenerator.class, JsonProperty.class)) {
            modulePath.add(location(library));
        }
        Process p = new ProcessBuilder(java,
                "--enable-native-access=org.xerial.sqlitejdbc",
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "io.countersign.journal",
                "-cp", location(ModulePathProbe.class),
                ModulePathProbe.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the module-path JVM did not finish");
        }
        assertEquals(0, p.exitValue(), "the module-path JVM failed; its output: " + out);
        assertEquals(List.of("io.countersign.journal", "1 true"), out.lines().toList());
        try (AuditJournal journal = AuditJournal.open(file)) {
            List<JournalEntry> entries = journal.latest(10);
            assertEquals(1, entries.size());
            assertEquals(EntryKind.REQUEST, entries.get(0).kind());
            assertEquals("{\"n\":1,\"writer\":\"module-path\"}", entries.get(0).payloadJson());
        }
    }

    /** The directory or jar a class was loaded from. */
    private static String location(Class<?> c) throws URISyntaxException {
        return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }
}
