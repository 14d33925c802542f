package io.countersign.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two other processes and this one (with two threads) append to the same file at once. */
class MultiProcessTest {

    private static final int PER_CHILD = 150;
    private static final int PER_THREAD = 50;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard, not a timing assertion
    void concurrentWritersKeepOneContiguousChain() throws Exception {
        Path file = dir.resolve("j.db");
        AuditJournal.open(file).close();
        Process a = ChildJvm.appendLoop(file, PER_CHILD, "a");
        Process b = ChildJvm.appendLoop(file, PER_CHILD, "b");
        List<Long> mine = new ArrayList<>();
        try (AuditJournal journal = AuditJournal.open(file)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String writer = "thread-" + t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        long s = journal.append(EntryKind.SIGNATURE, Map.of("writer", writer, "i", i)).sequence();
                        synchronized (mine) {
                            mine.add(s);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            List<Long> fromA = readAll(a);
            List<Long> fromB = readAll(b);
            assertEquals(0, a.waitFor());
            assertEquals(0, b.waitFor());

            TreeSet<Long> all = new TreeSet<>();
            all.addAll(fromA);
            all.addAll(fromB);
            all.addAll(mine);
            long total = 2L * PER_CHILD + 2L * PER_THREAD;
            assertEquals(total, fromA.size() + fromB.size() + mine.size());
            assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), List.copyOf(all),
                    "every writer got distinct sequences and together they are 1..total");

            VerifyResult result = journal.verify();
            assertTrue(result.ok(), result.detail());
            assertEquals(total, result.entries());
        }
    }

    private static List<Long> readAll(Process p) throws Exception {
        String text = new String(p.getInputStream().readAllBytes(), UTF_8);
        return text.lines().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip())).toList();
    }
}
