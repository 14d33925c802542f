package io.countersign.app.cli;

import io.countersign.eth.DisplayText;
import java.io.PrintStream;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a command's results go: with {@code --json} exactly one JSON object on stdout; without,
 * lines for a person. Progress and prompts always go to stderr, so stdout stays parseable.
 *
 * <p>This is the command line's one printing layer: every line for a person passes
 * {@link DisplayText#escapeKeepingLines}, so text from a request file, policy, address book,
 * share or node (descriptions, labels, token symbols, names) cannot carry terminal controls,
 * {@code \r} or bidi overrides to the officer's terminal. {@code --json} output escapes the same
 * characters ({@link DisplayText#needsEscape}: C0 and C1 controls, DEL, U+2028/U+2029, bidi
 * embeddings, overrides and isolates, zero-width and every other format character) as JSON
 * <code>&#92;uHHHH</code> escapes ({@link #json(JsonNode)}), so a JSON consumer still reads the exact
 * text while a terminal that shows the JSON shows the escapes.
 */
final class Output {
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder().characterEscapes(new DisplayEscapes()).build()).build();
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
            out.println(json(node));
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

    /** {@code node} as one line of JSON with every {@link DisplayText#needsEscape} character escaped. */
    static String json(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    /**
     * Jackson's standard JSON escapes plus DEL and every character {@link DisplayText} escapes, as
     * <code>&#92;uHHHH</code> (characters above U+FFFF pass as their two surrogates, each escaped).
     */
    static final class DisplayEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        DisplayEscapes() {
            ascii[0x7f] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return DisplayText.needsEscape(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
