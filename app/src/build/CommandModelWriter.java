import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import javax.tools.ToolProvider;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Build step of the fast start (README.md, "Start-up"), run by the app build at {@code process-classes} with the
 * JDK's source launcher and the app's class path:
 * <pre>java -cp CLASSPATH CommandModelWriter.java SOURCES_DIR CLASSES_DIR</pre>
 * It takes picocli's reflective model of every command in {@code CountersignCommand.SUBCOMMANDS}
 * and writes {@code io.countersign.app.cli.GeneratedCommandModel} to SOURCES_DIR: a subclass of
 * {@code CommandModel} that builds the same specs with picocli's programmatic API and reads and
 * writes the command fields directly, so a start reads no annotation and reflects on no field
 * ({@code CommandModel} says why). The source is compiled into CLASSES_DIR with the JDK's
 * compiler; it also records the CRC-32 of every class file it was made from, which the app
 * checks before it uses the model.
 *
 * <p>It writes only what it can say exactly: names, descriptions, footers, the version
 * provider, the standard help options, mixins, parent commands, and options and positional
 * parameters on fields (type, arity, required, label, default, split, scope). A command with an
 * argument group is left to picocli's reflection. Any other picocli attribute stops the build
 * with the command, the option and the attribute named, so the model never silently leaves
 * something out. {@code java -cp … CommandModelWriter.java --check CLASS…} only runs those checks
 * on the named commands (the test of this step uses it).
 *
 * <p>Exit 0, or 1 with the reason on stderr. The source and class file are written beside their
 * final names and moved over them, so an interrupted build leaves no half-written file.
 */
public final class CommandModelWriter {
    private static final String PACKAGE = "io.countersign.app.cli";
    private static final String ROOT = PACKAGE + ".CountersignCommand";
    private static final String GENERATED = "GeneratedCommandModel";

    private final StringBuilder methods = new StringBuilder();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> builders = new LinkedHashMap<>();
    private final Map<String, List<String>> parents = new LinkedHashMap<>();
    /** Field bindings: "declaring class#field" → index, in the order first met. */
    private final Map<String, Integer> fieldIds = new LinkedHashMap<>();
    private final Map<Integer, Field> fields = new LinkedHashMap<>();
    /** Every class file a command's model was read from. */
    private final Set<Class<?>> classFiles = new LinkedHashSet<>();

