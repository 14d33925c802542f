import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Build step of the fast start (README.md, "Start-up") for the installers, run by the packaging build with the
 * JDK's source launcher after jpackage has made the app image:
 * {@code java AppImageAotCache.java APP_DIR JAVA REQUEST_FILE [CLI_ARGS CLI_LAUNCHER]}.
 *
 * <p>It trains the JDK 25 AOT cache (JEP 483/514/515) that the image's launcher names in its
 * {@code .cfg} ({@code -XX:AOTCache=$APPDIR/countersign.aot}): it starts the console exactly as
 * the launcher would (the {@code .cfg}'s class path, in its order, and its JVM options, with
 * {@code $APPDIR} replaced by APP_DIR), with the image's own runtime JAVA, lets it run for 6 s
 * on a temporary data folder whose queue holds REQUEST_FILE (dev mode, offline), and writes
 * {@code APP_DIR/countersign.aot}.
 *
 * <p>With CLI_ARGS ({@code app/src/jvm/cli.args}) and CLI_LAUNCHER
 * ({@code packaging/linux/countersign-cli}) it also sets up the command line of the Linux
 * packages: it copies them to {@code APP_DIR/cli.args} and {@code bin/countersign-cli} of the
 * image (executable), and trains {@code APP_DIR/countersign-cli.aot} on {@code safe hash
 * REQUEST_FILE --json} run as that launcher runs it (the flags of CLI_ARGS, the {@code .cfg}'s
 * class path without the JavaFX jars). The launcher says why commands do not go through
 * jpackage's launcher, and why they leave JavaFX out.
 *
 * <p>The JVM accepts the caches where the image is installed (another directory, other file
 * times) and ignores them, costing only time, after any change to a jar or the runtime. The
 * console needs a display (DISPLAY, e.g. xvfb-run); without one it quits at once and its cache
 * covers less of a start. Exit 0 with the caches written, or 1 with the reason on stderr.
 */
public final class AppImageAotCache {
    private static final String CACHE = "countersign.aot";
    private static final String CLI_CACHE = "countersign-cli.aot";

    private AppImageAotCache() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3 && args.length != 5) {
            System.err.println("usage: java AppImageAotCache.java APP_DIR JAVA REQUEST_FILE [CLI_ARGS CLI_LAUNCHER]");
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
        String classPathValue = String.join(java.io.File.pathSeparator, classPath);
        Path cache = appDir.resolve(CACHE);
        List<String> console = new ArrayList<>();
        console.add(args[1]);
        console.addAll(javaOptions);
        console.add("-XX:AOTCacheOutput=" + cache);
        console.add("-Xlog:aot*=error,cds*=error");
        console.add("-Dcountersign.aot.exitAfterMs=6000");
        console.add("-cp");
        console.add(classPathValue);
        console.add(mainClass);
        train("the console", console, cache, Path.of(args[2]));

        if (args.length == 5) {
            Path cliArgs = appDir.resolve("cli.args");
            Files.copy(Path.of(args[3]), cliArgs, StandardCopyOption.REPLACE_EXISTING);
            Path launcher = appDir.getParent().getParent().resolve("bin").resolve("countersign-cli");
            Files.copy(Path.of(args[4]), launcher, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path cliCache = appDir.resolve(CLI_CACHE);
            // the launcher leaves the JavaFX jars off a command's class path (it says why)
            String commandClassPath = String.join(java.io.File.pathSeparator, classPath.stream()
                    .filter(jar -> !Path.of(jar).getFileName().toString().startsWith("javafx-")).toList());
            List<String> command = new ArrayList<>(List.of(args[1], "@" + cliArgs, "-XX:AOTCacheOutput=" + cliCache,
                    "-Xlog:aot*=error,cds*=error", "-cp", commandClassPath, mainClass,
                    "safe", "hash", Path.of(args[2]).toAbsolutePath().toString(), "--json"));
            train("a command", command, cliCache, Path.of(args[2]));
            System.out.println("command-line launcher for the app image: " + launcher);
        }
    }

    /** Runs {@code command} on a temporary data folder holding REQUEST_FILE; it must write {@code cache}. */
    private static void train(String what, List<String> command, Path cache, Path request)
            throws IOException, InterruptedException {
        Files.deleteIfExists(cache);
        Path data = Files.createTempDirectory("countersign-aot-training");
        Files.copy(request, Files.createDirectories(data.resolve("requests")).resolve("request-0.json"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("COUNTERSIGN_DATA_DIR", data.toString());
        pb.environment().put("COUNTERSIGN_DEV_MODE", "1");
        pb.environment().put("COUNTERSIGN_OFFLINE", "1");
        Process p = pb.start();
        boolean finished = p.waitFor(3, TimeUnit.MINUTES);
        deleteTree(data);
        if (!finished) {
            p.destroyForcibly();
            System.err.println("AOT training of the app image on " + what + " did not finish in 3 minutes");
            System.exit(1);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(cache)) {
            System.err.println("AOT training of the app image on " + what + " failed (exit " + p.exitValue() + "), no " + cache);
            System.exit(1);
        }
        System.out.println("AOT cache for the app image, trained on " + what + ": " + cache + " ("
                + Files.size(cache) / (1024 * 1024) + " MB)");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
