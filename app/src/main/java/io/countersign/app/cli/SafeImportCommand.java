package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.SafeProposer;
import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.json.JsonErrors;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeImport;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code safe import}: a Transaction Builder batch or a Transaction Service transaction becomes a request. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import Safe Transaction Builder batch JSON or Transaction Service JSON.")
final class SafeImportCommand implements Runnable {
    @ParentCommand
    SafeCommand safe;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--safe", required = true, paramLabel = "ADDRESS")
    String safeAddress;

    @Option(names = "--out", required = true, paramLabel = "REQ")
    Path out;

    @Option(names = "--nonce", paramLabel = "N", description = "For a batch: the SafeTx nonce (default: next free).")
    BigInteger nonce;

    @Option(names = "--multisend", paramLabel = "ADDRESS", description = "MultiSendCallOnly for batches of several calls.")
    String multiSend;

    @Override
    public void run() {
        Output output = safe.root.output();
        try (AppContext ctx = safe.root.context()) {
            if (ctx.rpcIfOnline().isEmpty()) {
                throw new CountersignException.Usage("import reads the Safe's chain, version, owners and nonce: give --rpc URL");
            }
            SafeProposer proposer = new SafeProposer(ctx);
            SafeProposer.SafeFacts facts = proposer.facts(Address.parse(safeAddress, "--safe"));
            Address ms = multiSend != null ? Address.parse(multiSend, "--multisend") : SafeProposer.defaultMultiSend(facts.version());
            String json;
            try {
                json = JsonErrors.utf8(file.toString(), Files.readAllBytes(file));
            } catch (java.io.IOException e) {
                throw new CountersignException.Usage("cannot read " + file + ": " + e.getMessage());
            }
            var target = new SafeImport.Target(facts.chainId(), facts.safe(), facts.version(),
                    nonce != null ? nonce : proposer.nextFreeNonce(facts), facts.owners(), facts.threshold(), ms);
            SafeRequest r;
            try {
                r = SafeImport.importJson(json, target);
            } catch (EthException.InvalidInputException e) {
                throw new EthException.InvalidInputException(file + ": " + e.getMessage(), e);
            }
            RequestFile.write(r, out);
            var node = output.object();
            node.put("safeTxHash", r.hashes().safeTxHashHex());
            node.put("signatures", r.signatures().size());
            output.result(node, "Imported into " + out + "\n  safeTxHash " + r.hashes().safeTxHashHex() + "\n  "
                    + r.signatures().size() + " signatures carried over");
        }
    }
}
