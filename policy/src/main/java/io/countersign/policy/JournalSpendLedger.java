package io.countersign.policy;

import io.countersign.eth.Address;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Spend so far, from the audit journal: the entries since the window start whose payload carries a
 * {@code policySpend} object (written with {@link #payload}), counted once per {@code safeTxHash}
 * however many officers signed it. Those entries are the {@link EntryKind#SIGNATURE} entries and
 * the reservations: {@link EntryKind#DECISION} entries with a {@code policySpend}, written in the
 * same write transaction that decided on them, before any device is asked. A reservation stops
 * counting only when a {@link EntryKind#RELEASE} entry names its sequence ({@code reservation});
 * one left open by a crash keeps counting (over-counting, never under-counting).
 */
public final class JournalSpendLedger implements SpendLedger {
    private final AuditJournal journal;
    private final String excludedSafeTxHash;

    public JournalSpendLedger(AuditJournal journal) {
        this(journal, "");
    }

    private JournalSpendLedger(AuditJournal journal, String excludedSafeTxHash) {
        this.journal = journal;
        this.excludedSafeTxHash = excludedSafeTxHash.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * This ledger without the spend recorded for {@code safeTxHash}: the ledger for deciding on
     * that very request again (a second officer's signature, the execution), whose own spend the
     * gate adds itself and must not count twice.
     *
     * @param safeTxHash {@code 0x} + 64 hex, any case
     */
    public JournalSpendLedger excluding(String safeTxHash) {
        return new JournalSpendLedger(journal, safeTxHash);
    }

    /**
     * The {@code policySpend} value the app puts in a SIGNATURE entry's payload:
     * {@code {"chainId": "1", "safe": "0x…", "safeTxHash": "0x…", "assets": {"native": "wei", "0xToken": "base units"}}}.
     */
    public static Map<String, Object> payload(BigInteger chainId, Address safe, String safeTxHash, Decision decision) {
        Map<String, String> assets = new LinkedHashMap<>();
        decision.spend().forEach((a, v) -> assets.put(a.key(), v.toString()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chainId", chainId.toString());
        out.put("safe", safe.toString());
        out.put("safeTxHash", safeTxHash);
        out.put("assets", assets);
        return out;
    }

    @Override
    public BigInteger spentSince(BigInteger chainId, Address safe, Asset asset, Instant since) {
        BigInteger total = BigInteger.ZERO;
        Set<String> seen = new HashSet<>();
        Set<Long> released = new HashSet<>();
        for (JournalEntry r : journal.since(EntryKind.RELEASE, since)) {
            JsonNode n = r.payload().path("reservation");
            if (n.isIntegralNumber()) {
                released.add(n.asLong());
            }
        }
        java.util.List<JournalEntry> counted = new java.util.ArrayList<>(journal.since(EntryKind.SIGNATURE, since));
        for (JournalEntry d : journal.since(EntryKind.DECISION, since)) {
            if (!released.contains(d.sequence())) {
                counted.add(d);
            }
        }
        for (JournalEntry e : counted) {
            JsonNode s = e.payload().path("policySpend");
            String hash = s.path("safeTxHash").asString("").toLowerCase(java.util.Locale.ROOT);
            if (!s.isObject() || hash.equals(excludedSafeTxHash) || !chainId.toString().equals(s.path("chainId").asString(""))
                    || !safe.toString().equalsIgnoreCase(s.path("safe").asString(""))
                    || !seen.add(hash)) {
                continue;
            }
            String amount = s.path("assets").path(asset.key()).asString("");
            if (!amount.isEmpty()) {
                total = total.add(new BigInteger(amount));
            }
        }
        return total;
    }
}
