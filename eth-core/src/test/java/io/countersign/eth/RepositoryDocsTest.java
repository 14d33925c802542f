package io.countersign.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.testing.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository explains itself: docs/architecture.md names every module of the root
 * {@code pom.xml} and every top-level package of {@code app}, each module names its Java module,
 * and no source, script or document points outside the repository (a design file that is not
 * in it, or an issue tracker's numbers). Runs on the working tree; a fresh clone holds only
 * tracked files, so a package counts when its folder holds at least one file.
 */
class RepositoryDocsTest {

    private static final Path ROOT = TestPaths.root();

    /** The {@code <module>} entries of the root POM, in order. */
    static List<String> modules() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(pom);
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    /** io.countersign.app.X for every folder X under app's main sources that holds a file. */
    static Set<String> appPackages() throws IOException {
        Path base = ROOT.resolve("app/src/main/java/io/countersign/app");
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> children = Files.list(base)) {
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    if (files.anyMatch(Files::isRegularFile)) {
                        packages.add("io.countersign.app." + dir.getFileName());
                    }
                }
            }
        }
        return packages;
    }

    private static String architecture() throws IOException {
        Path doc = ROOT.resolve("docs/architecture.md");
        assertTrue(Files.isRegularFile(doc), "docs/architecture.md is missing");
        return Files.readString(doc, StandardCharsets.UTF_8);
    }

    @Test
    void architectureNamesEveryModule() throws IOException {
        List<String> modules = modules();
        assertTrue(modules.size() >= 10, "the root pom.xml lists " + modules + "; expected its ten modules or more");
        String doc = architecture();
        List<String> missing = modules.stream().filter(m -> !doc.contains("`" + m + "`")).toList();
        assertEquals(List.of(), missing, "docs/architecture.md does not name these modules of pom.xml as `module`: add each "
                + "to its module table with what it owns and what it depends on");
    }

    @Test
    void architectureNamesEveryAppPackage() throws IOException {
        Set<String> packages = appPackages();
        assertTrue(packages.contains("io.countersign.app.session") && packages.contains("io.countersign.app.cli"),
                "app's packages were not found under " + ROOT.resolve("app/src/main/java/io/countersign/app") + ": " + packages);
        String doc = architecture();
        List<String> missing = packages.stream().filter(p -> !doc.contains("`" + p + "`")).toList();
        assertEquals(List.of(), missing, "docs/architecture.md does not name these packages of app as `package`: add each "
                + "to \"The app's packages\"");
    }

    /**
     * Every module that builds a library jar names its Java module: a module-info.java, or an
     * Automatic-Module-Name in its pom.xml; docs/architecture.md ("Java modules") gives the name.
     */
    @Test
    void everyLibraryModuleNamesItsJavaModule() throws IOException {
        String doc = architecture();
        Set<String> notLibraries = Set.of("packaging", "benchmarks");
        List<String> problems = new ArrayList<>();
        Pattern automatic = Pattern.compile("<Automatic-Module-Name>([^<]+)</Automatic-Module-Name>");
        Pattern declared = Pattern.compile("(?m)^\\s*(?:open\\s+)?module\\s+([\\w.]+)\\s*\\{");
        for (String module : modules()) {
            if (notLibraries.contains(module)) {
                continue;
            }
            Path info = ROOT.resolve(module).resolve("src/main/java/module-info.java");
            Matcher m = Files.isRegularFile(info)
                    ? declared.matcher(Files.readString(info, StandardCharsets.UTF_8))
                    : automatic.matcher(Files.readString(ROOT.resolve(module).resolve("pom.xml"), StandardCharsets.UTF_8));
            if (!m.find()) {
                problems.add(module + ": neither src/main/java/module-info.java nor an Automatic-Module-Name in its pom.xml");
            } else if (!doc.contains("`" + m.group(1) + "`")) {
                problems.add(module + ": its Java module " + m.group(1) + " is not in docs/architecture.md");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Names a design document that is not in the repository. */
    private static final Pattern OUTSIDE_DESIGN = Pattern.compile("DESIGN" + "\\.md");
    /** An issue tracker's number, in either case, with or without "#". */
    private static final Pattern ISSUE_NUMBER = Pattern.compile("\\b[Ii]ssues? #?[0-9]");
    /** A folder beside the repository. */
    private static final Pattern SHARED = Pattern.compile("\\.\\./shared|\\bshared/vectors");

    private static boolean scanned(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(".md") || name.endsWith(".sh") || name.endsWith(".xml")
                || name.endsWith(".proto") || name.endsWith(".args") || name.endsWith(".yml") || name.endsWith(".js")
                || name.endsWith(".cjs") || file.endsWith(Path.of(".ci", "run")) || name.equals("countersign");
    }

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> hits = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                // Build output, git's own files and npm's installed packages are not the repository's text.
                return name.equals("target") || name.equals(".git") || name.equals("node_modules")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && scanned(file)) {
                    List<String> lines;
                    try {
                        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file, e);
                    }
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (OUTSIDE_DESIGN.matcher(line).find() || ISSUE_NUMBER.matcher(line).find() || SHARED.matcher(line).find()) {
                            hits.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertEquals(List.of(), hits, "these lines point outside the repository (a design file it does not hold, an issue "
                + "number, a folder beside the clone): name the file in the repository that says the same instead "
                + "(docs/architecture.md, README.md, docs/*.md, test-vectors/PROVENANCE.md)");
    }
}
