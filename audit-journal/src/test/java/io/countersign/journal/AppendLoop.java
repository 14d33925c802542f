package io.countersign.journal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-process main for the crash and multi-process tests: appends {@code count}
 * entries (forever if negative) to the journal at {@code file}, printing each returned
 * sequence number on its own line, flushed, only after append has returned.
 * Arguments: {@code file count writer}.
 */
public final class AppendLoop {

    private AppendLoop() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        String writer = args[2];
        PrintStream out = System.out;
        try (AuditJournal journal = AuditJournal.open(file)) {
            for (long i = 0; count < 0 || i < count; i++) {
                JournalEntry e = journal.append(EntryKind.REQUEST, Map.of("writer", writer, "i", i));
                out.println(e.sequence());
                out.flush();
            }
        }
    }
}
