package io.countersign.app.cli;

import io.countersign.eth.DisplayText;
import java.io.PrintStream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a command's results go: with {@code --json} exactly one JSON object on stdout; without,
 * lines for a person. Progress and prompts always go to stderr, so stdout stays parseable.
 *
 * <p>This is the command line's one printing layer: every line for a person passes
 * {@link DisplayText#escapeKeepingLines}, so text from a request file, policy, address book,
 * share or node (descriptions, labels, token symbols, names) cannot carry terminal controls,
 * {@code \r} or bidi overrides to the officer's terminal. JSON output is escaped by Jackson
 * (control characters as <code>&#92;u00XX</code>).
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
            out.println(DisplayText.escapeKeepingLines(human));
        }
    }

    /** A progress line for a person (stderr). */
    void info(String line) {
        err.println(DisplayText.escapeKeepingLines(line));
    }

    boolean json() {
        return json;
    }
}
