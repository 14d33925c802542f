package io.countersign.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts {@link AppendLoop} in a separate JVM with this JVM's java and class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process appendLoop(Path file, long count, String writer) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new AssertionError("no java command"));
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                AppendLoop.class.getName(), file.toString(), Long.toString(count), writer);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
