package io.countersign.app.startup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The build step {@code app/src/build/JarsForAotCache.java} (README.md, "Start-up"), run as the build runs it
 * ({@code java JarsForAotCache.java DIR}) over copies of the real picocli and BouncyCastle jars
 * from Maven and one jar it must leave alone.
 */
class JarsForAotCacheTest {
    private static final Path TOOL = Path.of("src/build/JarsForAotCache.java");

    @TempDir
    static Path dir;
    static Path picocliOriginal;
    static Path bcOriginal;
    static Path plainOriginal;
    static String firstRun;

    @BeforeAll
    static void runTool() throws Exception {
        picocliOriginal = jarOf(CommandLine.class);
        bcOriginal = jarOf(KeccakDigest.class);
        plainOriginal = jarOf(org.junit.jupiter.api.Test.class);
        for (Path jar : List.of(picocliOriginal, bcOriginal, plainOriginal)) {
            Files.copy(jar, dir.resolve(jar.getFileName()));
        }
        firstRun = run();
    }

    @Test
    void picocliClassesAreLiftedFromJava5ToJava8() throws Exception {
        Map<String, Integer> before = majorVersions(picocliOriginal);
        assertTrue(before.values().stream().anyMatch(v -> v < 50), "precondition: picocli ships pre-Java-6 classes");
        Map<String, Integer> after = majorVersions(picocli());
        assertEquals(before.keySet(), after.keySet(), "same classes");
        after.forEach((name, major) -> assertEquals(52, major, name));
        assertTrue(firstRun.contains(picocliOriginal.getFileName() + ": " + before.size() + " pre-Java-6 classes rewritten"),
                firstRun);
    }

    @Test
    void liftedPicocliKeepsEveryMethodsInstructions() throws Exception {
        try (ZipFile original = new ZipFile(picocliOriginal.toFile()); ZipFile lifted = new ZipFile(picocli().toFile())) {
            int methods = 0;
            for (String name : majorVersions(picocliOriginal).keySet()) {
                ClassModel a = ClassFile.of().parse(bytes(original, name));
                ClassModel b = ClassFile.of().parse(bytes(lifted, name));
                assertEquals(a.methods().size(), b.methods().size(), name);
                for (int i = 0; i < a.methods().size(); i++) {
                    MethodModel ma = a.methods().get(i);
                    MethodModel mb = b.methods().get(i);
                    assertEquals(ma.methodName().stringValue() + ma.methodType().stringValue(),
                            mb.methodName().stringValue() + mb.methodType().stringValue(), name);
                    var codeA = ma.findAttribute(Attributes.code());
                    var codeB = mb.findAttribute(Attributes.code());
                    assertEquals(codeA.isPresent(), codeB.isPresent(), name);
                    if (codeA.isPresent()) {
                        assertArrayEquals(codeA.get().codeArray(), codeB.get().codeArray(),
                                name + " " + ma.methodName().stringValue());
                        assertTrue(codeB.get().findAttribute(Attributes.stackMapTable()).isPresent()
                                        || !hasBranches(codeB.get()),
                                name + " " + ma.methodName().stringValue() + ": branches need a StackMapTable");
                        methods++;
                    }
                }
            }
            assertTrue(methods > 1000, "checked " + methods + " method bodies");
        }
    }

