package io.countersign.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Commands that app/src/build/CommandModelWriter.java must refuse to generate (CommandModelWriterTest). */
final class CommandModelWriterFixtures {
    private CommandModelWriterFixtures() {}

    @Command(name = "hidden-option")
    static final class HiddenOption {
        @Option(names = "--internal", hidden = true)
        String internal;
    }

    @Command(name = "private-field")
    static final class PrivateField {
        @Option(names = "--to")
        private String to;

        String to() {
            return to;
        }
    }
}
