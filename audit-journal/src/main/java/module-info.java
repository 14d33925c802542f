/**
 * The append-only, hash-chained audit journal ({@link io.countersign.journal.AuditJournal}) in one
 * SQLite file. The SQLite driver is reached through {@link java.sql.DriverManager} (the driver
 * module provides {@code java.sql.Driver}); payloads are canonical JSON written with Jackson.
 */
module io.countersign.journal {
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires tools.jackson.core;
    requires transitive tools.jackson.databind; // JsonNode is part of the API (AuditJournal.append, JournalEntry.payload)

    exports io.countersign.journal;
}
