package io.countersign.app.console;

import io.countersign.eth.DisplayText;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * The console's side of {@link DisplayText}: text from a request file, policy, address book,
 * share or node is shown with control characters, {@code \r}, ESC sequences and bidi overrides
 * as visible escapes ({@code \x1b}, <code>&#92;u202e</code>). Views call {@link #text} in their cell
 * factories and {@link #escapeTree} on a pane once it is built, so no label of it can show such
 * a character raw.
 */
public final class ConsoleText {
    private ConsoleText() {}

    /** The text as a label may show it (line breaks kept). */
    public static String text(String s) {
        return DisplayText.escapeKeepingLines(s);
    }

    /** Escapes the text of every label and text node under {@code root}, in place; returns {@code root}. */
    public static <N extends Node> N escapeTree(N root) {
        if (root instanceof Labeled l && l.getText() != null) {
            l.setText(text(l.getText()));
        }
        if (root instanceof Text t && t.getText() != null) {
            t.setText(text(t.getText()));
        }
        if (root instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                escapeTree(child);
            }
        }
        return root;
    }
}
