package io.countersign.bench;

import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Journal appends per second, single thread, on a real file in the system temp folder.
 * Each append is one {@code BEGIN IMMEDIATE} transaction committed with
 * {@code synchronous=FULL}, i.e. at least one fsync: the figure measures the disk's
 * fsync latency as much as the code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalAppendBenchmark {

    /** A decision entry of the size the policy gate writes (about 250 bytes of JSON). */
    static final Map<String, Object> PAYLOAD = Map.of(
            "safeTxHash", "0x" + "ab".repeat(32),
            "safe", "0x" + "12".repeat(20),
            "chainId", 1,
            "decision", "allow",
            "reasons", List.of("recipient on allow-list", "within daily limit 10000 USDC"),
            "amount", "2500000000");

    private Path dir;
    private AuditJournal journal;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("journal-append-bench");
        journal = AuditJournal.open(dir.resolve("journal.db"));
    }

    @Benchmark
    public JournalEntry append() {
        return journal.append(EntryKind.DECISION, PAYLOAD);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        BenchFiles.deleteTree(dir);
    }
}
