package io.countersign.app.cli;

import java.io.PrintStream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a command's results go: with {@code --json} exactly one JSON object on stdout; without,
 * lines for a person. Progress and prompts always go to stderr, so stdout stays parseable.
 */
final class Output {
    static final ObjectMapper JSON = new ObjectMapper();
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;

    Output(boolean json, PrintStream out, PrintStream err) {
        this.json = json;
        this.out = out;
        this.err = err;
    }

    ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Prints the result: the JSON object, or the human text. */
    void result(ObjectNode node, String human) {
        if (json) {
            out.println(node.toString());
        } else {
            out.println(human);
        }
    }

    /** A progress line for a person (stderr). */
    void info(String line) {
        err.println(line);
    }

    boolean json() {
        return json;
    }
}
