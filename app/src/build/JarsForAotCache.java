import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the fast start (README.md, "Start-up"), run by the app and packaging builds with the JDK's source
 * launcher: {@code java JarsForAotCache.java DIR}. It prepares the runtime jars in DIR, in place,
 * so that the JDK 25 AOT cache (JEP 483) can hold their classes. Two kinds of jar are left out of
 * the cache by the JVM, and both are changed here without changing what any class does:
 * <ul>
 *   <li><b>Signed jars</b> (BouncyCastle): the JVM archives no class of a signed jar ("Skipping
 *       …: Signed JAR"), and at first use it checks the digest of every entry against a
 *       20,000-line manifest (about 0.1 s of each start). The signature files
 *       ({@code META-INF/*.SF|RSA|DSA|EC}) are dropped and the manifest is cut to its main
 *       section ({@code Multi-Release} and the rest kept). Every other entry is copied byte for
 *       byte. The signature protected nothing at run time: the JDK loads an unsigned copy of
 *       the same classes just as well, and the jars' integrity comes from Maven's checksums.</li>
 *   <li><b>Classes older than Java 6</b> (class file major version below 50; picocli is compiled
 *       for Java 5): they carry no StackMapTable, need the old type-inferring verifier at every
 *       start, and are never archived. They are rewritten as Java 8 (52.0) class files with
 *       stack maps computed by the JDK's own ClassFile API (JEP 484); the instructions, constant
 *       values, attributes and annotations are those of the original.</li>
 * </ul>
 * A jar with neither is not touched, so the step can run again on its own output and changes
 * nothing (it prints what it did). A changed jar is written beside the original and moved over
 * it, so an interrupted build never leaves half a jar. Exit 0, or 1 with the reason on stderr.
 * Tested by {@code io.countersign.app.startup.JarsForAotCacheTest}.
 */
public final class JarsForAotCache {
    /** The oldest class file version the AOT cache archives and the split verifier checks. */
    private static final int JAVA_6 = 50;
    /** The version old classes are lifted to: Java 8, which keeps their stack maps mandatory. */
    private static final int JAVA_8 = 52;
    private static final Pattern SIGNATURE_FILE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");

    private JarsForAotCache() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: java JarsForAotCache.java DIR   (DIR holds the runtime jars)");
            System.exit(1);
        }
        List<Path> jars;
        try (var list = Files.list(Path.of(args[0]))) {
            jars = list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            String done = prepare(jar);
            if (!done.isEmpty()) {
                System.out.println(jar.getFileName() + ": " + done);
            }
        }
    }

    /** Prepares one jar in place; returns what was changed, or "" when nothing needed to be. */
    static String prepare(Path jar) throws IOException {
        boolean signed;
        Set<String> oldClasses = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            signed = zip.stream().anyMatch(e -> SIGNATURE_FILE.matcher(e.getName()).matches());
            for (ZipEntry e : zip.stream().toList()) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        if (majorVersion(in.readNBytes(8)) < JAVA_6) {
                            oldClasses.add(e.getName());
                        }
                    }
                }
            }
        }
        if (!signed && oldClasses.isEmpty()) {
            return "";
        }
        Path tmp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        try {
            // The stack maps need the jar's own class hierarchy, read from the jar itself.
            try (URLClassLoader jarClasses = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                 ZipFile zip = new ZipFile(jar.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
                ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                        ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.ofResourceParsing(jarClasses)
                                .orElse(ClassHierarchyResolver.defaultResolver())));
                for (ZipEntry e : zip.stream().toList()) {
                    String name = e.getName();
                    if (signed && SIGNATURE_FILE.matcher(name).matches()) {
                        continue;
                    }
                    byte[] bytes;
                    try (InputStream in = zip.getInputStream(e)) {
                        bytes = in.readAllBytes();
                    }
                    if (signed && name.equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        bytes = mainSectionOnly(bytes);
                    } else if (oldClasses.contains(name)) {
                        bytes = liftToJava8(classFile, bytes);
                    }
                    ZipEntry copy = new ZipEntry(name);
                    copy.setTime(e.getTime());
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        List<String> done = new ArrayList<>();
        if (signed) {
            done.add("signature removed");
        }
        if (!oldClasses.isEmpty()) {
            done.add(oldClasses.size() + " pre-Java-6 classes rewritten as Java 8 class files with stack maps");
        }
        return String.join(", ", done);
    }

    /** The class file's major version (bytes 6-7, JVMS 4.1), or -1 if it is not a class file. */
    static int majorVersion(byte[] head) {
        if (head.length < 8 || (head[0] & 0xff) != 0xCA || (head[1] & 0xff) != 0xFE
                || (head[2] & 0xff) != 0xBA || (head[3] & 0xff) != 0xBE) {
            return -1;
        }
        return (head[6] & 0xff) << 8 | (head[7] & 0xff);
    }

    private static byte[] liftToJava8(ClassFile classFile, byte[] bytes) {
        ClassModel model = classFile.parse(bytes);
        // Passing every method body through a code builder makes the ClassFile API emit it anew,
        // with a StackMapTable computed for the new version.
        ClassTransform lift = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen((builder, element) -> {
                    if (element instanceof ClassFileVersion) {
                        builder.withVersion(JAVA_8, 0);
                    } else {
                        builder.with(element);
                    }
                });
        return classFile.transformClass(model, lift);
    }

    private static byte[] mainSectionOnly(byte[] manifestBytes) throws IOException {
        Manifest full = new Manifest(new ByteArrayInputStream(manifestBytes));
        Manifest main = new Manifest();
        main.getMainAttributes().putAll(full.getMainAttributes());
        if (main.getMainAttributes().getValue(Attributes.Name.MANIFEST_VERSION) == null) {
            main.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        }
        var out = new ByteArrayOutputStream();
        main.write(out);
        return out.toByteArray();
    }
}
