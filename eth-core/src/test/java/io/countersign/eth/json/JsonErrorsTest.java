package io.countersign.eth.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.countersign.eth.EthException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each way a hand-carried JSON file can be malformed gives one line in the reader's terms with
 * the line and column (counted by hand in each input below) and no parser class or option names.
 */
class JsonErrorsTest {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    static String error(String text) {
        return error(text.getBytes(StandardCharsets.UTF_8));
    }

    static String error(byte[] bytes) {
        String m = assertThrows(EthException.InvalidInputException.class, () -> JsonErrors.readTree(JSON, "pay.json", bytes)).getMessage();
        assertFalse(m.contains("\n"), m);
        for (String internal : new String[] {"Jackson", "jackson", "JsonToken", "StreamReadFeature", "REDACTED", "Exception", "`", "marker", "code 1"}) {
            assertFalse(m.contains(internal), "leaks \"" + internal + "\": " + m);
        }
        return m;
    }

    @Test
    void truncatedInsideAnObjectAnArrayAndAString() {
        // 31 characters: the file ends just after them, at column 32
        assertEquals("pay.json: not valid JSON: the file ends inside an object (a '}' is missing) (line 1, column 32)",
                error("{\"kind\":\"safe-tx\",\"chainId\":\"1\""));
        assertEquals("pay.json: not valid JSON: the file ends inside an array (a ']' is missing) (line 3, column 4)",
                error("{\"owners\": [\n  1,\n  2"));
        assertEquals("pay.json: not valid JSON: the file ends inside a string (a closing '\"' is missing) (line 2, column 11)",
                error("{\n \"a\": \"abc"));
    }

    @Test
    void unexpectedCharacters() {
        assertEquals("pay.json: not valid JSON: unexpected 'x' where a value should be (a string in double quotes, a number, "
                + "true, false, null, an object or an array) (line 2, column 7)", error("{\n \"a\": x}"));
        assertEquals("pay.json: not valid JSON: expected a field name in double quotes, found ''' (line 1, column 2)",
                error("{'a': 1}"));
        assertEquals("pay.json: not valid JSON: expected ',' or '}' after a field, found '\"' (line 2, column 3)",
                error("{\"a\": 1\n  \"b\": 2}"));
        assertEquals("pay.json: not valid JSON: expected ',' or ']' after an array item, found '3' (line 1, column 7)",
                error("[1, 2 3]"));
        assertEquals("pay.json: not valid JSON: expected ':' after the field name, found '1' (line 1, column 6)",
                error("{\"a\" 1}"));
        assertEquals("pay.json: not valid JSON: a control character inside a string (write it as \\n, \\t or \\u00XX) (line 1, column 8)",
                error("{\"a\": \"\u0001\"}"));
    }

    @Test
    void trailingGarbage() {
        assertEquals("pay.json: not valid JSON: more text after the end of the JSON value (a file holds exactly one) (line 1, column 10)",
                error("{\"a\": 1} {\"b\": 2}"));
        assertEquals("pay.json: not valid JSON: unexpected '}' that closes nothing (line 1, column 9)",
                error("{\"a\": 1}}"));
    }

    @Test
    void emptyFile() {
        assertEquals("pay.json: not valid JSON: the file is empty", error(""));
        assertEquals("pay.json: not valid JSON: the file is empty", error(" \n\t\n"));
    }

    @Test
    void notUtf8() {
        byte[] latin1 = "{\n  \"description\": \"caf\u00e9\"\n}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("pay.json: not UTF-8 text: byte 0xE9 cannot start or continue a UTF-8 character; save the file as UTF-8 (line 2, column 22)",
                error(latin1));
        byte[] utf16 = "{}".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        assertEquals("pay.json: not UTF-8 text: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
                error(withBom));
    }

    @Test
    void yamlWhereJsonIsExpected() {
        assertEquals("pay.json: not valid JSON: this looks like YAML (it starts with \"version: 1\"), not JSON; give the JSON file (line 2, column 1)",
                error("# treasury policy\nversion: 1\nname: ops\n"));
        assertEquals("pay.json: not valid JSON: this looks like YAML (it starts with \"---\"), not JSON; give the JSON file (line 1, column 1)",
                error("---\nversion: 1\n"));
    }

    record Typed(int threshold, String safe) {}

    @Test
    void wrongTypeForAField() {
        String m = assertThrows(EthException.InvalidInputException.class,
                () -> {
                    String text = "{\"safe\": \"0x1\",\n \"threshold\": \"two\"}";
                    try {
                        JSON.readValue(text, Typed.class);
                    } catch (tools.jackson.core.JacksonException e) {
                        throw new EthException.InvalidInputException("req.json: " + JsonErrors.describe(e, text));
                    }
                }).getMessage();
        assertEquals("req.json: threshold: expected a whole number, found the text \"two\" (line 2, column 15)", m);
    }

    @Test
    void fieldErrorsPointAtTheFieldOrItsParent() {
        String text = "{\n  \"tx\": {\n    \"to\": true,\n    \"nonce\": \"1\"\n  },\n  \"signatures\": [ {}, { \"signer\": 5 } ]\n}";
        assertEquals("r.json: tx.to: expected an address (line 3, column 11)",
                JsonErrors.fieldError(JSON, "r.json", text, "tx.to", "expected an address").getMessage());
        assertEquals("r.json: signatures[1].signer: expected an address (line 6, column 35)",
                JsonErrors.fieldError(JSON, "r.json", text, "signatures[1].signer", "expected an address").getMessage());
        // a missing field: the object that should hold it
        assertEquals("r.json: tx.value: is missing (line 2, column 9)",
                JsonErrors.fieldError(JSON, "r.json", text, "tx.value", "is missing").getMessage());
    }
}
