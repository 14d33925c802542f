package io.countersign.journal.probe;

import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.VerifyResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-process main for {@code NamedModuleTest}: run with {@code io.countersign.journal} and its
 * libraries on the module path and this class on the class path (a package the module does not
 * own), so it sees only what the module exports. Prints the module's name, appends one REQUEST entry to the
 * journal at {@code args[0]} (opening it reaches the SQLite driver through DriverManager, and the
 * append writes canonical JSON with Jackson), then prints the entry count and the outcome of
 * {@code AuditJournal.verify()}.
 */
public final class ModulePathProbe {
    private ModulePathProbe() {}

    public static void main(String[] args) {
        System.out.println(AuditJournal.class.getModule().getName());
        try (AuditJournal journal = AuditJournal.open(Path.of(args[0]))) {
            journal.append(EntryKind.REQUEST, Map.of("writer", "module-path", "n", 1));
            VerifyResult r = journal.verify();
            System.out.println(r.entries() + " " + r.ok());
        }
    }
}
