package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.DeviceErrors;
import io.countersign.app.session.JournalAnchors;
import io.countersign.app.session.JournalReview;
import io.countersign.eth.Address;
import io.countersign.eth.Eip191;
import io.countersign.eth.Signature;
import io.countersign.eth.Signer;
import io.countersign.eth.SignerException;
import io.countersign.journal.Checkpoint;
import io.countersign.journal.EntryKind;
import io.countersign.journal.ExportFormat;
import io.countersign.journal.VerifyResult;
import io.countersign.multisig.RequestFile;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code countersign audit verify|export}: the tamper-evident journal. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify and export the journal.")
final class AuditCommand {
    @ParentCommand
    CountersignCommand root;

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check the hash chain and every journal head kept "
            + "outside it (given with --head or --checkpoint, recorded by policy installs, signed request files and device "
            + "checkpoints); names the first bad or missing entry (exit 1 if any).")
    static final class Verify implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        AuditCommand audit;

        @Option(names = "--head", paramLabel = "SEQ:HASH", description = "A head kept elsewhere, as this command printed it: "
                + "the journal must still hold entry SEQ with hash HASH (repeatable).")
        List<String> heads = new ArrayList<>();

        @Option(names = "--checkpoint", paramLabel = "FILE", description = "A device checkpoint written by `audit checkpoint --out` "
                + "(repeatable); its signature is checked, then its head.")
        List<Path> checkpoints = new ArrayList<>();

        /** Exit 0 when the chain is intact and reaches every head, 1 otherwise; the result is printed either way (one JSON object with --json). */
        @Override
        public Integer call() {
            Output out = audit.root.output();
            try (AppContext ctx = audit.root.context()) {
                List<JournalAnchors.Anchor> given = JournalReview.givenAnchors(heads, "--head", checkpoints);
                JournalAnchors.Report report = new JournalReview(ctx).verify(given, null);
                VerifyResult r = report.result();
                var node = out.object();
                node.put("ok", r.ok());
                node.put("entries", r.entries());
                node.put("head", r.head());
                var anchors = node.putArray("anchors");
                report.anchors().forEach(a -> anchors.addObject().put("source", a.source()).put("sequence", a.checkpoint().entries())
                        .put("head", a.checkpoint().head()));
                if (!r.ok()) {
                    node.put("firstBadSequence", r.firstBadSequence());
                    if (r.reason() == VerifyResult.Reason.TRUNCATED) {
                        node.put("firstMissingSequence", r.firstBadSequence());
                    }
                    node.put("reason", r.reason().name().toLowerCase(java.util.Locale.ROOT));
                    node.put("detail", report.problem());
                    report.failed().ifPresent(a -> node.put("anchor", a.source()));
                    node.put("exitCode", 1);
                }
                String checked = report.anchors().isEmpty() ? ""
                        : "\n  and it reaches " + Plural.of(report.anchors().size(), "recorded head") + ":"
                                + report.anchors().stream().map(a -> "\n    entry " + a.checkpoint().entries() + " in " + a.source())
                                        .collect(java.util.stream.Collectors.joining());
                out.result(node, r.ok()
                        ? "Journal intact: " + (r.entries() + (r.entries() == 1 ? " entry" : " entries")) + ", head " + r.head() + checked
                                + "\nKeep this line elsewhere (a ticket, a notebook); a later check against it also catches a cut-off tail:"
                                + "\n  countersign audit verify --head " + JournalAnchors.format(r.checkpoint())
                        : "Journal " + (r.reason() == VerifyResult.Reason.TRUNCATED ? "CUT OFF" : "TAMPERED") + " at entry "
                                + r.firstBadSequence() + ": " + r.reason() + " — " + report.problem());
                if (!r.ok()) {
                    out.info("error: " + report.problem());
                    return 1;
                }
                return 0;
            }
        }
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true, description = "Have a device sign the journal's head (an EIP-191 "
            + "message of SEQ:HASH): kept in the journal and the data folder, so the journal cannot be rolled back past it without "
            + "that device.")
    static final class CheckpointCommand implements Runnable {
        @ParentCommand
        AuditCommand audit;

        @Mixin
        SignerOptions signerOptions;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the signed checkpoint here, to keep elsewhere "
                + "(check it later with `audit verify --checkpoint FILE`).")
        Path outFile;

        @Override
        public void run() {
            Output out = audit.root.output();
            CliListener listener = new CliListener(out);
            try (AppContext ctx = audit.root.context(); Signer signer = signerOptions.open(ctx, listener)) {
                JournalAnchors anchors = new JournalAnchors(ctx);
                JournalAnchors.Report report = anchors.verify(List.of());
                if (!report.ok()) {
                    throw new CountersignException.Refused(report.problem() + "; no checkpoint was signed");
                }
                Checkpoint head = report.result().checkpoint();
                if (head.entries() == 0) {
                    throw new CountersignException.Usage("the journal is empty: there is no head to checkpoint yet");
                }
                String text = JournalAnchors.format(head);
                byte[] message = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                listener.confirmOnDevice("message (personal_sign) \"" + text + "\": the journal's entry count and head hash");
                Signature sig;
                try {
                    sig = signer.signPersonalMessage(message).normalizeV();
                } catch (SignerException e) {
                    throw DeviceErrors.translate(e);
                }
                Address who = sig.recover(Eip191.hashPersonalMessage(message));
                if (!who.equals(signer.address())) {
                    throw new CountersignException.BadSignature("the checkpoint signature recovers to " + who + ", not to the signer "
                            + signer.address() + "; nothing was recorded");
                }
                JournalAnchors.DeviceCheckpoint dc = new JournalAnchors.DeviceCheckpoint(head, who, sig);
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("sequence", head.entries());
                payload.put("head", head.head());
                payload.put("message", text);
                payload.put("signer", who.toString());
                payload.put("signature", sig.toHex());
                long entry = ctx.journal().append(EntryKind.CHECKPOINT, payload).sequence();
                anchors.recordDeviceCheckpoint(dc);
                if (outFile != null) {
                    RequestFile.writeAtomically(outFile, dc.toJson().toPrettyString() + "\n");
                }
                var node = dc.toJson();
                node.put("entry", entry);
                if (outFile != null) {
                    node.put("file", outFile.toString());
                }
                out.result(node, "Checkpoint of entry " + head.entries() + " (head " + head.head() + ") signed by " + who
                        + ", recorded as entry " + entry + (outFile != null ? " and written to " + outFile : "")
                        + "\n  message " + text + "\n  signature " + sig.toHex());
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
                    new JournalReview(ctx).export(f, outFile);
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
