package io.countersign.journal;

import static io.countersign.journal.DocumentedHash.ZERO_HASH;
import static io.countersign.journal.DocumentedHash.entryHash;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {

    @TempDir
    Path dir;

    private AuditJournal journal;
    private String h1;
    private String h2;

    @BeforeEach
    void twoEntries() {
        MutableClock clock = new MutableClock("2026-03-01T09:30:00Z");
        journal = AuditJournal.open(dir.resolve("j.db"), clock);
        journal.append(EntryKind.REQUEST, Map.of("note", "pay \"Bob\", 5"));
        clock.set("2026-03-01T09:30:01.250Z");
        journal.append(EntryKind.SIGNATURE, Map.of("signer", "0x01"));
        h1 = entryHash(1, "2026-03-01T09:30:00.000Z", "REQUEST", ZERO_HASH, "{\"note\":\"pay \\\"Bob\\\", 5\"}");
        h2 = entryHash(2, "2026-03-01T09:30:01.250Z", "SIGNATURE", h1, "{\"signer\":\"0x01\"}");
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        journal.close();
    }

    @Test
    void csvIsRfc4180WithTheStoredCanonicalPayload() throws IOException {
        StringWriter out = new StringWriter();
        journal.export(ExportFormat.CSV, out);
        String expected = "sequence,time,kind,payload,previous_hash,entry_hash\r\n"
                + "1,2026-03-01T09:30:00.000Z,REQUEST,\"{\"\"note\"\":\"\"pay \\\"\"Bob\\\"\", 5\"\"}\"," + ZERO_HASH + "," + h1 + "\r\n"
                + "2,2026-03-01T09:30:01.250Z,SIGNATURE,\"{\"\"signer\"\":\"\"0x01\"\"}\"," + h1 + "," + h2 + "\r\n";
        assertEquals(expected, out.toString());
    }

    @Test
    void jsonEmbedsThePayloadVerbatim() throws IOException {
        StringWriter out = new StringWriter();
        journal.export(ExportFormat.JSON, out);
        String expected = "["
                + "{\"sequence\":1,\"time\":\"2026-03-01T09:30:00.000Z\",\"kind\":\"REQUEST\","
                + "\"payload\":{\"note\":\"pay \\\"Bob\\\", 5\"},\"previousHash\":\"" + ZERO_HASH + "\",\"entryHash\":\"" + h1 + "\"},"
                + "{\"sequence\":2,\"time\":\"2026-03-01T09:30:01.250Z\",\"kind\":\"SIGNATURE\","
                + "\"payload\":{\"signer\":\"0x01\"},\"previousHash\":\"" + h1 + "\",\"entryHash\":\"" + h2 + "\"}"
                + "]";
        assertEquals(expected, out.toString());
    }

    @Test
    void outputStreamGetsUtf8AndStaysOpen() throws IOException {
        journal.append(EntryKind.DECISION, Map.of("reason", "caf\u00e9"));
        StringWriter chars = new StringWriter();
        journal.export(ExportFormat.JSON, chars);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        journal.export(ExportFormat.JSON, bytes);
        bytes.write('!');
        assertEquals(chars + "!", bytes.toString(UTF_8));
    }
}
