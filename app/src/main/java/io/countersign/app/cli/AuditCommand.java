package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.journal.ExportFormat;
import io.countersign.journal.VerifyResult;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code countersign audit verify|export}: the tamper-evident journal. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify and export the journal.")
final class AuditCommand {
    @ParentCommand
    CountersignCommand root;

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check the hash chain; names the first bad entry (exit 1 if any).")
    static final class Verify implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        AuditCommand audit;

        /** Exit 0 when the chain is intact, 1 otherwise; the result is printed either way (one JSON object with --json). */
        @Override
        public Integer call() {
            Output out = audit.root.output();
            try (AppContext ctx = audit.root.context()) {
                VerifyResult r = ctx.journal().verify();
                var node = out.object();
                node.put("ok", r.ok());
                node.put("entries", r.entries());
                node.put("head", r.head());
                if (!r.ok()) {
                    node.put("firstBadSequence", r.firstBadSequence());
                    node.put("reason", r.reason().name().toLowerCase());
                    node.put("detail", r.detail());
                    node.put("exitCode", 1);
                }
                out.result(node, r.ok()
                        ? "Journal intact: " + r.entries() + " entries, head " + r.head()
                                + "\nKeep this line elsewhere (a ticket, a notebook): a later verify against it also catches a cut-off tail."
                        : "Journal TAMPERED at entry " + r.firstBadSequence() + ": " + r.reason() + " — " + r.detail());
                if (!r.ok()) {
                    out.info("error: the journal's chain is broken at entry " + r.firstBadSequence());
                    return 1;
                }
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export every entry as JSON or CSV.")
    static final class Export implements Runnable {
        @ParentCommand
        AuditCommand audit;

        @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path outFile;

        @Override
        public void run() {
            ExportFormat f = switch (format.toLowerCase()) {
                case "json" -> ExportFormat.JSON;
                case "csv" -> ExportFormat.CSV;
                default -> throw new CountersignException.Usage("--format must be json or csv");
            };
            Output output = audit.root.output();
            try (AppContext ctx = audit.root.context()) {
                if (outFile == null && !output.json()) {
                    ctx.journal().export(f, (OutputStream) audit.root.out);
                    audit.root.out.flush();
                } else if (outFile == null) {
                    // --json promises one object: the export goes inside it
                    java.io.StringWriter text = new java.io.StringWriter();
                    ctx.journal().export(f, text);
                    var node = output.object();
                    node.put("format", f.name().toLowerCase(java.util.Locale.ROOT));
                    if (f == ExportFormat.JSON) {
                        node.set("entries", Output.JSON.readTree(text.toString()));
                    } else {
                        node.put("csv", text.toString());
                    }
                    output.result(node, "");
                } else {
                    try (OutputStream os = Files.newOutputStream(outFile)) {
                        ctx.journal().export(f, os);
                    }
                    var node = output.object();
                    node.put("format", f.name().toLowerCase(java.util.Locale.ROOT));
                    node.put("file", outFile.toString());
                    output.result(node, "Exported to " + outFile);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
