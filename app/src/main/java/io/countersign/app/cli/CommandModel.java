package io.countersign.app.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import picocli.CommandLine;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

/**
 * picocli's model of the commands, built without reading an annotation (README.md, "Start-up").
 *
 * <p>Why: picocli builds its model by reflection, and the JDK makes a proxy class for each
 * annotation type read (seven here, two of them for {@code java.lang.Object}'s own methods, which
 * picocli also scans), then sets each field through a method handle it makes on first use. That
 * was about 60 ms of a 150 ms {@code safe hash}.
 *
 * <p>The annotations stay the one source. The build step {@code app/src/build/CommandModelWriter.java}
 * (at {@code process-classes}) takes picocli's reflective model of every command in
 * {@link CountersignCommand#SUBCOMMANDS} and writes {@code GeneratedCommandModel}, a subclass of
 * this one that builds the same specs with picocli's programmatic API and reads and writes the
 * fields directly. It also records the CRC-32 of every class file it was made from; {@link #load}
 * uses the generated model only while each of those class files is unchanged (from a jar, only its
 * zip directory is read), so a class recompiled without the build step costs time, never a wrong
 * option. {@code CommandModelTest} checks that every command's help, options and parameters, and
 * the values they bind, are the same both ways. One difference is invisible to the commands: the
 * standard {@code --help} and {@code --version} options are plain options of each spec, not
 * picocli's mixin.
 */
abstract class CommandModel {
    static final String GENERATED = "io.countersign.app.cli.GeneratedCommandModel";

    /** The generated model, or null when there is none or it was made from other class files. */
    static CommandModel load() {
        try {
            CommandModel model = (CommandModel) Class.forName(GENERATED).getDeclaredConstructor().newInstance();
            return classFilesMatch(model.classFileCrcs()) ? model : null;
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null;
        }
    }

    /** The name of a command class, or null if the model does not have it. */
    abstract String name(Class<?> command);

    /**
     * The command line of a command object, without subcommands; null if the model does not
     * have its class. A command the model cannot express (an argument group) is built by
     * picocli's reflection.
     */
    abstract CommandLine commandLine(Object command);

    /** Sets the {@code @ParentCommand} fields of {@code command}, as picocli does for an annotated one. */
    abstract void injectParent(Object command, Object parent);

    /** CRC-32 of each class file the model was made from, by class name. */
    abstract Map<String, Long> classFileCrcs();

    /**
     * Whether the class files beside this class (a jar, or a directory of classes) have these
     * CRC-32s. In a jar the zip directory holds each file's CRC-32, so nothing is inflated.
     */
    static boolean classFilesMatch(Map<String, Long> crcs) {
        Path where;
        try {
            where = Path.of(CommandModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return false;
        }
        try {
            if (Files.isDirectory(where)) {
                for (Map.Entry<String, Long> c : crcs.entrySet()) {
                    CRC32 crc = new CRC32();
                    crc.update(Files.readAllBytes(where.resolve(classFile(c.getKey()))));
                    if (crc.getValue() != c.getValue()) {
                        return false;
                    }
                }
                return true;
            }
            try (ZipFile jar = new ZipFile(where.toFile())) {
                for (Map.Entry<String, Long> c : crcs.entrySet()) {
                    ZipEntry e = jar.getEntry(classFile(c.getKey()));
                    if (e == null || e.getCrc() != c.getValue()) {
                        return false;
                    }
                }
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code a.b.C$D} → {@code a/b/C$D.class}. */
    static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    // ---- what the generated model calls ---------------------------------------------------------
    // picocli's OptionSpec.Builder and PositionalParamSpec.Builder share their methods through a
    // package-private class, so each is set up in full.

    /**
     * An option. {@code help} is "usage", "version" or ""; {@code arity}, {@code defaultValue} and
     * {@code splitRegex} are null when the annotation left them out.
     */
    static OptionSpec option(String[] names, String help, ScopeType scope, Class<?> type, Class<?>[] auxiliaryTypes,
                             String arity, boolean required, String paramLabel, String[] description, String defaultValue,
                             String splitRegex, Binding binding) {
        OptionSpec.Builder b = OptionSpec.builder(names)
                .usageHelp(help.equals("usage")).versionHelp(help.equals("version")).scopeType(scope)
                .type(type).auxiliaryTypes(auxiliaryTypes).required(required).paramLabel(paramLabel)
                .description(description).defaultValue(defaultValue).splitRegex(splitRegex == null ? "" : splitRegex)
                // as picocli does for an annotated field: the value it has now is its initial value
                .getter(binding).setter(binding).initialValue(binding.get()).hasInitialValue(true);
        if (arity != null) {
            b.arity(arity);
        }
        return b.build();
    }

    /** A positional parameter; {@code index} and the others are null when the annotation left them out. */
    static PositionalParamSpec positional(String index, Class<?> type, Class<?>[] auxiliaryTypes, String arity,
                                          boolean required, String paramLabel, String[] description, String defaultValue,
                                          String splitRegex, Binding binding) {
        PositionalParamSpec.Builder b = PositionalParamSpec.builder()
                .type(type).auxiliaryTypes(auxiliaryTypes).required(required).paramLabel(paramLabel)
                .description(description).defaultValue(defaultValue).splitRegex(splitRegex == null ? "" : splitRegex)
                .getter(binding).setter(binding).initialValue(binding.get()).hasInitialValue(true);
        if (index != null) {
            b.index(index);
        }
        if (arity != null) {
            b.arity(arity);
        }
        return b.build();
    }

    /** Where picocli reads and writes an option's value. */
    abstract static class Binding implements IGetter, ISetter {
        abstract Object read();

        abstract void write(Object value);

        @Override
        @SuppressWarnings("unchecked")
        public final <T> T get() {
            return (T) read();
        }

        @Override
        public final <T> T set(T value) {
            T previous = get();
            write(value);
            return previous;
        }
    }

    /** The value of --help or --version, which have no field of ours. */
    static final class Holder extends Binding {
        private Object value = false;

        @Override
        Object read() {
            return value;
        }

        @Override
        void write(Object value) {
            this.value = value;
        }
    }
}
