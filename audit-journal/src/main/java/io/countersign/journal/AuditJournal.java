package io.countersign.journal;

import static io.countersign.journal.ChainHash.HEX;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The append-only, hash-chained audit journal in one SQLite file.
 *
 * <h2>Storage</h2>
 * SQLite in WAL mode with {@code synchronous=FULL}: an append has reached the disk
 * (one fsync) when {@link #append} returns. Table {@code journal(sequence, time, kind,
 * payload, previous_hash, entry_hash)}; triggers abort every UPDATE and DELETE with
 * {@code journal is append-only}. Each append is one {@code BEGIN IMMEDIATE} transaction
 * that reads the head and inserts the next entry, so a failed append leaves nothing and
 * several processes appending to the same file keep one contiguous chain. Within one
 * process, methods are {@code synchronized} on the instance.
 *
 * <h2>Canonical form and entry hash</h2>
 * {@code entryHash = SHA-256(UTF-8(preimage))} where the preimage is six fields joined
 * by a single line feed (U+000A), with no trailing line feed:
 * <pre>
 * countersign-journal/1
 * &lt;sequence: decimal, no sign, no leading zeros, e.g. 42&gt;
 * &lt;time: UTC, uuuu-MM-dd'T'HH:mm:ss.SSS'Z', always 3 fraction digits, e.g. 2026-03-01T09:30:00.000Z&gt;
 * &lt;kind: the EntryKind name, e.g. SIGNATURE&gt;
 * &lt;previous hash: 64 lowercase hex characters; 64 zeros for entry 1&gt;
 * &lt;payload: canonical JSON&gt;</pre>
 * Canonical JSON: a JSON object; object keys sorted by UTF-16 code units (Java's
 * {@link String#compareTo}) at every depth; no whitespace outside strings; strings with
 * standard JSON escaping (Jackson's); numbers as Jackson writes them. None of the fields
 * before the payload can hold a line feed, and the payload's own line feeds are escaped,
 * so the preimage splits back into its fields unambiguously. The stored payload text is
 * exactly the hashed text.
 *
 * <h2>What verification can and cannot show</h2>
 * {@link #verify()} detects an edited, deleted, inserted or reordered entry. It cannot
 * detect entries cut off the end, nor a chain rebuilt from scratch by someone with write
 * access (SHA-256 has no key). Record the head that {@link #verify()} returns
 * ({@code countersign audit verify} prints it) somewhere else, and check it later with
 * {@link #verify(Checkpoint)}.
 */
public final class AuditJournal implements AutoCloseable {

    private static final String COLUMNS = "sequence, time, kind, payload, previous_hash, entry_hash";

    private final Path file;
    private final Clock clock;
    private final Connection connection;
    private final MessageDigest sha256 = ChainHash.sha256();
    private boolean closed;
    /** True while {@link #inWriteTransaction} holds {@code BEGIN IMMEDIATE}: appends join it. */
    private boolean inTransaction;

    private AuditJournal(Path file, Clock clock, Connection connection) {
        this.file = file;
        this.clock = clock;
        this.connection = connection;
    }

    /**
     * Opens the journal at {@code file}, creating the file and schema if it does not
     * exist, with the system UTC clock.
     *
     * @param file the SQLite file; its folder must exist
     * @return an open journal; close it when done
     * @throws IncompatibleJournalException if the file is not a Countersign journal
     * @throws JournalStorageException      if SQLite cannot open or initialise it
     */
    public static AuditJournal open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /**
     * Opens the journal with the given clock for entry times (tests pass a fixed clock).
     *
     * @param file  the SQLite file; its folder must exist
     * @param clock where entry times come from; read once per append, inside the lock
     * @return an open journal; close it when done
     * @throws IncompatibleJournalException if the file is not a Countersign journal
     * @throws JournalStorageException      if SQLite cannot open or initialise it
     */
    public static AuditJournal open(Path file, Clock clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        return new AuditJournal(file, clock, Schema.open(file));
    }

    /**
     * The file this journal was opened on.
     *
     * @return the path given to {@link #open}
     */
    public Path file() {
        return file;
    }

    /**
     * Appends an entry: converts {@code payload} to JSON with Jackson, then as
     * {@link #append(EntryKind, JsonNode)}.
     *
     * @param kind    what the entry records
     * @param payload property names to JSON-serialisable values (strings, numbers,
     *                booleans, null, lists, maps, records)
     * @return the entry as stored
     * @throws InvalidPayloadException see {@link #append(EntryKind, JsonNode)}
     * @throws JournalStorageException if SQLite fails; nothing was written
     * @throws JournalClosedException  after {@link #close()}
     */
    public JournalEntry append(EntryKind kind, Map<String, ?> payload) {
        Objects.requireNonNull(payload, "payload");
        return appendCanonical(kind, CanonicalJson.of(payload));
    }

    /**
     * Appends an entry in its own {@code BEGIN IMMEDIATE} transaction: reads the head,
     * takes the time from the clock (truncated to milliseconds), hashes, inserts,
     * commits with an fsync. Either the whole entry is stored or nothing is.
     *
     * @param kind    what the entry records
     * @param payload a JSON object; must not hold a property named (ignoring case,
     *                '_' and '-') privateKey, mnemonic(s), seed, seedPhrase, passphrase,
     *                password, secret, secretHex, xprv, share or shares, at any depth;
     *                no NaN or infinite numbers
     * @return the entry as stored, with its sequence and hashes
     * @throws InvalidPayloadException if the payload breaks those rules; nothing was written
     * @throws JournalStorageException if SQLite fails (I/O, disk full, lock held by
     *                                 another process beyond 30 s); nothing was written
     * @throws JournalClosedException  after {@link #close()}
     */
    public JournalEntry append(EntryKind kind, JsonNode payload) {
        return appendCanonical(kind, CanonicalJson.of(payload));
    }

    /**
     * What {@link #inWriteTransaction} hands its action: reads and appends that all run inside one
     * {@code BEGIN IMMEDIATE} transaction on this journal's connection, so no other connection
     * (process) can append between the reads and the appends. Appends stay hash-chained exactly
     * as {@link AuditJournal#append(EntryKind, Map)}; they become visible to others, and durable,
     * only when the transaction commits.
     */
    public interface WriteView {
        /** As {@link AuditJournal#since}, seeing this transaction's own appends. */
        List<JournalEntry> since(EntryKind kind, Instant from);

        /** As {@link AuditJournal#append(EntryKind, Map)}, inside the transaction (no commit of its own). */
        JournalEntry append(EntryKind kind, Map<String, ?> payload);
    }

    /**
     * Runs {@code action} inside one SQLite write transaction ({@code BEGIN IMMEDIATE}, which takes
     * the database's write lock, waiting up to 30 s for another process to release it) and commits
     * with an fsync when it returns. If it throws, everything it appended is rolled back and the
     * exception propagates. While the action runs, this instance's own reads ({@link #since},
     * {@link #latest}) and appends on the calling thread join the transaction too, so code that
     * reads through the journal (a spend ledger) sees the state the appends are decided on; other
     * threads of this process wait on the instance's monitor.
     *
     * @param action reads and appends; must not call {@code inWriteTransaction} again
     * @return what {@code action} returned, after the commit
     * @throws IllegalStateException   if called from inside an action
     * @throws JournalStorageException if SQLite fails to begin or commit; nothing was written
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized <T> T inWriteTransaction(java.util.function.Function<WriteView, T> action) {
        Objects.requireNonNull(action, "action");
        ensureOpen();
        if (inTransaction) {
            throw new IllegalStateException("journal " + file + ": write transactions do not nest");
        }
        WriteView view = new WriteView() {
            @Override
            public List<JournalEntry> since(EntryKind kind, Instant from) {
                return AuditJournal.this.since(kind, from);
            }

            @Override
            public JournalEntry append(EntryKind kind, Map<String, ?> payload) {
                return AuditJournal.this.append(kind, payload);
            }
        };
        boolean committed = false;
        try {
            Schema.exec(connection, "BEGIN IMMEDIATE");
            inTransaction = true;
            try {
                T result = action.apply(view);
                Schema.exec(connection, "COMMIT");
                committed = true;
                return result;
            } finally {
                inTransaction = false;
                if (!committed) {
                    Schema.rollbackQuietly(connection);
                }
            }
        } catch (SQLException e) {
            throw new JournalStorageException("write transaction on journal " + file + " failed, nothing was written: "
                    + e.getMessage(), e);
        }
    }

    private synchronized JournalEntry appendCanonical(EntryKind kind, String payloadJson) {
        Objects.requireNonNull(kind, "kind");
        ensureOpen();
        boolean joined = inTransaction;
        boolean committed = false;
        try {
            if (!joined) {
                Schema.exec(connection, "BEGIN IMMEDIATE");
            }
            try {
                long sequence = 1;
                byte[] previous = ChainHash.GENESIS;
                try (PreparedStatement head = connection.prepareStatement(
                        "SELECT sequence, entry_hash FROM journal ORDER BY sequence DESC LIMIT 1");
                     ResultSet rs = head.executeQuery()) {
                    if (rs.next()) {
                        sequence = rs.getLong(1) + 1;
                        previous = rs.getBytes(2);
                    }
                }
                Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                String timeText = ChainHash.formatTime(time);
                byte[] hash = ChainHash.hash(sha256, sequence, timeText, kind.name(), previous, payloadJson);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO journal (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, sequence);
                    insert.setString(2, timeText);
                    insert.setString(3, kind.name());
                    insert.setString(4, payloadJson);
                    insert.setBytes(5, previous);
                    insert.setBytes(6, hash);
                    insert.executeUpdate();
                }
                if (!joined) {
                    Schema.exec(connection, "COMMIT");
                }
                committed = true;
                return new JournalEntry(sequence, time, kind, payloadJson, HEX.formatHex(previous), HEX.formatHex(hash));
            } finally {
                if (!committed && !joined) {
                    Schema.rollbackQuietly(connection);
                }
            }
        } catch (SQLException e) {
            throw new JournalStorageException("append to journal " + file + " failed, nothing was written: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Walks the whole chain from entry 1 and stops at the first bad entry. Reads one
     * consistent snapshot; other processes may append meanwhile.
     *
     * @return the result; {@link VerifyResult#ok()} and its head, or the first bad
     *         sequence and the reason
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized VerifyResult verify() {
        return verifyAgainst(null);
    }

    /**
     * As {@link #verify()}, and also checks that the journal still holds at least
     * {@code expected.entries()} entries and that entry {@code expected.entries()} has
     * hash {@code expected.head()}: this detects a cut-off tail
     * ({@link VerifyResult.Reason#TRUNCATED}) and a rebuilt chain
     * ({@link VerifyResult.Reason#CHECKPOINT_MISMATCH}). Entries appended after the
     * checkpoint are fine.
     *
     * @param expected a head recorded earlier, outside this file
     * @return the result; not ok with {@code TRUNCATED} or {@code CHECKPOINT_MISMATCH}
     *         when the chain is intact but does not match the checkpoint
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized VerifyResult verify(Checkpoint expected) {
        return verifyAgainst(Objects.requireNonNull(expected, "expected"));
    }

    /**
     * As {@link #verify(Checkpoint)} against several heads recorded elsewhere, in one walk of
     * the chain. The lowest entry whose hash differs from a checkpoint is reported first
     * ({@link VerifyResult.Reason#CHECKPOINT_MISMATCH}); otherwise, if any checkpoint records
     * more entries than remain, {@link VerifyResult.Reason#TRUNCATED} with
     * {@link VerifyResult#firstBadSequence()} the first missing sequence.
     *
     * @param expected heads recorded outside this file, in any order; may be empty
     * @return the result, as {@link #verify(Checkpoint)}
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized VerifyResult verify(java.util.Collection<Checkpoint> expected) {
        Objects.requireNonNull(expected, "expected");
        ensureOpen();
        try {
            return Verifier.run(connection, List.copyOf(expected));
        } catch (SQLException e) {
            throw new JournalStorageException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #verify(java.util.Collection)}, reporting progress for a progress bar: {@code progress}
     * is called on the calling thread with the number of entries checked so far, every 1,000
     * entries and once when the walk ends (it stops early at a bad entry). Compare with
     * {@link #count()} for a fraction. The instance's monitor is held for the whole walk, so other
     * threads' reads and appends on this instance wait; keep {@code progress} short.
     *
     * @param expected heads recorded outside this file, in any order; may be empty
     * @param progress receives entries checked so far; must not call back into this journal
     * @return the result, as {@link #verify(Checkpoint)}
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized VerifyResult verify(java.util.Collection<Checkpoint> expected, java.util.function.LongConsumer progress) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(progress, "progress");
        ensureOpen();
        try {
            return Verifier.run(connection, List.copyOf(expected), progress);
        } catch (SQLException e) {
            throw new JournalStorageException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The number of stored rows (for a progress bar's total; a tampered journal may hold gaps).
     *
     * @return rows in the journal table, at least 0
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized long count() {
        ensureOpen();
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM journal");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new JournalStorageException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Entries in sequence order, optionally of one kind and within a time range; for review screens
     * and reports. Uses the (kind, time) index when a kind is given.
     *
     * @param kind one kind, or null for every kind
     * @param from inclusive lower bound on the entry time, or null for none (millisecond precision)
     * @param to   exclusive upper bound on the entry time, or null for none
     * @return matching entries, oldest (lowest sequence) first; empty if none
     * @throws CorruptJournalException if a matching row cannot be read (unknown kind, bad hash length)
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized List<JournalEntry> entries(EntryKind kind, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM journal WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (kind != null) {
            sql.append(" AND kind = ?");
            args.add(kind.name());
        }
        if (from != null) {
            sql.append(" AND time >= ?");
            args.add(ChainHash.formatTime(from.truncatedTo(ChronoUnit.MILLIS)));
        }
        if (to != null) {
            sql.append(" AND time < ?");
            args.add(ChainHash.formatTime(to.truncatedTo(ChronoUnit.MILLIS)));
        }
        sql.append(" ORDER BY sequence");
        return query(sql.toString(), args.toArray());
    }

    /**
     * The hash of entry 1, which names this journal: request files carry it beside the head they
     * record, so a journal recognises its own heads among those of other workstations.
     *
     * @return lowercase hex of entry 1's hash, or empty for an empty journal
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized java.util.Optional<String> id() {
        List<JournalEntry> first = query("SELECT " + COLUMNS + " FROM journal WHERE sequence = 1");
        return first.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(first.getFirst().entryHash());
    }

    private VerifyResult verifyAgainst(Checkpoint expected) {
        ensureOpen();
        try {
            return Verifier.run(connection, expected);
        } catch (SQLException e) {
            throw new JournalStorageException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Entries of one kind whose time is at or after {@code from}, oldest first; for
     * rolling limits (e.g. the spend of the last 24 hours). Uses the (kind, time) index.
     * Times are wall-clock: if the clock was set back, order by {@code sequence}.
     *
     * @param kind the kind to select
     * @param from inclusive lower bound (compared at millisecond precision)
     * @return matching entries in sequence order; empty if none
     * @throws CorruptJournalException if a matching row cannot be read
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized List<JournalEntry> since(EntryKind kind, Instant from) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        String fromText = ChainHash.formatTime(from.truncatedTo(ChronoUnit.MILLIS));
        return query("SELECT " + COLUMNS + " FROM journal WHERE kind = ? AND time >= ? ORDER BY sequence",
                kind.name(), fromText);
    }

    /**
     * The most recent entries, for display.
     *
     * @param n how many, at least 0
     * @return up to {@code n} entries, newest (highest sequence) first
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws CorruptJournalException  if a selected row cannot be read
     * @throws JournalStorageException  if SQLite cannot read the file
     * @throws JournalClosedException   after {@link #close()}
     */
    public synchronized List<JournalEntry> latest(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        return query("SELECT " + COLUMNS + " FROM journal ORDER BY sequence DESC LIMIT ?", n);
    }

    private List<JournalEntry> query(String sql, Object... args) {
        ensureOpen();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return EntryRows.readAll(rs);
            }
        } catch (SQLException e) {
            throw new JournalStorageException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes every stored entry, in sequence order, as stored (a tampered row is exported
     * as it is). Flushes {@code out} but does not close it.
     *
     * @param format JSON or CSV, see {@link ExportFormat}
     * @param out    receives UTF-8 text
     * @throws IOException             if writing to {@code out} fails
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public void export(ExportFormat format, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        export(format, new BufferedWriter(new OutputStreamWriter(out, UTF_8)));
    }

    /**
     * As {@link #export(ExportFormat, OutputStream)}, to a character stream.
     *
     * @param format JSON or CSV, see {@link ExportFormat}
     * @param out    receives the text; flushed, not closed
     * @throws IOException             if writing to {@code out} fails
     * @throws JournalStorageException if SQLite cannot read the file
     * @throws JournalClosedException  after {@link #close()}
     */
    public synchronized void export(ExportFormat format, Writer out) throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        ensureOpen();
        try {
            Exporter.write(connection, format, out);
        } catch (SQLException e) {
            throw new JournalStorageException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closes the SQLite connection. Idempotent. Every committed append is already on disk.
     *
     * @throws JournalStorageException if SQLite reports an error while closing
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new JournalStorageException("closing journal " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** For tests in this package: the value of a per-connection PRAGMA. */
    synchronized String pragma(String name) throws SQLException {
        ensureOpen();
        return Schema.queryString(connection, "PRAGMA " + name);
    }

    private void ensureOpen() {
        if (closed) {
            throw new JournalClosedException("journal " + file + " is closed");
        }
    }
}
