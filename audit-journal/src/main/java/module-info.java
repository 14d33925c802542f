/**
 * The append-only, hash-chained SQLite audit journal: every request, policy decision,
 * signature, broadcast, policy install and recovery ceremony, in order, tamper-evident.
 * Entry point: {@link io.countersign.journal.AuditJournal}.
 */
module io.countersign.journal {
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires transitive tools.jackson.databind;

    exports io.countersign.journal;
}
