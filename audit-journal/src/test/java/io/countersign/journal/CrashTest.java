package io.countersign.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL mid-stream: every append that returned before the
 * kill must be in the file, and the chain must verify.
 */
class CrashTest {

    private static final int LINES_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard, not a timing assertion
    void everyReturnedAppendSurvivesAKill() throws Exception {
        Path file = dir.resolve("j.db");
        Process child = ChildJvm.appendLoop(file, -1, "child");
        List<Long> printed = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            while (printed.size() < LINES_BEFORE_KILL) {
                String line = in.readLine();
                assertNotNull(line, "child stopped early, exit " + (child.isAlive() ? "?" : child.exitValue()));
                printed.add(Long.parseLong(line.strip()));
            }
            child.destroyForcibly(); // SIGKILL on Linux; also closes our end of its stdout
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not die");
        }
        assertTrue(child.exitValue() != 0, "the child was killed, not finished");

        try (AuditJournal journal = AuditJournal.open(file)) {
            VerifyResult result = journal.verify();
            assertTrue(result.ok(), result.detail());
            long last = printed.get(printed.size() - 1);
            assertTrue(result.entries() >= last, "entry " + last + " was reported appended but is gone");
            for (int i = 0; i < printed.size(); i++) {
                assertEquals(i + 1L, printed.get(i), "printed sequences are 1, 2, 3, ...");
            }
            Set<Long> stored = journal.since(EntryKind.REQUEST, Instant.EPOCH).stream()
                    .map(JournalEntry::sequence).collect(Collectors.toSet());
            for (long s : printed) {
                assertTrue(stored.contains(s), "entry " + s + " was reported appended but is gone");
            }
            // The entry after the kill point, if any, is whole: the journal continues cleanly.
            JournalEntry next = journal.append(EntryKind.DECISION, Map.of("after", "crash"));
            assertEquals(result.entries() + 1, next.sequence());
            assertTrue(journal.verify().ok());
        }
    }
}
