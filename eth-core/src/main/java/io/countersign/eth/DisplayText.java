package io.countersign.eth;

/**
 * Makes text that came from a file, a QR code or a node safe to show on a terminal or in a
 * label: every character that a terminal or a text renderer would act on instead of showing is
 * replaced by a visible escape, so text cannot hide, overwrite or reorder what follows it.
 *
 * <p>Escaped: C0 controls (U+0000–U+001F, including ESC, which starts ANSI sequences such as
 * {@code ESC[8m} "conceal" and {@code ESC[2J} "clear screen", and {@code \r}, which returns to
 * the start of the line), DEL (U+007F), C1 controls (U+0080–U+009F, including CSI U+009B), the
 * line and paragraph separators U+2028/U+2029, and every format character (Unicode general
 * category Cf: the bidirectional embeddings and overrides U+202A–U+202E, the isolates
 * U+2066–U+2069, the marks U+200E/U+200F/U+061C, zero-width characters U+200B–U+200D, U+2060,
 * U+FEFF, the soft hyphen U+00AD, tag characters, …), plus lone surrogates.
 *
 * <p>Escapes: {@code \xHH} below U+0100, <code>&#92;uHHHH</code> in the BMP, {@code \U00HHHHHH} above.
 * Backslashes are left as they are (file paths stay readable), so an escape in the output is not
 * proof that the input held a control character.
 */
public final class DisplayText {
    private DisplayText() {}

    /** {@code text} with every invisible or control character escaped, including {@code \n} and {@code \t}; {@code null} stays {@code null}. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * As {@link #escape(String)} but keeps {@code \n} (a line break the program itself put
     * between lines). {@code \r} is always escaped.
     */
    public static String escapeKeepingLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepNewlines) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            boolean unsafe = needsEscape(cp) && !(keepNewlines && cp == '\n');
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    if (cp < 0x100) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    /** Whether {@code cp} is one of the characters {@link #escape(String)} replaces. */
    public static boolean needsEscape(int cp) {
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029) {
            return true;
        }
        if (cp <= 0xffff && Character.isSurrogate((char) cp)) {
            return true;
        }
        return Character.getType(cp) == Character.FORMAT;
    }
}
