package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.SafeImporter;
import io.countersign.eth.Address;
import io.countersign.multisig.SafeImport;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code safe import}: a Transaction Builder batch or a Transaction Service transaction becomes a
 * request (docs/importing.md). Online the Safe's facts come from the node and any given here
 * must match it; offline ({@code --offline} or no {@code --rpc}) they are given as
 * {@code safe propose} takes them.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a Safe Transaction Builder batch or a Transaction Service transaction (single or list) as a request.")
final class SafeImportCommand implements Runnable {
    @ParentCommand
    SafeCommand safe;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--safe", required = true, paramLabel = "ADDRESS")
    String safeAddress;

    @Option(names = "--out", paramLabel = "REQ", description = "Where to write (default: the queue in the data folder).")
    Path out;

    @Option(names = "--nonce", paramLabel = "N",
            description = "A batch: the SafeTx nonce (online default: the next free one). A Transaction Service list: picks the transaction.")
    BigInteger nonce;

    @Option(names = "--safe-tx-hash", paramLabel = "HASH", description = "A Transaction Service list: the transaction to take.")
    String safeTxHash;

    @Option(names = "--multisend", paramLabel = "ADDRESS",
            description = "MultiSendCallOnly for a batch of several transactions (default: the canonical one for the Safe's version).")
    String multiSend;

    @Mixin
    SafeFactsOptions factOptions;

    @Override
    public void run() {
        Output output = safe.root.output();
        try (AppContext ctx = safe.root.context()) {
            SafeImporter.Result result = new SafeImporter(ctx).importFile(new SafeImporter.Request(file,
                    Address.parse(safeAddress, "--safe"), factOptions.given(), nonce, safeTxHash,
                    multiSend == null ? null : Address.parse(multiSend, "--multisend"), out));
            SafeImport.Imported imported = result.imported();
            SafeRequest r = imported.request();
            var node = output.object();
            node.put("file", result.written().toString());
            node.put("source", imported.source().id());
            node.put("safeTxHash", r.hashes().safeTxHashHex());
            node.put("nonce", r.tx().nonce().toString());
            node.put("legs", imported.legs());
            node.put("signatures", r.signatures().size());
            if (imported.checksumValid() != null) {
                node.put("checksumValid", imported.checksumValid());
                node.put("checksum", imported.checksumGiven());
                node.put("checksumComputed", imported.checksumComputed());
            }
            ArrayNode unverified = node.putArray("unverifiedSignatures");
            imported.unverified().forEach(a -> unverified.add(a.toString()));
            ArrayNode warnings = node.putArray("warnings");
            imported.warnings().forEach(warnings::add);
            StringBuilder human = new StringBuilder();
            for (String w : imported.warnings()) {
                human.append("!! WARNING: ").append(w).append('\n');
            }
            human.append("Imported ").append(file.getFileName()).append(" (").append(imported.source().id()).append(", ")
                    .append(imported.legs()).append(imported.legs() == 1 ? " call" : " calls").append(") into ").append(result.written())
                    .append("\n  safeTxHash ").append(r.hashes().safeTxHashHex())
                    .append("\n  nonce ").append(r.tx().nonce())
                    .append("\n  ").append(r.signatures().size()).append(" signatures carried over");
            if (!imported.unverified().isEmpty()) {
                human.append(" (").append(imported.unverified().size()).append(" unverified until checked on chain)");
            }
            if (imported.checksumValid() != null) {
                human.append("\n  Transaction Builder checksum ").append(imported.checksumValid() ? "valid" : "NOT VALID");
            }
            SafeCommand.putFields(node, r);
            human.append(SafeCommand.fieldLines(r));
            output.result(node, human.toString());
        }
    }
}
