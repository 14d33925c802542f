package io.countersign.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Opens the SQLite connection (WAL, {@code synchronous=FULL}, 30 s busy timeout) and
 * creates or checks the schema. The file is marked with an application id so a journal
 * is never confused with another database.
 */
final class Schema {

    /** SQLite header application id: ASCII "CSJN" (Countersign journal). */
    static final int APPLICATION_ID = 0x43534A4E;

    /** The journal format version, kept in SQLite's {@code user_version}. */
    static final int FORMAT_VERSION = 1;

    /** How long an append waits for another process's write lock, in milliseconds. */
    static final int BUSY_TIMEOUT_MS = 30_000;

    /** The message the append-only triggers abort with. */
    static final String APPEND_ONLY = "journal is append-only";

    /** SQLite result code SQLITE_NOTADB. */
    private static final int SQLITE_NOTADB = 26;

    private static final List<String> DDL = List.of(
            """
            CREATE TABLE IF NOT EXISTS journal (
              sequence      INTEGER PRIMARY KEY,
              time          TEXT NOT NULL,
              kind          TEXT NOT NULL,
              payload       TEXT NOT NULL,
              previous_hash BLOB NOT NULL,
              entry_hash    BLOB NOT NULL
            ) STRICT""",
            "CREATE INDEX IF NOT EXISTS journal_kind_time ON journal (kind, time)",
            "CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal"
                    + " BEGIN SELECT RAISE(ABORT, '" + APPEND_ONLY + "'); END",
            "CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal"
                    + " BEGIN SELECT RAISE(ABORT, '" + APPEND_ONLY + "'); END");

    private Schema() {
    }

    static Connection open(Path file) {
        Properties props = new Properties();
        props.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
        } catch (SQLException e) {
            throw new JournalStorageException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
        try {
            String mode = queryString(c, "PRAGMA journal_mode=WAL");
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new JournalStorageException("journal " + file + " cannot use WAL mode (got " + mode + ")", null);
            }
            exec(c, "PRAGMA synchronous=FULL");
            init(c, file);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            if (e.getErrorCode() == SQLITE_NOTADB) {
                throw new IncompatibleJournalException(file + " is not an SQLite database, so not a Countersign journal");
            }
            throw new JournalStorageException("cannot open journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void init(Connection c, Path file) throws SQLException {
        exec(c, "BEGIN IMMEDIATE");
        boolean done = false;
        try {
            int appId = Integer.parseInt(queryString(c, "PRAGMA application_id"));
            int version = Integer.parseInt(queryString(c, "PRAGMA user_version"));
            if (appId == 0) {
                String tables = queryString(c, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'");
                if (!"0".equals(tables)) {
                    throw new IncompatibleJournalException(file + " is a database of another application, not a Countersign journal");
                }
                exec(c, "PRAGMA application_id=" + APPLICATION_ID);
                exec(c, "PRAGMA user_version=" + FORMAT_VERSION);
            } else if (appId != APPLICATION_ID) {
                throw new IncompatibleJournalException(String.format(Locale.ROOT,
                        "%s has SQLite application id 0x%08x, not a Countersign journal", file, appId));
            } else if (version != FORMAT_VERSION) {
                throw new IncompatibleJournalException(file + " is a journal in format version " + version
                        + "; this build reads version " + FORMAT_VERSION);
            }
            for (String ddl : DDL) {
                exec(c, ddl);
            }
            exec(c, "COMMIT");
            done = true;
        } finally {
            if (!done) {
                rollbackQuietly(c);
            }
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            exec(c, "ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction was active (SQLite already rolled back on the error).
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Already failing; the first error is the one to report.
        }
    }
}
