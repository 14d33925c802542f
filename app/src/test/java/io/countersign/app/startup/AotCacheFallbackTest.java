package io.countersign.app.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md, "Start-up": an AOT cache that is missing, stale (made for another class path) or corrupt only
 * costs start-up time. {@code safe hash --json} still exits 0 with exactly its one JSON object on
 * stdout (the JVM logs AOT problems on stdout unless told not to) and nothing on stderr.
 * Checked on the java command with the launcher's flags, and on {@code ./countersign} itself
 * when the app is built.
 */
class AotCacheFallbackTest {
    /** The Safe 1.4.1 request of bench/request.json and its safeTxHash (same as ethers' TypedDataEncoder). */
    private static final String REQUEST = """
            {"version":1,"kind":"safe-tx","chainId":"1","safe":"0x1111111111111111111111111111111111111111",
             "safeVersion":"1.4.1","tx":{"to":"0x2222222222222222222222222222222222222222","value":"1","data":"0x",
             "operation":0,"safeTxGas":"0","baseGas":"0","gasPrice":"0",
             "gasToken":"0x0000000000000000000000000000000000000000",
             "refundReceiver":"0x0000000000000000000000000000000000000000","nonce":"0"},
             "owners":["0x3333333333333333333333333333333333333333","0x4444444444444444444444444444444444444444",
             "0x5555555555555555555555555555555555555555"],"threshold":2,
             "safeTxHash":"0xca088f97139a1b9000363ad7d222b4b52da799dad58878a0508e268bd25ad70c","signatures":[],
             "meta":{"description":"","createdAt":"2026-01-01T00:00:00Z","origin":"countersign"}}
            """;
    private static final String SAFE_TX_HASH = "0xca088f97139a1b9000363ad7d222b4b52da799dad58878a0508e268bd25ad70c";
    /**
     * What ./countersign adds for a command: the flags of app/src/jvm/cli.args, AOT/CDS log tags
     * off so a bad cache stays silent.
     */
    private static final List<String> LAUNCHER_FLAGS = List.of("@" + Path.of("src/jvm/cli.args").toAbsolutePath(),
            "-Xlog:aot*=off", "-Xlog:cds*=off");

    @TempDir
    static Path dir;
    static Path request;
    static Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    @BeforeAll
    static void writeRequest() throws IOException {
        request = Files.writeString(dir.resolve("request.json"), REQUEST);
    }

    @Test
    void javaCommandStartsWithoutACache() throws Exception {
        assertHashPrinted(runJava(dir.resolve("no-such.aot")));
    }

    @Test
    void javaCommandStartsWithACorruptCache() throws Exception {
        assertHashPrinted(runJava(corrupt()));
    }

    @Test
    void javaCommandStartsWithAnEmptyCache() throws Exception {
        assertHashPrinted(runJava(Files.write(dir.resolve("empty.aot"), new byte[0])));
    }

    @Test
    void javaCommandStartsWithAStaleCache() throws Exception {
        assertHashPrinted(runJava(stale()));
    }

    @Test
    void launcherStartsWithMissingCorruptOrStaleCache() throws Exception {
        Path root = Path.of(System.getProperty("countersign.root", ".."));
        Path launcher = root.resolve("countersign");
        assumeTrue(Files.isRegularFile(root.resolve("app/target/countersign.jar")), "app not packaged yet");
        for (Path cache : List.of(dir.resolve("no-such.aot"), corrupt(), stale())) {
            assertHashPrinted(run(List.of("bash", launcher.toString(), "safe", "hash", request.toString(), "--json"),
                    Map.of("COUNTERSIGN_AOT_CACHE", cache.toString(), "COUNTERSIGN_JAVA", java.toString())));
        }
    }

