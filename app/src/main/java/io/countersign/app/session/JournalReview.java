package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.journal.EntryKind;
import io.countersign.journal.ExportFormat;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;

/**
 * The journal as officers and auditors review it, shared by {@code countersign audit} and the
 * console's Journal screen: verification against every head kept elsewhere (with progress), the
 * entries as table rows (sequence, time, kind, Safe, safeTxHash, decision) with filters, export
 * to a file, and the daily figures a treasury reviews (signed spend per asset, decisions).
 *
 * <p>Payloads are read as written by this build ({@code docs/architecture.md}, "Journal entry
 * kinds"); a field that is absent or not text is shown as empty, never guessed. A tampered
 * payload is shown as stored: {@link #verify} is what says whether it can be trusted.
 */
public final class JournalReview {
    private final AppContext ctx;

    public JournalReview(AppContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The heads an officer gives: {@code SEQ:HASH} texts (as {@code audit verify} prints them) and
     * device checkpoint files written by {@code audit checkpoint --out}.
     *
     * @param heads       texts {@code SEQ:HASH}; {@code field} names them in errors
     * @param field       how the face calls the input, e.g. {@code "--head"} or {@code "the kept head"}
     * @param checkpoints checkpoint files; each signature is checked when read
     * @return the anchors, heads first, each with its source for messages
     * @throws CountersignException.Usage if a head is not {@code SEQ:HASH} with 64 hex characters
     */
    public static List<JournalAnchors.Anchor> givenAnchors(List<String> heads, String field, List<Path> checkpoints) {
        List<JournalAnchors.Anchor> given = new ArrayList<>();
        for (String h : heads) {
            given.add(new JournalAnchors.Anchor("the head given with " + field + " " + h, JournalAnchors.parseHead(h, field)));
        }
        for (Path f : checkpoints) {
            JournalAnchors.DeviceCheckpoint dc = JournalAnchors.readDeviceCheckpoint(f);
            given.add(new JournalAnchors.Anchor("the device checkpoint signed by " + dc.signer() + " (" + f + ")", dc.checkpoint()));
        }
        return given;
    }

    /**
     * Verifies the chain against {@code given} and every head recorded in the data folder, in one
     * walk ({@link JournalAnchors#verify(List, LongConsumer)}).
     *
     * @param progress entries checked so far, every 1,000 entries and at the end; called on this thread
     */
    public JournalAnchors.Report verify(List<JournalAnchors.Anchor> given, LongConsumer progress) {
        return new JournalAnchors(ctx).verify(given, progress);
    }

    /** Rows stored in the journal: the total for a progress bar. */
    public long count() {
        return ctx.journal().count();
    }

    /**
     * One journal entry as a table row.
     *
     * @param safe       the Safe the entry is about (its own {@code safe}, its {@code policySpend.safe},
     *                   or the Safe of the {@code REQUEST} with the same safeTxHash), or empty
     * @param safeTxHash {@code 0x} + 64 hex as written, or empty
     * @param decision   a {@code DECISION}'s outcome ({@code allow}, {@code deny}, {@code require-approval},
     *                   {@code require-timelock}), or empty
     */
    public record Row(long sequence, Instant time, EntryKind kind, String safe, String safeTxHash, String decision,
                      JournalEntry entry) {}

    /**
     * Which rows to show; every field optional (null).
     *
     * @param kind one kind
     * @param safe a Safe address (any case)
     * @param from first day, inclusive, in {@code zone}
     * @param to   last day, inclusive, in {@code zone}
     * @param zone the zone days are counted in (null: UTC)
     */
    public record Filter(EntryKind kind, Address safe, LocalDate from, LocalDate to, ZoneId zone) {
        public static final Filter ALL = new Filter(null, null, null, null, null);
    }

    /**
     * What the Journal screen shows, from one read of the journal (each payload parsed once).
     *
     * @param rows      the entries that match the filter, oldest first
     * @param safes     every Safe named in a {@code REQUEST} entry, sorted
     * @param spend     {@link #signedSpendPerDay} over the whole journal
     * @param decisions {@link #decisionsPerDay} over the whole journal
     */
    public record Overview(List<Row> rows, List<String> safes, SortedMap<LocalDate, Map<String, BigDecimal>> spend,
                           SortedMap<LocalDate, Map<String, Long>> decisions) {}

    /**
     * Rows for {@code filter} and the charts' figures in one pass over the journal.
     *
     * @param zone the zone the charts' days are counted in
     */
    public Overview overview(Filter filter, ZoneId zone) {
        List<Parsed> all = parsed(ctx.journal().entries(null, null, null));
        Map<String, String> safeOfHash = safesByHash(all);
        ZoneId fz = filter.zone() == null ? java.time.ZoneOffset.UTC : filter.zone();
        Instant from = filter.from() == null ? null : filter.from().atStartOfDay(fz).toInstant();
        Instant to = filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(fz).toInstant();
        String wanted = filter.safe() == null ? null : filter.safe().toString().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        for (Parsed x : all) {
            JournalEntry e = x.entry();
            if ((filter.kind() != null && e.kind() != filter.kind()) || (from != null && e.time().isBefore(from))
                    || (to != null && !e.time().isBefore(to))) {
                continue;
            }
            Row row = row(x, safeOfHash);
            if (wanted == null || wanted.equals(row.safe().toLowerCase(Locale.ROOT))) {
                rows.add(row);
            }
        }
        return new Overview(rows, safeOfHash.values().stream().distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList(),
                spend(all, zone), decisions(all, zone));
    }

    private record Parsed(JournalEntry entry, JsonNode payload) {}

    private static List<Parsed> parsed(List<JournalEntry> entries) {
        List<Parsed> out = new ArrayList<>(entries.size());
        for (JournalEntry e : entries) {
            out.add(new Parsed(e, readPayload(e)));
        }
        return out;
    }

    /**
     * The entries that match {@code filter}, oldest first, with their Safe resolved.
     *
     * @throws io.countersign.journal.CorruptJournalException if a row cannot be read at all (run Verify)
     */
    public List<Row> rows(Filter filter) {
        ZoneId zone = filter.zone() == null ? java.time.ZoneOffset.UTC : filter.zone();
        Instant from = filter.from() == null ? null : filter.from().atStartOfDay(zone).toInstant();
        Instant to = filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, String> safeOfHash = safesByHash(parsed(ctx.journal().entries(EntryKind.REQUEST, null, null)));
        String wanted = filter.safe() == null ? null : filter.safe().toString().toLowerCase(Locale.ROOT);
        List<Row> out = new ArrayList<>();
        for (Parsed e : parsed(ctx.journal().entries(filter.kind(), from, to))) {
            Row row = row(e, safeOfHash);
            if (wanted == null || wanted.equals(row.safe().toLowerCase(Locale.ROOT))) {
                out.add(row);
            }
        }
        return out;
    }

    private static Map<String, String> safesByHash(List<Parsed> entries) {
        Map<String, String> out = new HashMap<>();
        for (Parsed x : entries) {
            if (x.entry().kind() != EntryKind.REQUEST) {
                continue;
            }
            JsonNode p = x.payload();
            String hash = text(p, "safeTxHash");
            String safe = text(p, "safe");
            if (!hash.isEmpty() && !safe.isEmpty()) {
                out.putIfAbsent(hash.toLowerCase(Locale.ROOT), safe);
            }
        }
        return out;
    }

    private static Row row(Parsed x, Map<String, String> safeOfHash) {
        JournalEntry e = x.entry();
        JsonNode p = x.payload();
        JsonNode spend = p.path("policySpend");
        String hash = text(p, "safeTxHash");
        if (hash.isEmpty()) {
            hash = text(spend, "safeTxHash");
        }
        String safe = text(p, "safe");
        if (safe.isEmpty()) {
            safe = text(spend, "safe");
        }
        if (safe.isEmpty() && !hash.isEmpty()) {
            safe = safeOfHash.getOrDefault(hash.toLowerCase(Locale.ROOT), "");
        }
        String decision = e.kind() == EntryKind.DECISION ? text(p, "decision") : "";
        return new Row(e.sequence(), e.time(), e.kind(), safe, hash, decision, e);
    }

    private static JsonNode readPayload(JournalEntry e) {
        try {
            return e.payload();
        } catch (RuntimeException bad) {
            // a tampered row may hold text that is not JSON: shown as stored, verified elsewhere
            return tools.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() ? v.asString() : "";
    }

    /**
     * Exports every entry to {@code target}: written to a temporary file beside it and moved into
     * place, so a failure never leaves a half-written export.
     *
     * @return {@code target}
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path export(ExportFormat format, Path target) {
        StringWriter text = new StringWriter();
        try {
            ctx.journal().export(format, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RequestFile.writeAtomically(target, text.toString());
        return target;
    }

    /**
     * Signed spend per day and asset, as the rolling limits count it: {@code SIGNATURE} entries with
     * a {@code policySpend}, once per safeTxHash (the first signature's day), amounts converted to
     * units with the installed policy's {@code tokens} (native: 18 decimals, named "ETH"; an
     * unknown token stays in base units, named by its address).
     *
     * @param zone the zone days are counted in
     * @return day → asset name → amount, days in order
     */
    public SortedMap<LocalDate, Map<String, BigDecimal>> signedSpendPerDay(ZoneId zone) {
        return spend(parsed(ctx.journal().entries(EntryKind.SIGNATURE, null, null)), zone);
    }

    private SortedMap<LocalDate, Map<String, BigDecimal>> spend(List<Parsed> entries, ZoneId zone) {
        Map<String, io.countersign.eth.intent.TokenInfo> tokens = new HashMap<>();
        ctx.policy().policyDocument().ifPresent(p -> p.tokens().forEach(t -> tokens.put(t.address().toString().toLowerCase(Locale.ROOT), t)));
        SortedMap<LocalDate, Map<String, BigDecimal>> out = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Parsed x : entries) {
            JournalEntry e = x.entry();
            if (e.kind() != EntryKind.SIGNATURE) {
                continue;
            }
            JsonNode spend = x.payload().path("policySpend");
            String hash = text(spend, "safeTxHash").toLowerCase(Locale.ROOT);
            if (!spend.isObject() || hash.isEmpty() || !seen.add(hash)) {
                continue;
            }
            LocalDate day = e.time().atZone(zone).toLocalDate();
            for (Map.Entry<String, JsonNode> a : spend.path("assets").properties()) {
                BigInteger base;
                try {
                    base = new BigInteger(a.getValue().asString(""));
                } catch (NumberFormatException bad) {
                    continue;
                }
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String name;
                BigDecimal amount;
                if ("native".equals(key)) {
                    name = "ETH";
                    amount = new BigDecimal(base, 18);
                } else if (tokens.containsKey(key)) {
                    io.countersign.eth.intent.TokenInfo t = tokens.get(key);
                    name = t.symbol();
                    amount = new BigDecimal(base, t.decimals());
                } else {
                    name = a.getKey() + " (base units)";
                    amount = new BigDecimal(base);
                }
                out.computeIfAbsent(day, d -> new LinkedHashMap<>()).merge(name, amount, BigDecimal::add);
            }
        }
        return out;
    }

    /**
     * {@code DECISION} entries per day and outcome (both the {@code sign} and the {@code execute} step).
     *
     * @param zone the zone days are counted in
     * @return day → outcome id → count, days in order
     */
    public SortedMap<LocalDate, Map<String, Long>> decisionsPerDay(ZoneId zone) {
        return decisions(parsed(ctx.journal().entries(EntryKind.DECISION, null, null)), zone);
    }

    private static SortedMap<LocalDate, Map<String, Long>> decisions(List<Parsed> entries, ZoneId zone) {
        SortedMap<LocalDate, Map<String, Long>> out = new TreeMap<>();
        for (Parsed x : entries) {
            String d = x.entry().kind() == EntryKind.DECISION ? text(x.payload(), "decision") : "";
            if (!d.isEmpty()) {
                out.computeIfAbsent(x.entry().time().atZone(zone).toLocalDate(), day -> new LinkedHashMap<>()).merge(d, 1L, Long::sum);
            }
        }
        return out;
    }

    /** The Safe addresses that appear in {@code REQUEST} entries, for a filter's choices. */
    public List<String> safes() {
        return safesByHash(parsed(ctx.journal().entries(EntryKind.REQUEST, null, null))).values().stream().distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }
}
