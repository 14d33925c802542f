package io.countersign.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A plain JDBC connection to a journal file, bypassing AuditJournal: how tests tamper. */
final class RawDb implements AutoCloseable {

    final Connection connection;

    private RawDb(Connection connection) {
        this.connection = connection;
    }

    static RawDb open(Path file) throws SQLException {
        return new RawDb(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()));
    }

    /** Opens the file and drops the append-only triggers, as an attacker with file access would. */
    static RawDb openWithoutTriggers(Path file) throws SQLException {
        RawDb db = open(file);
        db.exec("DROP TRIGGER journal_no_update");
        db.exec("DROP TRIGGER journal_no_delete");
        return db;
    }

    void exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    String string(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    long count() throws SQLException {
        return Long.parseLong(string("SELECT count(*) FROM journal"));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
