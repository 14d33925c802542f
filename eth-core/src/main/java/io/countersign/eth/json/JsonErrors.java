package io.countersign.eth.json;

import io.countersign.eth.EthException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads JSON that a person handed over (request files, policy bundles, Transaction Builder and
 * Transaction Service files) and turns every way it can be malformed into one line in the
 * reader's terms, with the line and column where it went wrong and no parser internals:
 *
 * <pre>pay.json: not valid JSON: the file ends inside an object (line 1, column 32)</pre>
 *
 * <p>Lines and columns count from 1; a column counts characters (not bytes) of the UTF-8 text.
 * For "the file ends …" the position is just after the last character. Syntax follows RFC 8259;
 * the text must be UTF-8 (RFC 8259 section 8.1), a leading byte order mark is ignored.
 *
 * <p>Every method throws {@link EthException.InvalidInputException}, whose message is the whole
 * line; {@link #line} builds the same shape for other formats (the policy reader's YAML).
 */
public final class JsonErrors {
    private JsonErrors() {}

    /**
     * Decodes {@code bytes} as UTF-8 and parses them as one JSON value.
     *
     * @param name what to call the input at the start of a message (a file name), or null for none
     * @throws EthException.InvalidInputException if the bytes are not UTF-8, are empty, or are not
     *     one JSON value; the message has the line and column
     */
    public static JsonNode readTree(ObjectMapper mapper, String name, byte[] bytes) {
        return readTree(mapper, name, utf8(name, bytes));
    }

    /** As {@link #readTree(ObjectMapper, String, byte[])} for text already decoded. */
    public static JsonNode readTree(ObjectMapper mapper, String name, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new EthException.InvalidInputException(prefix(name) + "not valid JSON: the file is empty");
        }
        try {
            return mapper.readTree(text);
        } catch (JacksonException e) {
            throw new EthException.InvalidInputException(prefix(name) + describe(e, text), e);
        }
    }

    /**
     * Strict UTF-8 decoding: a byte sequence that is not UTF-8 is an error naming the first bad
     * byte and where it is, never a replacement character.
     *
     * @throws EthException.InvalidInputException {@code "NAME: not UTF-8 text: byte 0xFF … (line L, column C)"}
     */
    public static String utf8(String name, byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new EthException.InvalidInputException(prefix(name) + "not UTF-8 text: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int[] lc = lineColumn(before, before.length());
            throw new EthException.InvalidInputException(prefix(name) + "not UTF-8 text: byte "
                    + String.format(Locale.ROOT, "0x%02X", bytes[in.position()] & 0xFF)
                    + " cannot start or continue a UTF-8 character; save the file as UTF-8" + at(lc[0], lc[1]));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /**
     * The one-line description of a Jackson failure over {@code text} (the text it parsed), without
     * a name: {@code "not valid JSON: <what> (line L, column C)"}, or for a value of the wrong shape
     * {@code "<field path>: <what> (line L, column C)"}.
     */
    public static String describe(JacksonException e, String text) {
        TokenStreamLocation loc = e.getLocation();
        int line = loc == null ? -1 : loc.getLineNr();
        int column = loc == null ? -1 : loc.getColumnNr();
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof MismatchedInputException m) {
            return mismatch(m, message, line, column);
        }
        if (depthAt(text, line, column) == 0 && looksLikeYaml(text)
                && (message.startsWith("Unrecognized token") || message.startsWith("Unexpected character"))) {
            return "not valid JSON: this looks like YAML (it starts with \"" + firstLine(text) + "\"), not JSON; give the JSON file"
                    + at(firstLineNumber(text), 1);
        }
        if (message.startsWith("Unrecognized token")) {
            Matcher m = Pattern.compile("Unrecognized token '(.*?)': was expecting").matcher(message);
            if (m.find()) {
                String token = m.group(1);
                int offset = offset(text, line, column);
                if (offset >= token.length() && !text.startsWith(token, offset) && text.startsWith(token, offset - token.length())) {
                    column -= token.length();
                }
                return "not valid JSON: unexpected '" + shorten(token) + "' where a value should be (a string in double quotes, "
                        + "a number, true, false, null, an object or an array)" + at(line, column);
            }
        }
        return "not valid JSON: " + syntax(e, message, text, line, column) + at(line, column);
    }

    private static String syntax(JacksonException e, String message, String text, int line, int column) {
        if (e instanceof UnexpectedEndOfInputException || message.startsWith("Unexpected end-of-input")) {
            return switch (openAtEnd(text)) {
                case '"' -> "the file ends inside a string (a closing '\"' is missing)";
                case '{' -> "the file ends inside an object (a '}' is missing)";
                case '[' -> "the file ends inside an array (a ']' is missing)";
                default -> "the file ends too early";
            };
        }
        String found = found(text, line, column);
        if (message.contains("was expecting double-quote to start property name")) {
            return "expected a field name in double quotes, found " + found;
        }
        if (message.contains("was expecting a colon")) {
            return "expected ':' after the field name, found " + found;
        }
        if (message.contains("comma to separate Object entries")) {
            return "expected ',' or '}' after a field, found " + found;
        }
        if (message.contains("comma to separate Array entries")) {
            return "expected ',' or ']' after an array item, found " + found;
        }
        if (message.startsWith("Unexpected close marker")) {
            return "unexpected " + found + " that closes nothing";
        }
        if (message.contains("Leading zeroes")) {
            return "a number with a leading zero (JSON numbers cannot start with 0; quote it if it is text)";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character inside a string (write it as \\n, \\t or \\u00XX)";
        }
        if (message.startsWith("Unrecognized character escape")) {
            return "an unknown escape inside a string (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
        }
        if (message.startsWith("Duplicate Object property") || message.startsWith("Duplicate field")) {
            Matcher m = Pattern.compile("\"(.*)\"").matcher(message);
            return "the field " + (m.find() ? "\"" + shorten(m.group(1)) + "\" " : "") + "appears twice in one object";
        }
        if (e instanceof StreamReadException && message.contains("Numeric value") && message.contains("out of range")) {
            return "a number too large for this field";
        }
        return "unexpected " + found;
    }

    private static String mismatch(MismatchedInputException m, String message, int line, int column) {
        if (message.startsWith("Trailing token")) {
            return "not valid JSON: more text after the end of the JSON value (a file holds exactly one)" + at(line, column);
        }
        String path = path(m);
        String what;
        if (message.startsWith("Missing required creator property") || message.startsWith("Missing required property")) {
            Matcher p = Pattern.compile("property '([^']*)'").matcher(message);
            String field = p.find() ? p.group(1) : "a field";
            return (path.isEmpty() ? "" : path + ": ") + "the field \"" + field + "\" is missing" + at(line, column);
        }
        if (message.startsWith("Cannot deserialize value of type")) {
            Matcher t = Pattern.compile("of type `([^`]*)`").matcher(message);
            String type = t.find() ? t.group(1) : "";
            what = "expected " + expected(type) + ", found " + foundKind(message);
        } else if (message.startsWith("Unrecognized property") || message.startsWith("Unrecognized field")) {
            what = "a field this file format does not have";
        } else {
            what = "a value of the wrong kind";
        }
        return (path.isEmpty() ? "" : path + ": ") + what + at(line, column);
    }

    private static String expected(String javaType) {
        String t = javaType.replaceAll(".*[.$]", "").toLowerCase(Locale.ROOT);
        return switch (t) {
            case "int", "integer", "long", "short", "byte", "biginteger" -> "a whole number";
            case "double", "float", "bigdecimal" -> "a number";
            case "boolean" -> "true or false";
            case "string" -> "a string";
            default -> t.startsWith("list") || t.endsWith("[]") || t.startsWith("set") ? "an array"
                    : t.startsWith("map") ? "an object" : "an object";
        };
    }

    private static String foundKind(String message) {
        if (message.contains("from String")) {
            Matcher m = Pattern.compile("from String (\"[^\"]*\")").matcher(message);
            return m.find() ? "the text " + shorten(m.group(1)) : "a string";
        }
        if (message.contains("from Array")) {
            return "an array";
        }
        if (message.contains("from Object")) {
            return "an object";
        }
        if (message.contains("from Boolean")) {
            return "true or false";
        }
        if (message.contains("from Floating-point")) {
            return "a number with a fraction";
        }
        if (message.contains("from Integer")) {
            return "a number";
        }
        if (message.contains("from Null")) {
            return "null";
        }
        return "something else";
    }

    /** The field path of a mismatch in the officer's notation: {@code tx.to}, {@code signatures[1].signer}. */
    private static String path(MismatchedInputException m) {
        StringBuilder b = new StringBuilder();
        for (JacksonException.Reference r : m.getPath()) {
            if (r.getPropertyName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /**
     * Where the value at {@code pointer} (RFC 6901, e.g. {@code /tx/to}) starts in {@code text}, as
     * {@code {line, column}}; for a missing member, where its closest present parent starts. Null
     * when the text does not parse. For messages about a field's value: "tx.to: … (line 5, column 11)".
     */
    public static int[] locate(ObjectMapper mapper, String text, String pointer) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int[] best = null;
        int bestLength = -1;
        try (JsonParser p = mapper.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.PROPERTY_NAME || t.isStructEnd()) {
                    continue;
                }
                String here = p.streamReadContext().pathAsPointer().toString();
                if (t.isStructStart()) {
                    here = p.streamReadContext().getParent() == null ? "" : p.streamReadContext().getParent().pathAsPointer().toString();
                }
                if ((pointer.equals(here) || pointer.startsWith(here + "/") || here.isEmpty()) && here.length() > bestLength) {
                    TokenStreamLocation l = p.currentTokenLocation();
                    best = new int[] {l.getLineNr(), l.getColumnNr()};
                    bestLength = here.length();
                    if (here.equals(pointer)) {
                        return best;
                    }
                }
            }
        } catch (JacksonException e) {
            return null;
        }
        return best;
    }

    /**
     * A field-level error about an already parsed document, with where the field is:
     * {@code "NAME: tx.value: <problem> (line L, column C)"}.
     *
     * @param field the field in dotted form ({@code tx.value}, {@code signatures[1].signer})
     */
    public static EthException.InvalidInputException fieldError(ObjectMapper mapper, String name, String text, String field, String problem) {
        int[] lc = locate(mapper, text, pointer(field));
        return new EthException.InvalidInputException(prefix(name) + field + ": " + problem + (lc == null ? "" : at(lc[0], lc[1])));
    }

    /** {@code tx.to} → {@code /tx/to}; {@code signatures[1].signer} → {@code /signatures/1/signer} (RFC 6901). */
    public static String pointer(String field) {
        StringBuilder b = new StringBuilder();
        for (String part : field.split("\\.")) {
            Matcher m = Pattern.compile("([^\\[]*)((?:\\[\\d+])*)").matcher(part);
            if (!m.matches()) {
                b.append('/').append(part.replace("~", "~0").replace("/", "~1"));
                continue;
            }
            if (!m.group(1).isEmpty()) {
                b.append('/').append(m.group(1).replace("~", "~0").replace("/", "~1"));
            }
            Matcher i = Pattern.compile("\\[(\\d+)]").matcher(m.group(2));
            while (i.find()) {
                b.append('/').append(i.group(1));
            }
        }
        return b.toString();
    }

    /** How a JSON value reads in a message: "an object", "an array", "a number", "true", "null", "a string". */
    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "true" : "false";
        }
        if (node.isNull()) {
            return "null";
        }
        return "a string";
    }

    /**
     * The shared shape of every such message: {@code "NAME: not valid FORMAT: PROBLEM (line L, column C)"}
     * (no position when {@code line < 1}).
     */
    public static String line(String name, String format, String problem, int line, int column) {
        return prefix(name) + "not valid " + format + ": " + problem + at(line, column);
    }

    private static String prefix(String name) {
        return name == null || name.isEmpty() ? "" : name + ": ";
    }

    private static String at(int line, int column) {
        return line < 1 ? "" : " (line " + line + ", column " + Math.max(column, 1) + ")";
    }

    /** The character at a 1-based line and column as a message shows it. */
    private static String found(String text, int line, int column) {
        int offset = offset(text, line, column);
        if (offset < 0 || offset >= text.length()) {
            return "the end of the file";
        }
        int cp = text.codePointAt(offset);
        if (cp == '\n' || cp == '\r') {
            return "the end of the line";
        }
        if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
            return String.format(Locale.ROOT, "the control character U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    private static int offset(String text, int line, int column) {
        if (line < 1 || column < 1) {
            return -1;
        }
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) {
                return -1;
            }
            offset = nl + 1;
        }
        return offset + column - 1;
    }

    /** What is still open at the end of the text: '"' a string, '{' an object, '[' an array, 0 nothing. */
    private static char openAtEnd(String text) {
        Open open = scan(text, text.length());
        return open.inString() ? '"' : open.containers().isEmpty() ? 0 : open.containers().peek();
    }

    /** How many objects/arrays are open at a position (strings skipped), to tell leading from trailing text. */
    private static int depthAt(String text, int line, int column) {
        int end = offset(text, line, column);
        return scan(text, end < 0 ? text.length() : Math.min(end, text.length())).containers().size();
    }

    /** The objects/arrays open (innermost first) and whether a string is open, after {@code text[0, end)}. */
    private record Open(java.util.ArrayDeque<Character> containers, boolean inString) {}

    private static Open scan(String text, int end) {
        java.util.ArrayDeque<Character> open = new java.util.ArrayDeque<>();
        boolean inString = false;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                open.push(c);
            } else if ((c == '}' || c == ']') && !open.isEmpty()) {
                open.pop();
            }
        }
        return new Open(open, inString);
    }

    private static final Pattern YAML_START = Pattern.compile("(---|%YAML|[A-Za-z_][A-Za-z0-9_.-]*\\s*:(\\s|$)|-\\s+\\S).*");

    private static boolean looksLikeYaml(String text) {
        return YAML_START.matcher(firstLine(text)).matches();
    }

    private static String firstLine(String text) {
        for (String l : text.split("\\R")) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                return shorten(s);
            }
        }
        return "";
    }

    private static int firstLineNumber(String text) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                return i + 1;
            }
        }
        return 1;
    }

    private static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(40).forEach(cp -> b.append(Character.isISOControl(cp) ? "?" : new String(Character.toChars(cp))));
        return s.codePointCount(0, s.length()) > 40 ? b + "…" : b.toString();
    }

    private static int[] lineColumn(String before, int end) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < end; i++) {
            if (before.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
