package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.account;
import static io.countersign.app.policy.PolicyTestbed.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.devchain.Anvil;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * `audit verify|export` over the journal that policy flows wrote (offline: a policy signed and
 * installed, a denied request, a request signed by two officers), then the SQLite file edited
 * behind the journal's back with raw JDBC (triggers dropped, one payload changed).
 */
class AuditCliTest {
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");

    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).env(PolicyTestbed.MNEMONIC_VAR, Anvil.MNEMONIC).global("--json");
    }

    Path offlineTransfer(String name, String wei, String nonce) {
        Path out = dir.resolve(name);
        List<String> owners = List.of(account(5).toString(), account(6).toString(), account(7).toString());
        CliRunner.Result p = cli().run("safe", "propose", "--offline", "--safe", SAFE.toString(), "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", wei, "--chain-id", "31337", "--safe-version", "1.4.1",
                "--owners", String.join(",", owners), "--threshold", "2", "--nonce", nonce, "--out", out.toString());
        assertEquals(0, p.code(), p.toString());
        return out;
    }

    CliRunner.Result sign(Path req, int owner) {
        return cli().run("safe", "sign", req.toString(), "--offline", "--signer", PolicyTestbed.signer(owner), "--path", path(owner).toString());
    }

    @Test
    void verifyAndExportEveryEntryThenATamperedPayloadIsFoundAtItsSequence() throws Exception {
        Path bundle = PolicyTestbed.signedBundle(cli(), dir, "audit", PolicyTestbed.policyYaml(1, SAFE,
                "  - {id: eth-limits, kind: limit, asset: native, perTransaction: \"10\", perDay: \"8\"}\n"), 10, 11);
        assertEquals(0, cli().run("policy", "install", bundle.toString()).code());
        assertEquals(3, sign(offlineTransfer("audit-deny.json", "9000000000000000000", "0"), 5).code());
        Path ok = offlineTransfer("audit-ok.json", "1000000000000000000", "0");
        assertEquals(0, sign(ok, 5).code());
        assertEquals(0, sign(ok, 6).code());

        CliRunner.Result verify = cli().run("audit", "verify");
        assertEquals(0, verify.code(), verify.toString());
        JsonNode v = verify.json();
        assertTrue(v.get("ok").asBoolean());
        long entries = v.get("entries").asLong();
        assertTrue(v.get("head").asString().matches("[0-9a-f]{64}"), v.toString());

        // JSON export: every entry, in sequence, the kinds these flows write
        CliRunner.Result json = cli().run("audit", "export", "--format", "json");
        assertEquals(0, json.code(), json.toString());
        JsonNode all = json.json().get("entries"); // --json: one object holding the export
        assertEquals(entries, all.size());
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).get("sequence").asLong());
            kinds.add(all.get(i).get("kind").asString());
        }
        // 2 admin signatures of the bundle, the install; the denied request: proposed (REQUEST), REQUEST + DECISION;
        // the allowed one: proposed, then twice REQUEST + DECISION + SIGNATURE
        assertEquals(List.of("SIGNATURE", "SIGNATURE", "POLICY_INSTALL", "REQUEST", "REQUEST", "DECISION", "REQUEST",
                "REQUEST", "DECISION", "SIGNATURE", "REQUEST", "DECISION", "SIGNATURE"), kinds);
        assertEquals(all.get(all.size() - 1).get("entryHash").asString(), v.get("head").asString());
        long denySequence = all.get(5).get("sequence").asLong();
        assertEquals("deny", all.get(5).get("payload").get("decision").asString());
        assertEquals(List.of("allow", "allow"), List.of(all.get(8).get("payload").get("decision").asString(),
                all.get(11).get("payload").get("decision").asString()));

        // CSV export: a header and one record per entry (RFC 4180: quoted payloads may hold commas)
        CliRunner.Result csv = cli().run("audit", "export", "--format", "csv");
        assertEquals(0, csv.code(), csv.toString());
        List<List<String>> records = Csv.parse(csv.json().get("csv").asString());
        assertEquals(List.of("sequence", "time", "kind", "payload", "previous_hash", "entry_hash"), records.getFirst());
        assertEquals(entries + 1, records.size());
        for (int i = 1; i < records.size(); i++) {
            assertEquals(Long.toString(i), records.get(i).get(0));
            assertEquals(kinds.get(i - 1), records.get(i).get(2));
            assertEquals(all.get(i - 1).get("payload"), new ObjectMapper().readTree(records.get(i).get(3)));
        }

        // behind the journal's back: drop the append-only trigger and turn the denial into an allow
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve("journal.sqlite"));
                Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER journal_no_update");
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE journal SET payload = replace(payload, '\"decision\":\"deny\"', '\"decision\":\"allow\"') WHERE sequence = ?")) {
                u.setLong(1, denySequence);
                assertEquals(1, u.executeUpdate());
            }
            try (ResultSet rs = s.executeQuery("SELECT payload FROM journal WHERE sequence = " + denySequence)) {
                assertTrue(rs.next() && rs.getString(1).contains("\"decision\":\"allow\""), "the edit applied");
            }
        }

        CliRunner.Result tampered = cli().run("audit", "verify");
        assertEquals(1, tampered.code(), tampered.toString());
        JsonNode t = tampered.json();
        assertEquals(denySequence, t.get("firstBadSequence").asLong(), t.toString());
        assertEquals("hash_mismatch", t.get("reason").asString());
        assertEquals(denySequence - 1, t.get("entries").asLong(), "the entries before it are good");
        assertTrue(tampered.err().contains("entry " + denySequence), tampered.err());

        // an export is evidence: still every row, the edited one as it now stands
        JsonNode after = cli().run("audit", "export", "--format", "json").json().get("entries");
        assertEquals(entries, after.size());
        assertEquals("allow", after.get((int) denySequence - 1).get("payload").get("decision").asString());
    }

    /** A minimal RFC 4180 reader: records separated by CRLF, fields by commas, quoted fields with "" for a quote. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    i++;
                } else {
                    field.append(ch);
                }
            }
            if (!record.isEmpty() || field.length() > 0) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
