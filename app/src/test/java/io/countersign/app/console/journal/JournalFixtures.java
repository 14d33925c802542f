package io.countersign.app.console.journal;

import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Journals for the Journal screen's tests, bulk-inserted in one transaction (100,000 entries in
 * seconds, not one fsync each) with hashes computed here from the documented preimage. Entries come in threes per request, as a signing session writes them:
 * {@code REQUEST}, {@code DECISION} (allow, deny or require-approval in turn) and, for an allowed
 * one, a {@code SIGNATURE} with the {@code policySpend} the rolling limits count
 * ({@code policy.JournalSpendLedger.payload}'s shape); the others get a {@code BROADCAST}.
 */
final class JournalFixtures {
    static final String SAFE_A = "0xEf74c0473590c8418897F6748a2dD43677d1153D";
    static final String SAFE_B = "0x16bA0A1fd03CfE3Bd1a2E8AE32B6b0b7aBe1dA2C";
    static final String SIGNER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private JournalFixtures() {}

    static String hash(long i) {
        return "0x" + String.format("%064x", i);
    }

    static String decisionOf(long request) {
        return switch ((int) (request % 3)) {
            case 0 -> "allow";
            case 1 -> "deny";
            default -> "require-approval";
        };
    }

    /** One stored row, as the fixture computed it. */
    record Row(long sequence, Instant instant, String time, String kind, String payload, String entryHash) {}

    private static final tools.jackson.databind.ObjectMapper JSON = new tools.jackson.databind.ObjectMapper();

    /**
     * Writes {@code entries} entries to {@code file} (a new journal whose schema {@link AuditJournal#open}
     * creates): one JDBC batch in one transaction, each row's hash computed here from the preimage
     * {@link AuditJournal} documents (domain line, sequence, time, kind, previous hash, canonical
     * JSON). An error in that computation makes the screen's Verify fail at entry 1. Requests
     * alternate between {@link #SAFE_A} and {@link #SAFE_B}; an allowed request spends 0.5 ETH.
     *
     * @return every row written, in sequence order
     */
    static java.util.List<Row> write(Path file, int entries, Instant start, Duration step) {
        AuditJournal.open(file).close();
        java.time.format.DateTimeFormatter timeFormat = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            c.setAutoCommit(false);
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.util.HexFormat hex = java.util.HexFormat.of();
            byte[] previous = new byte[32];
            java.util.List<Row> rows = new java.util.ArrayList<>(entries);
            Instant time = start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO journal (sequence, time, kind, payload, "
                    + "previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (long seq = 1; seq <= entries; seq++) {
                    long request = (seq - 1) / 3;
                    var kindAndPayload = entry(request, (int) ((seq - 1) % 3));
                    String payload = JSON.writeValueAsString(kindAndPayload.getValue());
                    String t = timeFormat.format(time);
                    String preimage = "countersign-journal/1\n" + seq + "\n" + t + "\n" + kindAndPayload.getKey().name() + "\n"
                            + hex.formatHex(previous) + "\n" + payload;
                    byte[] hash = sha.digest(preimage.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    insert.setLong(1, seq);
                    insert.setString(2, t);
                    insert.setString(3, kindAndPayload.getKey().name());
                    insert.setString(4, payload);
                    insert.setBytes(5, previous);
                    insert.setBytes(6, hash);
                    insert.addBatch();
                    previous = hash;
                    rows.add(new Row(seq, time, t, kindAndPayload.getKey().name(), payload, hex.formatHex(hash)));
                    time = time.plus(step);
                }
                insert.executeBatch();
            }
            c.commit();
            return rows;
        } catch (java.sql.SQLException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code index}-th entry (0, 1, 2) of request {@code request}: its kind and payload, keys sorted (canonical JSON). */
    private static Map.Entry<EntryKind, Map<String, Object>> entry(long request, int index) {
        String h = hash(request);
        String safe = request % 2 == 0 ? SAFE_A : SAFE_B;
        String decision = decisionOf(request);
        Map<String, Object> p = new java.util.TreeMap<>();
        p.put("safeTxHash", h);
        switch (index) {
            case 0 -> {
                p.put("chainId", "1");
                p.put("safe", safe);
                p.put("nonce", Long.toString(request));
                return Map.entry(EntryKind.REQUEST, p);
            }
            case 1 -> {
                p.put("step", "sign");
                p.put("decision", decision);
                p.put("policy", "v1");
                return Map.entry(EntryKind.DECISION, p);
            }
            default -> {
                if (decision.equals("allow")) {
                    p.put("signer", SIGNER);
                    p.put("method", "eip712");
                    Map<String, Object> spend = new java.util.TreeMap<>();
                    spend.put("chainId", "1");
                    spend.put("safe", safe);
                    spend.put("safeTxHash", h);
                    spend.put("assets", new java.util.TreeMap<>(Map.of("native", "500000000000000000")));
                    p.put("policySpend", spend);
                    return Map.entry(EntryKind.SIGNATURE, p);
                }
                p.put("txHash", hash(request + 1_000_000));
                p.put("success", false);
                return Map.entry(EntryKind.BROADCAST, p);
            }
        }
    }
}
