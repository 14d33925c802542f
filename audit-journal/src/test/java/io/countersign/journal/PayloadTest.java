package io.countersign.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class PayloadTest {

    @TempDir
    Path dir;

    private long rows(Path file) throws SQLException {
        try (RawDb raw = RawDb.open(file)) {
            return raw.count();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnemonic", "privateKey", "private_key", "SEED", "passphrase", "secret-hex", "shares"})
    void secretNamedPropertiesAreRefusedAtAnyDepth(String name) throws SQLException {
        Path file = dir.resolve("j.db");
        try (AuditJournal journal = AuditJournal.open(file)) {
            InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> journal.append(
                    EntryKind.RECOVERY_CEREMONY, Map.of("groups", List.of(Map.of(name, "abandon")))));
            assertTrue(e.getMessage().contains("$.groups[0]." + name), e.getMessage());
        }
        assertEquals(0, rows(file));
    }

    @Test
    void descriptionsOfSecretsAreAllowed() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            JournalEntry e = journal.append(EntryKind.RECOVERY_CEREMONY,
                    Map.of("shareCount", 5, "groupThreshold", 2, "seedFingerprint", "a1b2"));
            assertEquals("{\"groupThreshold\":2,\"seedFingerprint\":\"a1b2\",\"shareCount\":5}", e.payloadJson());
        }
    }

    @Test
    void nonFiniteNumbersAreRefused() throws SQLException {
        Path file = dir.resolve("j.db");
        try (AuditJournal journal = AuditJournal.open(file)) {
            InvalidPayloadException e = assertThrows(InvalidPayloadException.class,
                    () -> journal.append(EntryKind.DECISION, Map.of("ratio", Double.NaN)));
            assertTrue(e.getMessage().contains("$.ratio"), e.getMessage());
        }
        assertEquals(0, rows(file));
    }

    @Test
    void payloadMustBeAnObject() {
        JsonMapper mapper = JsonMapper.builder().build();
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            InvalidPayloadException e = assertThrows(InvalidPayloadException.class,
                    () -> journal.append(EntryKind.REQUEST, mapper.readTree("[1,2]")));
            assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
        }
    }

    @Test
    void jsonNodePayloadIsCanonicalisedAndReadBack() {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode node = (ObjectNode) mapper.readTree("{ \"b\" : [ 3, { \"y\":1, \"x\":2 } ], \"a\" : \"\u00e9\" }");
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            JournalEntry e = journal.append(EntryKind.POLICY_INSTALL, node);
            assertEquals("{\"a\":\"\u00e9\",\"b\":[3,{\"x\":2,\"y\":1}]}", e.payloadJson());
            assertEquals(node, e.payload());
        }
    }

    @Test
    void keysSortByUtf16CodeUnits() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            JournalEntry e = journal.append(EntryKind.REQUEST, Map.of("b", 1, "B", 2, "a", 3, "_", 4));
            assertEquals("{\"B\":2,\"_\":4,\"a\":3,\"b\":1}", e.payloadJson());
        }
    }
}
