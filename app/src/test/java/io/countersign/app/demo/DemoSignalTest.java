package io.countersign.app.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.testing.TestPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code countersign demo} run as its own process, its console open, then ended by a signal as a
 * terminal or a session manager ends it: the anvil node it started must be gone afterwards (the
 * process and its port), not left running as an orphan. Needs a display ({@code xvfb-run -a}).
 */
class DemoSignalTest {
    static final Pattern URL = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+),");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalToTheDemoStopsItsAnvil(String signal) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.countersign.app.Main", "--data-dir", dir.resolve("data").toString(), "demo"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().put("COUNTERSIGN_TESTCHAIN", TestPaths.testchain().resolve("node_modules").toString());
        Process demo = pb.start();
        ProcessHandle anvil = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            int port = -1;
            for (String line; (line = out.readLine()) != null;) {
                seen.append(line).append('\n');
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
                if (line.startsWith("Opening the console")) {
                    break;
                }
            }
            assertTrue(port > 0, "the demo printed its chain's address:\n" + seen);
            Thread drain = Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
            anvil = anvilOf(demo).orElseThrow(() -> new AssertionError("no anvil child of the demo process"));
            assertTrue(answers(port), "anvil listens on " + port + " while the demo runs");
            awaitConsoleOpen(demo.pid());

            new ProcessBuilder("kill", "-" + signal, Long.toString(demo.pid())).inheritIO().start().waitFor();
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo ends on SIG" + signal);
            drain.join(5_000);

            ProcessHandle node = anvil;
            assertTrue(node.onExit().isDone() || awaitExit(node), "anvil (pid " + node.pid() + ") is stopped with the demo");
            assertFalse(node.isAlive());
            int p = port;
            assertThrows(ConnectException.class, () -> answers(p), "nothing listens on anvil's port " + port + " any more");
        } finally {
            if (anvil != null && anvil.isAlive()) {
                anvil.destroyForcibly(); // never leave an orphan behind, even when the test fails
            }
            demo.destroyForcibly();
        }
    }

    /** The anvil node among the demo's child processes. */
    static Optional<ProcessHandle> anvilOf(Process demo) {
        return demo.descendants()
                .filter(h -> h.info().command().map(c -> Path.of(c).getFileName().toString().equals("anvil")).orElse(false))
                .findFirst();
    }

    /**
     * Waits until the demo's JVM runs the JavaFX application thread, so the signal reaches a demo
     * whose console is open, as a user's would ({@code jcmd PID Thread.print}).
     */
    static void awaitConsoleOpen(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String threads = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            if (threads.contains("\"JavaFX Application Thread\"")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the demo's console did not open in 90 s");
    }

    static boolean awaitExit(ProcessHandle h) throws Exception {
        try {
            h.onExit().get(30, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    static boolean answers(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        }
    }
}
