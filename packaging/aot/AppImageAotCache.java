import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Build step of issue 8 (fast start) for the installers, run by the packaging build with the
 * JDK's source launcher after jpackage has made the app image:
 * {@code java AppImageAotCache.java APP_DIR JAVA REQUEST_FILE}.
 *
 * <p>It trains the JDK 25 AOT cache (JEP 483/514/515) that the image's launcher names in its
 * {@code .cfg} ({@code -XX:AOTCache=$APPDIR/countersign.aot}): it starts the console exactly as
 * the launcher would (the {@code .cfg}'s class path, in its order, and its JVM options, with
 * {@code $APPDIR} replaced by APP_DIR), with the image's own runtime JAVA, lets it run for 6 s
 * on a temporary data folder whose queue holds REQUEST_FILE (dev mode, offline), and writes {@code APP_DIR/countersign.aot}. The
 * console is what an installed Countersign is mostly started for; commands run by the same
 * launcher use the same cache, which holds the JDK, Jackson and BouncyCastle classes they share.
 * The JVM accepts the cache where the image is installed (another directory, other file times)
 * and ignores it, costing only time, after any change to a jar or the runtime.
 *
 * <p>The console needs a display (DISPLAY, e.g. xvfb-run); without one it quits at once and the
 * cache covers less of a start. Exit 0 with the cache written, or 1 with the reason on stderr.
 */
public final class AppImageAotCache {
    private static final String CACHE = "countersign.aot";

    private AppImageAotCache() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: java AppImageAotCache.java APP_DIR JAVA REQUEST_FILE");
            System.exit(1);
        }
        Path appDir = Path.of(args[0]).toAbsolutePath().normalize();
        Path cfg;
        try (var files = Files.list(appDir)) {
            List<Path> cfgs = files.filter(p -> p.getFileName().toString().endsWith(".cfg")).toList();
            if (cfgs.size() != 1) {
                System.err.println("expected one launcher .cfg in " + appDir + ", found " + cfgs);
                System.exit(1);
            }
            cfg = cfgs.getFirst();
        }
        List<String> classPath = new ArrayList<>();
        List<String> javaOptions = new ArrayList<>();
        String mainClass = null;
        for (String line : Files.readAllLines(cfg)) {
            String value = line.substring(line.indexOf('=') + 1).replace("$APPDIR", appDir.toString());
            if (line.startsWith("app.classpath=")) {
                classPath.add(value);
            } else if (line.startsWith("app.mainclass=")) {
                mainClass = value;
            } else if (line.startsWith("java-options=")
                    && !value.startsWith("-XX:AOTCache=") && !value.startsWith("-Xlog:")) {
                javaOptions.add(value);
            }
        }
        if (mainClass == null || classPath.isEmpty()) {
            System.err.println(cfg + " names no main class or class path");
            System.exit(1);
        }
        Path cache = appDir.resolve(CACHE);
        Files.deleteIfExists(cache);
        List<String> command = new ArrayList<>();
        command.add(args[1]);
        command.addAll(javaOptions);
        command.add("-XX:AOTCacheOutput=" + cache);
        command.add("-Xlog:aot*=error,cds*=error");
        command.add("-Dcountersign.aot.exitAfterMs=6000");
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add(mainClass);
        Path data = Files.createTempDirectory("countersign-aot-training");
        Files.copy(Path.of(args[2]), Files.createDirectories(data.resolve("requests")).resolve("request-0.json"));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("COUNTERSIGN_DATA_DIR", data.toString());
        pb.environment().put("COUNTERSIGN_DEV_MODE", "1");
        pb.environment().put("COUNTERSIGN_OFFLINE", "1");
        Process p = pb.start();
        boolean finished = p.waitFor(3, TimeUnit.MINUTES);
        deleteTree(data);
        if (!finished) {
            p.destroyForcibly();
            System.err.println("AOT training of the app image did not finish in 3 minutes");
            System.exit(1);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(cache)) {
            System.err.println("AOT training of the app image failed (exit " + p.exitValue() + "), no " + cache);
            System.exit(1);
        }
        System.out.println("AOT cache for the app image: " + cache + " (" + Files.size(cache) / (1024 * 1024) + " MB)");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
