package io.countersign.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.countersign.app.CliRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request file, a policy bundle or a policy draft that is not well-formed gives one line on
 * stderr in the officer's terms, with the line and column, and no parser class names (the real
 * command line, offline). Every line and column below was counted by hand in the text.
 */
class MalformedFilesCliTest {
    static final String SAFE = "0xEf74c0473590c8418897F6748a2dD43677d1153D";
    /** A valid request: 14 lines, the tx object opens at line 7, column 9. */
    static final String REQUEST = """
            {
              "version": 1,
              "kind": "safe-tx",
              "chainId": "1",
              "safe": "%s",
              "safeVersion": "1.4.1",
              "tx": {
                "to": "%s",
                "value": "1000",
                "data": "0x",
                "operation": 0,
                "nonce": "4"
              }
            }
            """.formatted(SAFE, SAFE);

    @TempDir
    Path dir;

    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir.resolve("data")).global("--offline");
    }

    /** Runs {@code safe hash} on the bytes and returns the error line (without "error: "). */
    String hashError(byte[] bytes) throws IOException {
        Path file = dir.resolve("pay.json");
        Files.write(file, bytes);
        return error(file, cli.run("safe", "hash", file.toString()));
    }

    String hashError(String text) throws IOException {
        return hashError(text.getBytes(StandardCharsets.UTF_8));
    }

    static String error(Path file, CliRunner.Result r) {
        assertEquals(1, r.code(), r.toString());
        String err = r.err();
        assertFalse(err.strip().contains("\n"), "one line: " + err);
        for (String internal : new String[] {"Jackson", "jackson", "Exception", "StreamReadFeature", "REDACTED", "Source:", "marker",
                "snakeyaml", "\tat "}) {
            assertFalse(err.contains(internal), "leaks \"" + internal + "\": " + err);
        }
        String prefix = "error: " + file + ": ";
        assertEquals(prefix, err.substring(0, Math.min(err.length(), prefix.length())), err);
        return err.strip().substring(prefix.length());
    }

    @Test
    void theValidRequestHashes() {
        Path file = dir.resolve("ok.json");
        try {
            Files.writeString(file, REQUEST);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliRunner.Result r = cli.run("safe", "hash", file.toString());
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void truncatedInsideAnObjectAndInsideAString() throws IOException {
        String upToValue = REQUEST.substring(0, REQUEST.indexOf("\"data\""));
        // ends right after line 9's newline and the 4 spaces of line 10
        assertEquals("not valid JSON: the file ends inside an object (a '}' is missing) (line 10, column 5)", hashError(upToValue));
        String inTo = REQUEST.substring(0, REQUEST.indexOf("0xEf74", REQUEST.indexOf("\"to\"")) + 6);
        assertEquals("not valid JSON: the file ends inside a string (a closing '\"' is missing) (line 8, column 18)", hashError(inTo));
    }

    @Test
    void unexpectedCharacter() throws IOException {
        assertEquals("not valid JSON: unexpected ''' (line 9, column 14)", hashError(REQUEST.replace("\"1000\"", "'1000'")));
        assertEquals("not valid JSON: expected ',' or '}' after a field, found '\"' (line 10, column 5)",
                hashError(REQUEST.replace("\"1000\",", "\"1000\"")));
    }

    @Test
    void trailingGarbage() throws IOException {
        assertEquals("not valid JSON: more text after the end of the JSON value (a file holds exactly one) (line 15, column 1)",
                hashError(REQUEST + "{}\n"));
    }

    @Test
    void wrongTypeAndMissingField() throws IOException {
        assertEquals("tx.to: expected a string, found true (line 8, column 11)",
                hashError(REQUEST.replace("\"to\": \"" + SAFE + "\"", "\"to\": true")));
        assertEquals("tx.nonce is missing (line 7, column 9)",
                hashError(REQUEST.replace("\"operation\": 0,\n    \"nonce\": \"4\"", "\"operation\": 0")));
    }

    @Test
    void emptyFile() throws IOException {
        assertEquals("not valid JSON: the file is empty", hashError(""));
    }

    @Test
    void notUtf8() throws IOException {
        byte[] latin1 = REQUEST.replace("\"1000\"", "\"1000\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("not UTF-8 text: byte 0xE9 cannot start or continue a UTF-8 character; save the file as UTF-8 (line 9, column 19)",
                hashError(latin1));
    }

    @Test
    void yamlWhereJsonIsExpected() throws IOException {
        assertEquals("not valid JSON: this looks like YAML (it starts with \"version: 1\"), not JSON; give the JSON file (line 1, column 1)",
                hashError("version: 1\nname: treasury\n"));
    }

    @Test
    void truncatedPolicyBundle() throws IOException {
        Path file = dir.resolve("policy.bundle.json");
        Files.writeString(file, "{\n  \"format\": ");
        assertEquals("not valid JSON: the file ends inside an object (a '}' is missing) (line 2, column 13)",
                error(file, cli.run("policy", "install", file.toString())));
    }

    @Test
    void policyDraftThatIsNotYaml() throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "version: 1\nname: [ops\n");
        Path req = dir.resolve("ok.json");
        Files.writeString(req, REQUEST);
        String err = error(file, cli.run("policy", "check", req.toString(), "--policy", file.toString()));
        assertEquals("not valid YAML: expected ',' or ']', but got <stream end> while parsing a flow sequence (line 3, column 1)", err);
    }
}
