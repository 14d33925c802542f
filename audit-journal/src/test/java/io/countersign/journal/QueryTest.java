package io.countersign.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryTest {

    @TempDir
    Path dir;

    private static List<Long> sequences(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::sequence).toList();
    }

    @Test
    void sinceSelectsOneKindFromAnInclusiveInstant() {
        MutableClock clock = new MutableClock("2026-03-01T00:00:00Z");
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"), clock)) {
            journal.append(EntryKind.SIGNATURE, Map.of("amount", "1"));        // 1, day 1 00:00
            clock.set("2026-03-01T12:00:00Z");
            journal.append(EntryKind.DECISION, Map.of("decision", "allow"));  // 2
            journal.append(EntryKind.SIGNATURE, Map.of("amount", "2"));        // 3, day 1 12:00
            clock.set("2026-03-02T11:59:59.999Z");
            journal.append(EntryKind.SIGNATURE, Map.of("amount", "3"));        // 4
            clock.set("2026-03-02T12:00:00Z");
            journal.append(EntryKind.SIGNATURE, Map.of("amount", "4"));        // 5
            journal.append(EntryKind.BROADCAST, Map.of("txHash", "0x01"));    // 6

            assertEquals(List.of(3L, 4L, 5L),
                    sequences(journal.since(EntryKind.SIGNATURE, Instant.parse("2026-03-01T12:00:00Z"))));
            assertEquals(List.of(5L),
                    sequences(journal.since(EntryKind.SIGNATURE, Instant.parse("2026-03-02T12:00:00Z"))));
            assertEquals(List.of(),
                    sequences(journal.since(EntryKind.SIGNATURE, Instant.parse("2026-03-02T12:00:00.001Z"))));
            assertEquals(List.of(1L, 3L, 4L, 5L),
                    sequences(journal.since(EntryKind.SIGNATURE, Instant.EPOCH)));
            assertEquals(List.of(2L), sequences(journal.since(EntryKind.DECISION, Instant.EPOCH)));
            assertEquals("{\"amount\":\"3\"}",
                    journal.since(EntryKind.SIGNATURE, Instant.parse("2026-03-02T00:00:00Z")).get(0).payloadJson());
        }
    }

    @Test
    void latestIsNewestFirstAndBounded() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            assertEquals(List.of(), journal.latest(5));
            for (int i = 1; i <= 5; i++) {
                journal.append(EntryKind.REQUEST, Map.of("i", i));
            }
            assertEquals(List.of(5L, 4L, 3L), sequences(journal.latest(3)));
            assertEquals(List.of(5L, 4L, 3L, 2L, 1L), sequences(journal.latest(50)));
            assertEquals(List.of(), journal.latest(0));
            assertEquals("{\"i\":5}", journal.latest(1).get(0).payloadJson());
            assertThrows(IllegalArgumentException.class, () -> journal.latest(-1));
        }
    }
    @Test
    void entriesFilterByKindAndAHalfOpenTimeRangeInSequenceOrder() {
        MutableClock clock = new MutableClock("2026-03-01T00:00:00Z");
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"), clock)) {
            journal.append(EntryKind.REQUEST, Map.of("i", 1));                 // 1, 03-01
            journal.append(EntryKind.DECISION, Map.of("i", 2));                // 2, 03-01
            clock.set("2026-03-02T00:00:00Z");
            journal.append(EntryKind.DECISION, Map.of("i", 3));                // 3, 03-02 00:00
            clock.set("2026-03-02T23:59:59.999Z");
            journal.append(EntryKind.SIGNATURE, Map.of("i", 4));               // 4, 03-02 end
            clock.set("2026-03-03T00:00:00Z");
            journal.append(EntryKind.DECISION, Map.of("i", 5));                // 5, 03-03

            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences(journal.entries(null, null, null)));
            assertEquals(List.of(2L, 3L, 5L), sequences(journal.entries(EntryKind.DECISION, null, null)));
            Instant day2 = Instant.parse("2026-03-02T00:00:00Z");
            Instant day3 = Instant.parse("2026-03-03T00:00:00Z");
            assertEquals(List.of(3L, 4L), sequences(journal.entries(null, day2, day3)));
            assertEquals(List.of(3L), sequences(journal.entries(EntryKind.DECISION, day2, day3)));
            assertEquals(List.of(5L), sequences(journal.entries(null, day3, null)));
            assertEquals(List.of(1L, 2L), sequences(journal.entries(null, null, day2)));
            assertEquals(5, journal.count());
        }
    }

    @Test
    void verifyReportsProgressEveryThousandEntriesAndAtTheEnd() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            journal.inWriteTransaction(w -> {
                for (int i = 1; i <= 2500; i++) {
                    w.append(EntryKind.REQUEST, Map.of("i", i));
                }
                return null;
            });
            List<Long> seen = new java.util.ArrayList<>();
            VerifyResult r = journal.verify(List.of(), seen::add);
            assertEquals(true, r.ok());
            assertEquals(List.of(1000L, 2000L, 2500L), seen);
            assertEquals(2500, journal.count());
        }
    }
}
