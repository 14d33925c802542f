package io.countersign.bench;

import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.VerifyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * {@code verify()} over a 100,000-entry journal: read every row, recompute every SHA-256,
 * check every link. The file is built once per trial through the ordinary append path
 * (one fsync per entry, so setup takes tens of seconds) and verified once before
 * measuring.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JournalVerifyBenchmark {

    static final int ENTRIES = 100_000;

    private static final EntryKind[] KINDS = {EntryKind.REQUEST, EntryKind.DECISION, EntryKind.SIGNATURE, EntryKind.BROADCAST};

    private Path dir;
    private AuditJournal journal;

    @Setup(Level.Trial)
    public void build() throws IOException {
        dir = Files.createTempDirectory("journal-verify-bench");
        journal = AuditJournal.open(dir.resolve("journal.db"));
        Map<String, Object> payload = new HashMap<>(JournalAppendBenchmark.PAYLOAD);
        for (int i = 0; i < ENTRIES; i++) {
            payload.put("nonce", i);
            journal.append(KINDS[i % KINDS.length], payload);
        }
        VerifyResult first = journal.verify();
        if (!first.ok() || first.entries() != ENTRIES) {
            throw new IllegalStateException("benchmark journal does not verify: " + first);
        }
    }

    @Benchmark
    public VerifyResult verify() {
        return journal.verify();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        BenchFiles.deleteTree(dir);
    }
}