    /** Loading and initializing every class runs the JVM's type-checking verifier over it. */
    @Test
    void liftedPicocliPassesTheVerifierAndParsesACommandLine() throws Exception {
        try (var loader = new URLClassLoader(new URL[] {picocli().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : majorVersions(picocli()).keySet()) {
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                Class.forName(className, true, loader); // a VerifyError fails the test here
            }
            // The lifted picocli, not the one on the test class path, parses options of a spec.
            Class<?> commandLine = Class.forName("picocli.CommandLine", true, loader);
            assertEquals(loader, commandLine.getClassLoader());
            Class<?> specClass = Class.forName("picocli.CommandLine$Model$CommandSpec", true, loader);
            Object spec = specClass.getMethod("create").invoke(null);
            Class<?> optionSpec = Class.forName("picocli.CommandLine$Model$OptionSpec", true, loader);
            Object builder = optionSpec.getMethod("builder", String[].class).invoke(null, (Object) new String[] {"--nonce"});
            var type = builder.getClass().getMethod("type", Class.class);
            type.setAccessible(true); // declared by the package-private ArgSpec.Builder
            type.invoke(builder, int.class);
            Object option = builder.getClass().getMethod("build").invoke(builder);
            specClass.getMethod("addOption", optionSpec).invoke(spec, option);
            Object cli = commandLine.getConstructor(Object.class).newInstance(spec);
            Object result = commandLine.getMethod("parseArgs", String[].class).invoke(cli, (Object) new String[] {"--nonce", "42"});
            Object value = result.getClass().getMethod("matchedOptionValue", String.class, Object.class)
                    .invoke(result, "--nonce", -1);
            assertEquals(42, value);
        }
    }

    @Test
    void bouncyCastleLosesItsSignatureAndNothingElse() throws Exception {
        try (ZipFile original = new ZipFile(bcOriginal.toFile()); ZipFile unsigned = new ZipFile(bc().toFile())) {
            List<String> signatureFiles = original.stream().map(ZipEntry::getName)
                    .filter(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")).toList();
            assertFalse(signatureFiles.isEmpty(), "precondition: the Maven jar is signed");
            List<String> expected = new ArrayList<>(original.stream().map(ZipEntry::getName).toList());
            expected.removeAll(signatureFiles);
            assertEquals(expected, unsigned.stream().map(ZipEntry::getName).toList(), "same entries, same order");
            for (String name : expected) {
                if (!name.equals("META-INF/MANIFEST.MF")) {
                    assertArrayEquals(bytes(original, name), bytes(unsigned, name), name);
                }
            }
            Manifest before = new Manifest(original.getInputStream(original.getEntry("META-INF/MANIFEST.MF")));
            Manifest after = new Manifest(unsigned.getInputStream(unsigned.getEntry("META-INF/MANIFEST.MF")));
            assertTrue(before.getEntries().size() > 1000, "precondition: per-entry digests in the signed manifest");
            assertEquals(Map.of(), after.getEntries(), "no per-entry sections left");
            assertEquals(before.getMainAttributes(), after.getMainAttributes());
            assertEquals("true", after.getMainAttributes().getValue("Multi-Release"));
        }
        assertTrue(firstRun.contains(bcOriginal.getFileName() + ": signature removed"), firstRun);
    }

    @Test
    void aJarWithNeitherIsLeftAloneAndASecondRunChangesNothing() throws Exception {
        assertArrayEquals(Files.readAllBytes(plainOriginal), Files.readAllBytes(dir.resolve(plainOriginal.getFileName())));
        assertFalse(firstRun.contains(plainOriginal.getFileName().toString()), firstRun);
        byte[] picocli = Files.readAllBytes(picocli());
        byte[] bc = Files.readAllBytes(bc());
        assertEquals("", run(), "nothing left to change");
        assertArrayEquals(picocli, Files.readAllBytes(picocli()));
        assertArrayEquals(bc, Files.readAllBytes(bc()));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary file left behind");
        }
    }

    private static Path picocli() {
        return dir.resolve(picocliOriginal.getFileName());
    }

    private static Path bc() {
        return dir.resolve(bcOriginal.getFileName());
    }

    private static boolean hasBranches(java.lang.classfile.attribute.CodeAttribute code) {
        return code.elementStream().anyMatch(e -> e instanceof java.lang.classfile.instruction.BranchInstruction
                || e instanceof java.lang.classfile.instruction.TableSwitchInstruction
                || e instanceof java.lang.classfile.instruction.LookupSwitchInstruction
                || e instanceof java.lang.classfile.instruction.ExceptionCatch);
    }

    /** Class file major version of every class outside META-INF, read from bytes 6-7 (JVMS 4.1). */
    private static Map<String, Integer> majorVersions(Path jar) throws IOException {
        Map<String, Integer> versions = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                    byte[] b = bytes(zip, e.getName());
                    assertEquals(0xCAFEBABE, (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff));
                    versions.put(e.getName(), (b[6] & 0xff) << 8 | (b[7] & 0xff));
                }
            }
        }
        return versions;
    }

    private static byte[] bytes(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        assertNotNull(e, name);
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Runs the tool over {@link #dir} with this JDK's source launcher; returns its stdout. */
    private static String run() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), TOOL.toString(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "tool finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