    public static void main(String[] args) throws Exception {
        try {
            if (args.length > 0 && args[0].equals("--check")) {
                CommandModelWriter w = new CommandModelWriter();
                for (int i = 1; i < args.length; i++) {
                    w.add(Class.forName(args[i]));
                }
                return;
            }
            if (args.length != 2) {
                throw new IllegalArgumentException("usage: CommandModelWriter SOURCES_DIR CLASSES_DIR | --check CLASS…");
            }
            write(Path.of(args[0]), Path.of(args[1]));
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            System.err.println("CommandModelWriter: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void write(Path sources, Path classes) throws Exception {
        CommandModelWriter w = new CommandModelWriter();
        Class<?> root = Class.forName(ROOT);
        Field table = root.getDeclaredField("SUBCOMMANDS");
        table.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<Class<?>, List<Class<?>>> subcommands = (Map<Class<?>, List<Class<?>>>) table.get(null);
        List<Class<?>> commands = new ArrayList<>(List.of(root));
        toNames(subcommands).values().forEach(commands::addAll); // by name: the same file at every build
        for (Class<?> c : commands) {
            w.add(c);
        }
        Path dir = sources.resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(dir);
        Path source = dir.resolve(GENERATED + ".java");
        Path tmp = dir.resolve(GENERATED + ".java.tmp");
        Files.writeString(tmp, w.source(classes));
        Files.move(tmp, source, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        Path out = Files.createTempDirectory(sources, "classes");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), "--release", String.valueOf(Runtime.version().feature()),
                "-proc:none", "-implicit:none", "-Xlint:all", source.toString());
        if (rc != 0) {
            throw new IllegalStateException("the generated " + source + " does not compile (javac exit " + rc + ")");
        }
        Path compiled = out.resolve(PACKAGE.replace('.', '/'));
        try (var files = Files.list(compiled)) {
            for (Path f : files.toList()) {
                Path target = classes.resolve(PACKAGE.replace('.', '/')).resolve(f.getFileName());
                Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        try (var left = Files.walk(out)) {
            left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.println("CommandModelWriter: " + w.names.size() + " commands, " + w.fields.size() + " fields -> " + source);
    }

    private static Map<String, List<Class<?>>> toNames(Map<Class<?>, List<Class<?>>> table) {
        Map<String, List<Class<?>>> byName = new TreeMap<>();
        table.forEach((k, v) -> byName.put(k.getName(), v));
        return byName;
    }

    /** Reads one command's reflective model and writes the method that builds it. */
    private void add(Class<?> c) throws ReflectiveOperationException {
        Object command;
        if (c.getName().equals(ROOT)) {
            var constructor = c.getDeclaredConstructor(java.io.PrintStream.class, java.io.PrintStream.class, Map.class);
            constructor.setAccessible(true);
            command = constructor.newInstance(null, null, Map.of());
        } else {
            var constructor = c.getDeclaredConstructor();
            constructor.setAccessible(true);
            command = constructor.newInstance();
        }
        CommandSpec spec = CommandSpec.forAnnotatedObject(command);
        // the raw strings: ${DEFAULT-VALUE} and the help options' ${picocli.help.name…} are
        // filled in by picocli at run time, as for an annotated command
        spec.interpolateVariables(false);
        spec.mixins().values().forEach(m -> m.interpolateVariables(false));
        names.put(c.getName(), spec.name());
        for (Class<?> k = c; k != null && k.getName().startsWith(PACKAGE + "."); k = k.getSuperclass()) {
            classFiles.add(k);
        }
        if (!spec.argGroups().isEmpty()) {
            builders.put(c.getName(), "new CommandLine(command); // an argument group: picocli's reflection");
            return;
        }
        String where = c.getName();
        require(spec.usageMessage().header().length == 0, where, "a header");
        require(spec.aliases().length == 0, where, "aliases");
        require(!spec.usageMessage().hidden(), where, "hidden");
        require(spec.subcommands().isEmpty(), where, "@Command(subcommands) (the tree is CountersignCommand.SUBCOMMANDS)");
        require(spec.unmatchedArgsBindings().isEmpty(), where, "@Unmatched");
        require(spec.resourceBundleBaseName() == null, where, "a resource bundle");
        require(spec.specElements().isEmpty(), where, "@Spec");

        String method = "command" + builders.size();
        String type = c.getCanonicalName();
        builders.put(c.getName(), method + "((" + type + ") command);");
        StringBuilder m = methods;
        m.append("\n    /** {@code ").append(spec.qualifiedName()).append("}: ").append(c.getSimpleName()).append(". */\n");
        m.append("    private static CommandLine ").append(method).append('(').append(type).append(" c) {\n");
        m.append("        CommandSpec spec = CommandSpec.wrapWithoutInspection(c);\n");
        m.append("        spec.name(").append(literal(spec.name())).append(");\n");
        m.append("        spec.usageMessage().description(").append(strings(spec.usageMessage().description())).append(")\n");
        m.append("                .footer(").append(strings(spec.usageMessage().footer())).append(");\n");
        if (spec.versionProvider() != null) {
            m.append("        spec.versionProvider(new ").append(spec.versionProvider().getClass().getCanonicalName()).append("());\n");
        }

        // mixins: the field that holds each, and which options it declares
        Map<Object, String> mixinOf = new LinkedHashMap<>();
        for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
            if (mixin.getKey().equals("mixinStandardHelpOptions")) {
                continue;
            }
            IAnnotatedElement element = spec.mixinAnnotatedElements().get(mixin.getKey());
            require(element != null && element.userObject() instanceof Field, where, "a mixin that is not a field");
            Field f = (Field) element.userObject();
            Object value = mixin.getValue().userObject();
            require(value != null && value.getClass() == f.getType(), where, "mixin " + f.getName() + " of another class than its field's");
            require(mixin.getValue().mixins().isEmpty() && mixin.getValue().parentCommandElements().isEmpty(), where,
                    "mixin " + f.getName() + " with its own mixins or @ParentCommand");
            checkField(f, where);
            classFiles.add(f.getType());
            m.append("        c.").append(f.getName()).append(" = new ").append(f.getType().getCanonicalName()).append("();\n");
            for (ArgSpec a : mixin.getValue().args()) {
                mixinOf.put(a.userObject(), "c." + f.getName());
            }
        }
        List<String> parentLines = new ArrayList<>();
        for (IAnnotatedElement p : spec.parentCommandElements()) {
            require(p.userObject() instanceof Field, where, "a @ParentCommand that is not a field");
            Field f = (Field) p.userObject();
            checkField(f, where);
            parentLines.add("((" + f.getDeclaringClass().getCanonicalName() + ") command)." + f.getName() + " = ("
                    + f.getType().getCanonicalName() + ") parent;");
        }
        parents.put(c.getName(), parentLines);

        for (ArgSpec a : spec.args()) {
            m.append("        ").append(a.isOption() ? "spec.addOption(" : "spec.addPositional(")
                    .append(arg(a, where, mixinOf)).append(");\n");
        }
        m.append("        return new CommandLine(spec);\n    }\n");
    }

    /** The call that makes one option or positional parameter. */
    private String arg(ArgSpec a, String where, Map<Object, String> mixinOf) {
        String arg = where + " " + (a instanceof OptionSpec o ? o.longestName() : "parameter " + a.paramLabel());
        require(a.userObject() instanceof Field, arg, "an option or parameter that is not on a field");
        Field f = (Field) a.userObject();
        // --help and --version of mixinStandardHelpOptions are picocli's own fields
        boolean standardHelp = f.getDeclaringClass().getName().startsWith("picocli.");
        require(!a.hidden(), arg, "hidden");
        require(!a.interactive(), arg, "interactive");
        require(!a.hideParamSyntax(), arg, "hideParamSyntax");
        require(a.converters().length == 0, arg, "converter");
        require(a.parameterConsumer() == null, arg, "parameterConsumer");
        require(a.preprocessor().equals(PositionalParamSpec.builder().build().preprocessor()), arg, "preprocessor");
        require(standardHelp || a.descriptionKey() == null || a.descriptionKey().isEmpty(), arg, "descriptionKey");
        require(a.showDefaultValue() == CommandLine.Help.Visibility.ON_DEMAND, arg, "showDefaultValue");
        require(a.completionCandidates() == null, arg, "completionCandidates");
        require(a.scopeType() == CommandLine.ScopeType.LOCAL || !a.isPositional(), arg, "an inherited parameter");
        require(!a.inherited(), arg, "an option inherited from another command");

        String binding;
        if (standardHelp) {
            binding = "new Holder()";
        } else {
            checkField(f, where);
            String target = mixinOf.getOrDefault(a.userObject(), "c");
            binding = "new F(" + target + ", " + fieldId(f) + ")";
        }
        String arity = a.arity().isUnspecified() ? null : a.arity().originalValue();
        String split = a.splitRegex().isEmpty() ? null : a.splitRegex();
        List<String> aux = new ArrayList<>();
        for (Class<?> t : a.auxiliaryTypes()) {
            aux.add(t.getCanonicalName() + ".class");
        }
        String auxiliary = "new Class<?>[] {" + String.join(", ", aux) + "}";
        if (a instanceof OptionSpec o) {
            require(!o.negatable(), arg, "negatable");
            require(o.fallbackValue().isEmpty(), arg, "fallbackValue");
            require(o.order() == -1, arg, "order");
            require(standardHelp || !o.usageHelp() && !o.versionHelp(), arg, "usageHelp or versionHelp of its own");
            String help = o.usageHelp() ? "usage" : o.versionHelp() ? "version" : "";
            return "option(" + strings(o.names()) + ", " + literal(help) + ", ScopeType." + o.scopeType().name() + ", "
                    + o.type().getCanonicalName() + ".class, " + auxiliary + ",\n                " + literal(arity) + ", "
                    + o.required() + ", " + literal(o.paramLabel()) + ", " + strings(o.description()) + ",\n                "
                    + literal(o.defaultValue()) + ", " + literal(split) + ", " + binding + ")";
        }
        PositionalParamSpec p = (PositionalParamSpec) a;
        String index = p.index().isUnspecified() ? null : p.index().originalValue();
        return "positional(" + literal(index) + ", " + p.type().getCanonicalName() + ".class, " + auxiliary + ",\n                "
                + literal(arity) + ", " + p.required() + ", " + literal(p.paramLabel()) + ", " + strings(p.description())
                + ",\n                " + literal(p.defaultValue()) + ", " + literal(split) + ", " + binding + ")";
    }

    private int fieldId(Field f) {
        String key = f.getDeclaringClass().getName() + "#" + f.getName();
        Integer id = fieldIds.get(key);
        if (id == null) {
            id = fieldIds.size();
            fieldIds.put(key, id);
            fields.put(id, f);
        }
        return id;
    }

    /** The generated class reads and writes fields directly: they must be visible in the package. */
    private static void checkField(Field f, String where) {
        int mods = f.getModifiers();
        require(!Modifier.isPrivate(mods) && !Modifier.isStatic(mods) && !Modifier.isFinal(mods), where,
                "field " + f.getName() + " that is private, static or final (the generated model sets it directly)");
        require(f.getDeclaringClass().getPackageName().equals(PACKAGE), where, "field " + f.getName() + " outside " + PACKAGE);
    }

    private String source(Path classes) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import java.util.Map;\n");
        s.append("import picocli.CommandLine;\n");
        s.append("import picocli.CommandLine.Model.CommandSpec;\n");
        s.append("import picocli.CommandLine.ScopeType;\n\n");
        s.append("/**\n * Generated by app/src/build/CommandModelWriter.java from the commands' picocli annotations at\n"
                + " * process-classes; do not edit (CommandModel says why it exists).\n */\n");
        s.append("@SuppressWarnings({\"unchecked\", \"rawtypes\"})\n");
        s.append("final class ").append(GENERATED).append(" extends CommandModel {\n");

        s.append("    @Override\n    String name(Class<?> command) {\n        return switch (command.getName()) {\n");
        names.forEach((k, v) -> s.append("            case ").append(literal(k)).append(" -> ").append(literal(v)).append(";\n"));
        s.append("            default -> null;\n        };\n    }\n\n");

        s.append("    @Override\n    CommandLine commandLine(Object command) {\n        return switch (command.getClass().getName()) {\n");
        builders.forEach((k, v) -> s.append("            case ").append(literal(k)).append(" -> ").append(v).append('\n'));
        s.append("            default -> null;\n        };\n    }\n\n");

        s.append("    @Override\n    void injectParent(Object command, Object parent) {\n        switch (command.getClass().getName()) {\n");
        parents.forEach((k, v) -> {
            if (!v.isEmpty()) {
                s.append("            case ").append(literal(k)).append(" -> {\n");
                v.forEach(line -> s.append("                ").append(line).append('\n'));
                s.append("            }\n");
            }
        });
        s.append("            default -> { }\n        }\n    }\n\n");

        s.append("    @Override\n    Map<String, Long> classFileCrcs() {\n        return Map.ofEntries(\n");
        List<String> crcs = new ArrayList<>();
        for (Class<?> c : classFiles) {
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(classes.resolve(c.getName().replace('.', '/') + ".class")));
            crcs.add("                Map.entry(" + literal(c.getName()) + ", 0x" + Long.toHexString(crc.getValue()) + "L)");
        }
        s.append(String.join(",\n", crcs)).append(");\n    }\n");

        s.append(methods);

        s.append("\n    /** A command field, by number: read and written directly. */\n");
        s.append("    private static final class F extends Binding {\n");
        s.append("        private final Object target;\n        private final int field;\n\n");
        s.append("        F(Object target, int field) {\n            this.target = target;\n            this.field = field;\n        }\n\n");
        s.append("        @Override\n        Object read() {\n            return switch (field) {\n");
        fields.forEach((id, f) -> s.append("                case ").append(id).append(" -> ((")
                .append(f.getDeclaringClass().getCanonicalName()).append(") target).").append(f.getName()).append(";\n"));
        s.append("                default -> throw new IllegalStateException(\"field \" + field);\n            };\n        }\n\n");
        s.append("        @Override\n        void write(Object value) {\n            switch (field) {\n");
        fields.forEach((id, f) -> s.append("                case ").append(id).append(" -> ((")
                .append(f.getDeclaringClass().getCanonicalName()).append(") target).").append(f.getName()).append(" = (")
                .append(boxed(f.getType()).getCanonicalName()).append(") value;\n"));
        s.append("                default -> throw new IllegalStateException(\"field \" + field);\n            }\n        }\n    }\n}\n");
        return s.toString();
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    private static void require(boolean ok, String where, String what) {
        if (!ok) {
            throw new IllegalStateException(where + ": uses " + what + ", which the generated command model cannot"
                    + " express; extend app/src/build/CommandModelWriter.java, or leave the command to reflection");
        }
    }

    private static String strings(String[] values) {
        List<String> items = new ArrayList<>();
        for (String v : values) {
            items.add(literal(v));
        }
        return "new String[] {" + String.join(", ", items) + "}";
    }

    /** A Java string literal (ASCII, with \\u escapes), or {@code null}. */
    private static String literal(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
