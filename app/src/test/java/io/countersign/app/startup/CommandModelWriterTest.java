package io.countersign.app.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The build step {@code app/src/build/CommandModelWriter.java} (README.md, "Start-up") refuses a command it
 * cannot express, naming the command, the option and the attribute, so the generated model never
 * silently drops one. Run as the build runs it, with this JDK's source launcher, in its
 * {@code --check} mode over fixture commands. What it writes for the real commands is compared
 * with picocli's reflection by {@code CommandModelTest}.
 */
class CommandModelWriterTest {
    private static final Path TOOL = Path.of("src/build/CommandModelWriter.java");

    @Test
    void aCommandItCanExpressPasses() throws Exception {
        Run r = check("io.countersign.app.cli.SafeCommand$Hash", "io.countersign.app.cli.SafeProposeCommand");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void aHiddenOptionStopsTheBuildWithItsName() throws Exception {
        Run r = check("io.countersign.app.cli.CommandModelWriterFixtures$HiddenOption");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("CommandModelWriterFixtures$HiddenOption --internal: uses hidden"), r.err());
    }

    @Test
    void aPrivateFieldStopsTheBuild() throws Exception {
        Run r = check("io.countersign.app.cli.CommandModelWriterFixtures$PrivateField");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("field to that is private"), r.err());
    }

    private record Run(int exit, String err) {}

    private static Run check(String... commands) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                TOOL.toString(), "--check"));
        cmd.addAll(List.of(commands));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "tool finished");
        return new Run(p.exitValue(), err);
    }
}
