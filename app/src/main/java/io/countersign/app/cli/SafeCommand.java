package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.SafeExecutor;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeTxHashes;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code countersign safe …}: Safe transactions from proposal to execution. */
@Command(name = "safe", mixinStandardHelpOptions = true, description = "Propose, hash, sign, merge and execute Safe transactions.")
final class SafeCommand {
    @ParentCommand
    CountersignCommand root;

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Read a Safe's version, owners, threshold and nonce.")
    static final class Info implements Runnable {
        @ParentCommand
        SafeCommand safe;

        @Option(names = "--safe", required = true, paramLabel = "ADDRESS")
        String address;

        @Override
        public void run() {
            Output out = safe.root.output();
            try (AppContext ctx = safe.root.context()) {
                SafeState s = SafeState.read(ctx.rpc("safe info"), Address.parse(address, "--safe"));
                var node = out.object();
                node.put("address", s.address().toString());
                node.put("version", s.version().text());
                var owners = node.putArray("owners");
                s.owners().forEach(o -> owners.add(o.toString()));
                node.put("threshold", s.threshold());
                node.put("nonce", s.nonce().toString());
                node.put("chainId", s.chainId().toString());
                out.result(node, "Safe " + s.address() + " " + s.version() + " on " + io.countersign.eth.Chains.describe(s.chainId())
                        + "\n  threshold " + s.threshold() + " of " + s.owners().size() + ", nonce " + s.nonce()
                        + "\n  owners " + String.join("\n         ", s.owners().stream().map(Address::toString).toList()));
            }
        }
    }

    @Command(name = "hash", mixinStandardHelpOptions = true, description = "Print the safeTxHash, domain hash and message hash of a request (offline).")
    static final class Hash implements Runnable {
        @ParentCommand
        SafeCommand safe;

        @Parameters(paramLabel = "REQ")
        Path request;

        @Override
        public void run() {
            Output out = safe.root.output();
            SafeRequest r = RequestFile.read(request);
            SafeTxHashes h = r.hashes();
            var node = out.object();
            node.put("safeTxHash", h.safeTxHashHex());
            node.put("domainHash", Hex.encode(h.domainHash()));
            node.put("messageHash", Hex.encode(h.messageHash()));
            node.put("chainId", r.chainId().toString());
            node.put("safe", r.safe().toString());
            node.put("nonce", r.tx().nonce().toString());
            putFields(node, r);
            out.result(node, "safeTxHash    " + h.safeTxHashHex() + "\ndomain hash   " + Hex.encode(h.domainHash())
                    + "\nmessage hash  " + Hex.encode(h.messageHash()) + "\n(Safe " + r.safe() + " " + r.safeVersion()
                    + " on " + r.chainName() + ", nonce " + r.tx().nonce() + ")" + fieldLines(r));
        }
    }

    /**
     * The ten SafeTx fields for {@code --json}, as {@code "safeTx"}: {@code to}, {@code value} (wei,
     * decimal string), {@code data} ({@code 0x} hex), {@code operation} (0 CALL, 1 DELEGATECALL, 2
     * CREATE), {@code safeTxGas}, {@code baseGas} ({@code dataGas} for Safe 0.1.0), {@code gasPrice}
     * (decimal strings), {@code gasToken}, {@code refundReceiver} (checksummed; the zero address
     * means ether and {@code tx.origin}), {@code nonce}; and {@code "refundFields"}: the names of the
     * non-zero refund fields (what text output marks {@code !}).
     */
    static void putFields(tools.jackson.databind.node.ObjectNode node, SafeRequest r) {
        io.countersign.multisig.SafeTx tx = r.tx();
        var f = node.putObject("safeTx");
        f.put("to", tx.to().toString());
        f.put("value", tx.value().toString());
        f.put("data", Hex.encode(tx.data()));
        f.put("operation", tx.operation().code());
        f.put("safeTxGas", tx.safeTxGas().toString());
        f.put(r.safeVersion().sixthFieldName(), tx.baseGas().toString());
        f.put("gasPrice", tx.gasPrice().toString());
        f.put("gasToken", tx.gasToken().toString());
        f.put("refundReceiver", tx.refundReceiver().toString());
        f.put("nonce", tx.nonce().toString());
        var marked = node.putArray("refundFields");
        io.countersign.multisig.SafeTxFields.of(tx, r.safeVersion()).stream().filter(x -> x.highlighted())
                .forEach(x -> marked.add(x.name()));
    }

    /** The ten SafeTx fields, one per line, non-zero refund fields marked {@code !}. */
    static String fieldLines(SafeRequest r) {
        StringBuilder b = new StringBuilder();
        io.countersign.multisig.SafeTxFields.of(r.tx(), r.safeVersion()).forEach(f -> b.append("\n  ").append(f.text()));
        return b.toString();
    }

    @Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge the signatures of several copies of one request, "
            + "or of eth-signature codes (QR images or ur: text files) returned by a QR wallet or an offline Countersign.")
    static final class Merge implements Runnable {
        @ParentCommand
        SafeCommand safe;

        @Parameters(paramLabel = "REQ", arity = "2..*")
        List<Path> requests;

        @Option(names = "--out", required = true, paramLabel = "REQ")
        Path outFile;

        @Override
        public void run() {
            Output out = safe.root.output();
            SafeRequest merged = RequestFile.read(requests.getFirst());
            List<String> fromCodes = new java.util.ArrayList<>();
            List<QrMerge.Collected> collected = new java.util.ArrayList<>();
            for (Path p : requests.subList(1, requests.size())) {
                if (io.countersign.airgap.CodeFiles.looksLikeCode(p)) {
                    merged = QrMerge.add(safe.root, merged, p, fromCodes, collected);
                    continue;
                }
                merged = io.countersign.app.session.RequestMerge.add(merged, p);
            }
            QrMerge.journal(safe.root, merged, outFile, collected);
            RequestFile.write(merged, outFile);
            var node = out.object();
            if (!fromCodes.isEmpty()) {
                var matched = node.putArray("fromCodes");
                fromCodes.forEach(matched::add);
            }
            var sigs = node.putArray("signatures");
            merged.signatures().forEach(s -> sigs.addObject().put("signer", s.signer().toString()).put("method", s.method().id()));
            node.put("safeTxHash", merged.hashes().safeTxHashHex());
            String of = merged.threshold() > 0 ? " of " + merged.threshold() : "";
            out.result(node, (merged.threshold() > 0 ? merged.signatures().size() + of + " signatures"
                    : Plural.of(merged.signatures().size(), "signature")) + " in " + outFile + " (safeTxHash "
                    + merged.hashes().safeTxHashHex() + ")");
        }
    }

    @Command(name = "calldata", mixinStandardHelpOptions = true, description = "execTransaction calldata with sorted, packed signatures, for a broadcaster.")
    static final class Calldata implements Runnable {
        @ParentCommand
        SafeCommand safe;

        @Parameters(paramLabel = "REQ")
        Path request;

        @Override
        public void run() {
            Output out = safe.root.output();
            SafeExecutor.ExecCalldata c;
            try (AppContext ctx = safe.root.context()) {
                c = new SafeExecutor(ctx, new CliListener(out)).calldata(request);
            }
            var node = out.object();
            node.put("to", c.to().toString());
            node.put("data", Hex.encode(c.data()));
            node.put("value", c.value().toString());
            out.result(node, "to   " + c.to() + "\ndata " + Hex.encode(c.data()));
        }
    }
}
