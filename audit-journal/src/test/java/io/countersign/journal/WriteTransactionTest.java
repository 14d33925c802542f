package io.countersign.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AuditJournal#inWriteTransaction}: reads and appends under one SQLite write lock, on real files. */
class WriteTransactionTest {

    @TempDir
    Path dir;

    @Test
    void appendsInsideOneTransactionStayChainedAndVerify() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            journal.append(EntryKind.REQUEST, Map.of("n", 1));
            List<JournalEntry> made = journal.inWriteTransaction(view -> {
                JournalEntry a = view.append(EntryKind.DECISION, Map.of("n", 2));
                assertEquals(1, view.since(EntryKind.DECISION, Instant.EPOCH).size(), "the view sees its own append");
                JournalEntry b = view.append(EntryKind.SIGNATURE, Map.of("n", 3));
                return List.of(a, b);
            });
            assertEquals(2, made.get(0).sequence());
            assertEquals(made.get(0).entryHash(), made.get(1).previousHash());
            VerifyResult v = journal.verify();
            assertTrue(v.ok(), v.toString());
            assertEquals(3, journal.latest(10).size());
        }
    }

    @Test
    void aThrowingActionLeavesNothingAndTheNextAppendContinuesTheChain() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            journal.append(EntryKind.REQUEST, Map.of("n", 1));
            var e = assertThrows(IllegalArgumentException.class, () -> journal.inWriteTransaction(view -> {
                view.append(EntryKind.DECISION, Map.of("n", 2));
                throw new IllegalArgumentException("changed my mind");
            }));
            assertEquals("changed my mind", e.getMessage());
            assertEquals(1, journal.latest(10).size());
            assertEquals(2, journal.append(EntryKind.DECISION, Map.of("n", 2)).sequence());
            assertTrue(journal.verify().ok());
        }
    }

    @Test
    void transactionsDoNotNest() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("j.db"))) {
            assertThrows(IllegalStateException.class,
                    () -> journal.inWriteTransaction(v -> journal.inWriteTransaction(w -> 1)));
            assertEquals(0, journal.latest(10).size());
        }
    }

    /**
     * Two connections on one file each read the count of entries then append "count + 1" inside a
     * transaction; the first holds its transaction open until the second has tried to begin. With
     * the write lock taken before the read, the second waits and reads the first's append: the
     * values are 1 and 2, never 1 and 1.
     */
    @Test
    void aSecondConnectionReadsOnlyAfterTheFirstCommits() throws Exception {
        Path file = dir.resolve("j.db");
        AuditJournal.open(file).close();
        // opened before the first transaction begins: opening initialises the schema, which also waits for the lock
        AuditJournal second = AuditJournal.open(file);
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<Object> values = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread first = Thread.ofPlatform().start(() -> {
            try (AuditJournal j = AuditJournal.open(file)) {
                j.inWriteTransaction(view -> {
                    int seen = view.since(EntryKind.DECISION, Instant.EPOCH).size();
                    firstInside.countDown();
                    await(secondStarted);
                    sleepBriefly(); // give the second connection time to block on the lock
                    values.add(seen + 1);
                    return view.append(EntryKind.DECISION, Map.of("n", seen + 1));
                });
            }
        });
        await(firstInside);
        try (AuditJournal j = second) {
            secondStarted.countDown();
            j.inWriteTransaction(view -> {
                int seen = view.since(EntryKind.DECISION, Instant.EPOCH).size();
                values.add(seen + 1);
                return view.append(EntryKind.DECISION, Map.of("n", seen + 1));
            });
        }
        first.join();
        assertEquals(List.of(1, 2), values);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