    @Test
    void launcherStartsWithTheBuiltCache() throws Exception {
        Path root = Path.of(System.getProperty("countersign.root", ".."));
        assumeTrue(Files.isRegularFile(root.resolve("app/target/aot/countersign-cli.aot")), "no AOT cache built");
        assertHashPrinted(run(List.of("bash", root.resolve("countersign").toString(), "safe", "hash", request.toString(),
                "--json"), Map.of()));
    }

    /**
     * The cache the build trained is the one the launcher can use: same JVM flags and the same
     * class path (a command's leaves JavaFX out), so the app's own classes come from it. Skipped
     * when the cache is older than the jar (a build with -Dcountersign.aot.skip after it).
     */
    @Test
    void launcherCommandLoadsItsClassesFromTheBuiltCache() throws Exception {
        Path root = Path.of(System.getProperty("countersign.root", ".."));
        Path cache = root.resolve("app/target/aot/countersign-cli.aot");
        Path jar = root.resolve("app/target/countersign.jar");
        assumeTrue(Files.isRegularFile(cache) && Files.isRegularFile(jar)
                && !Files.getLastModifiedTime(cache).toInstant().isBefore(Files.getLastModifiedTime(jar).toInstant()),
                "no AOT cache built since the jar");
        Path log = dir.resolve("class-load.log");
        Result r = run(List.of("bash", root.resolve("countersign").toString(), "safe", "hash", request.toString(), "--json"),
                Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log));
        assertEquals(0, r.exit(), r.err());
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" io.countersign.app.Main source: shared objects file")),
                "io.countersign.app.Main not from the AOT cache; the launcher's class path or flags differ from the training run's");
        assertTrue(loaded.stream().noneMatch(l -> l.contains(" javafx.")), "a command loaded JavaFX");
    }

    private static void assertHashPrinted(Result r) {
        assertEquals(0, r.exit(), () -> "exit code; stderr: " + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), () -> "stdout must be exactly the JSON object: " + r.out());
        assertTrue(lines.getFirst().startsWith("{\"safeTxHash\":\"" + SAFE_TX_HASH + "\""), r.out());
        assertEquals("", r.err(), "nothing on stderr");
    }

    /** Random bytes where the cache should be: a bad magic number. */
    private static Path corrupt() throws IOException {
        byte[] junk = new byte[64 * 1024];
        new Random(8).nextBytes(junk);
        return Files.write(dir.resolve("corrupt.aot"), junk);
    }

    /** A real AOT cache, made by this JDK for another class path (a one-class jar), as after a rebuild. */
    private static synchronized Path stale() throws Exception {
        Path cache = dir.resolve("stale.aot");
        if (Files.isRegularFile(cache)) {
            return cache;
        }
        Path src = Files.writeString(Files.createDirectories(dir.resolve("other/src")).resolve("Other.java"),
                "public class Other { public static void main(String[] a) { System.out.println(a.length); } }");
        Path classes = dir.resolve("other/classes");
        Path jdkBin = java.getParent();
        Result javac = run(List.of(jdkBin.resolve("javac").toString(), "-d", classes.toString(), src.toString()), Map.of());
        assertEquals(0, javac.exit(), javac.err());
        Path jar = dir.resolve("other/other.jar");
        Result jarred = run(List.of(jdkBin.resolve("jar").toString(), "--create", "--file", jar.toString(), "-C",
                classes.toString(), "."), Map.of());
        assertEquals(0, jarred.exit(), jarred.err());
        Result made = run(List.of(java.toString(), "-XX:AOTCacheOutput=" + cache, "-Xlog:aot*=error,cds*=error", "-cp",
                jar.toString(), "Other"), Map.of());
        assertEquals(0, made.exit(), made.err());
        assertTrue(Files.size(cache) > 0, "stale cache written");
        return cache;
    }

    private static Result runJava(Path cache) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-XX:AOTCache=" + cache));
        cmd.addAll(LAUNCHER_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.countersign.app.Main", "safe", "hash", request.toString(), "--json"));
        return run(cmd, Map.of());
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in time: " + cmd);
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
