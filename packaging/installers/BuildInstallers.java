import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Build step of {@code mvn -Ppackage}: makes each installer type of this OS whose packaging tool
 * is installed, says which types were skipped and how to get their tools, and fails only when
 * none could be made. Run by the packaging build with the JDK's source launcher in
 * {@code packaging/target}, after jpackage has made the app image:
 *
 * <pre>java BuildInstallers.java OS APP_IMAGE TYPE1 TYPE2 TYPE2_SKIP REQUIRE_ALL</pre>
 *
 * <ul>
 *   <li>OS: {@code linux}, {@code windows} or {@code mac} (the {@code installer.os} property);
 *   <li>APP_IMAGE: the app image folder under {@code image/} ({@code countersign}, {@code Countersign.app}…);
 *   <li>TYPE1, TYPE2: jpackage {@code --type}s ({@code deb rpm}, {@code msi msi}, {@code dmg pkg});
 *   <li>TYPE2_SKIP: {@code true} leaves TYPE2 out ({@code -Dinstaller.type2.skip=true});
 *   <li>REQUIRE_ALL: {@code true} fails when any type cannot be made ({@code -Dinstaller.requireAll=true},
 *       for release builds that must ship every type).
 * </ul>
 *
 * <p>The tools checked are the ones jpackage itself requires per type (JDK 25 jpackage, "Platform
 * dependencies"): {@code .deb}: dpkg-deb, dpkg, fakeroot; {@code .rpm}: rpm, rpmbuild;
 * {@code .msi}/{@code .exe}: WiX 3 (candle, light) or WiX 4/5 (wix); {@code .dmg}: hdiutil;
 * {@code .pkg}: pkgbuild, productbuild. Each type's jpackage call is
 * {@code jpackage --type T --app-image image/APP_IMAGE @jpackage-args/installer.args
 * @jpackage-args/installer-OS.args @jpackage-args/installer-T.args --dest installers}, with the
 * jpackage of the JDK running this file. Output: one line per type ({@code deb: built
 * installers/countersign_0.1.0_amd64.deb}, {@code rpm: skipped, rpmbuild not found: sudo
 * apt-get install rpm}). Exit 0 when at least one installer was made (all, with REQUIRE_ALL),
 * 1 otherwise, or jpackage's own exit status when it fails on a type whose tools are present.
 */
public final class BuildInstallers {
    private BuildInstallers() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 6) {
            System.err.println("usage: java BuildInstallers.java OS APP_IMAGE TYPE1 TYPE2 TYPE2_SKIP REQUIRE_ALL");
            System.exit(2);
        }
        String os = args[0];
        String appImage = args[1];
        List<String> types = new ArrayList<>(List.of(args[2]));
        boolean type2Skip = Boolean.parseBoolean(args[4]);
        boolean requireAll = Boolean.parseBoolean(args[5]);
        Map<String, String> skipped = new LinkedHashMap<>();
        if (!args[3].equals(args[2])) {
            if (type2Skip) {
                skipped.put(args[3], "left out by -Dinstaller.type2.skip=true");
            } else {
                types.add(args[3]);
            }
        }
        List<String> built = new ArrayList<>();
        List<String> noTools = new ArrayList<>();
        for (String type : types) {
            List<String> missing = missingTools(type);
            if (!missing.isEmpty()) {
                skipped.put(type, joined(missing) + " not found: " + howToGet(type, missing));
                noTools.add(type);
                System.out.println("[installers] " + type + ": skipped, " + skipped.get(type));
                continue;
            }
            System.out.println("[installers] " + type + ": building with jpackage");
            int status = jpackage(os, appImage, type);
            if (status != 0) {
                System.err.println("[installers] " + type + ": jpackage failed (exit " + status + "); its output is above");
                System.exit(status);
            }
            built.add(type);
        }
        System.out.println("[installers] summary:");
        for (String type : built) {
            System.out.println("[installers]   " + type + ": built " + made(type));
        }
        skipped.forEach((type, why) -> System.out.println("[installers]   " + type + ": skipped, " + why));
        if (built.isEmpty()) {
            System.err.println("[installers] no installer could be built: install the tools named above, then run the build again");
            System.exit(1);
        }
        if (requireAll && !noTools.isEmpty()) {
            System.err.println("[installers] -Dinstaller.requireAll=true: every installer type must be built, and "
                    + String.join(", ", noTools) + " was not");
            System.exit(1);
        }
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    static String joined(List<String> items) {
        return items.size() == 1 ? items.getFirst()
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    /** The tools jpackage needs for {@code type} that are not on PATH, in the order jpackage checks them. */
    static List<String> missingTools(String type) {
        List<String> missing = new ArrayList<>();
        switch (type) {
            case "deb" -> {
                for (String tool : List.of("dpkg-deb", "dpkg", "fakeroot")) {
                    if (!onPath(tool)) {
                        missing.add(tool);
                    }
                }
            }
            case "rpm" -> {
                for (String tool : List.of("rpm", "rpmbuild")) {
                    if (!onPath(tool)) {
                        missing.add(tool);
                    }
                }
            }
            case "msi", "exe" -> {
                if (!(onPath("candle") && onPath("light")) && !onPath("wix")) {
                    missing.add("the WiX Toolset (wix, or candle and light)");
                }
            }
            case "dmg" -> {
                if (!onPath("hdiutil")) {
                    missing.add("hdiutil");
                }
            }
            case "pkg" -> {
                for (String tool : List.of("pkgbuild", "productbuild")) {
                    if (!onPath(tool)) {
                        missing.add(tool);
                    }
                }
            }
            default -> missing.add("a packaging tool for ." + type);
        }
        return missing;
    }

    /** The command that installs the missing tools on this machine. */
    static String howToGet(String type, List<String> missing) {
        return switch (type) {
            case "deb" -> onPath("apt-get") ? "sudo apt-get install " + String.join(" ", debianPackages(missing))
                    : onPath("dnf") ? "sudo dnf install " + String.join(" ", debianPackages(missing))
                    : onPath("zypper") ? "sudo zypper install " + String.join(" ", debianPackages(missing))
                    : "install dpkg and fakeroot with your package manager";
            case "rpm" -> onPath("apt-get") ? "sudo apt-get install rpm"
                    : onPath("dnf") ? "sudo dnf install rpm-build"
                    : onPath("zypper") ? "sudo zypper install rpm-build"
                    : "install rpm and rpm-build with your package manager";
            case "msi", "exe" -> "dotnet tool install --global wix (WiX 4/5), or WiX 3.14 from https://wixtoolset.org, then open a new prompt";
            case "dmg", "pkg" -> "they come with macOS; run xcode-select --install";
            default -> "see docs/install.md";
        };
    }

    /** dpkg-deb and dpkg are both in the package dpkg. */
    private static List<String> debianPackages(List<String> tools) {
        return tools.stream().map(t -> t.startsWith("dpkg") ? "dpkg" : t).distinct().toList();
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : windows ? List.of(tool + ".exe", tool + ".cmd", tool + ".bat") : List.of(tool)) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int jpackage(String os, String appImage, String type) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        Path jpackage = Path.of(System.getProperty("java.home"), "bin", windows ? "jpackage.exe" : "jpackage");
        List<String> command = List.of(jpackage.toString(), "--type", type, "--app-image", "image/" + appImage,
                "@jpackage-args/installer.args", "@jpackage-args/installer-" + os + ".args",
                "@jpackage-args/installer-" + type + ".args", "--dest", "installers");
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** The installer file(s) of {@code type} in installers/. */
    private static String made(String type) throws IOException {
        try (var files = Files.list(Path.of("installers"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("." + type)).sorted().toList();
            return names.isEmpty() ? "(no ." + type + " file found in installers/)" : "installers/" + String.join(", installers/", names);
        }
    }
}
