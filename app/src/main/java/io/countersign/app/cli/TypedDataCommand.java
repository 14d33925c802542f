package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.PlainSigning;
import io.countersign.eth.Hex;
import io.countersign.eth.Signer;
import io.countersign.eth.TypedData;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code countersign typed-data sign FILE}: EIP-712 ({@code eth_signTypedData_v4} JSON). */
@Command(name = "typed-data", mixinStandardHelpOptions = true, description = "EIP-712 typed data.")
final class TypedDataCommand {
    @ParentCommand
    CountersignCommand root;

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign EIP-712 typed data from an eth_signTypedData_v4 JSON file.")
    static final class Sign implements Runnable {
        @ParentCommand
        TypedDataCommand typed;

        @Parameters(paramLabel = "FILE", arity = "0..1", description = "eth_signTypedData_v4 JSON (preferred: devices show the fields).")
        Path file;

        @picocli.CommandLine.Option(names = "--domain-hash", paramLabel = "HEX",
                description = "Instead of FILE: the 32-byte domainSeparator (e.g. from `safe hash`), for apps too old to clear-sign.")
        String domainHash;

        @picocli.CommandLine.Option(names = "--message-hash", paramLabel = "HEX", description = "With --domain-hash: the 32-byte hashStruct(message).")
        String messageHash;

        @Mixin
        SignerOptions signerOptions;

        @Override
        public void run() {
            if ((file == null) == (domainHash == null) || (domainHash == null) != (messageHash == null)) {
                throw new CountersignException.Usage("give a typed-data FILE, or --domain-hash and --message-hash (not both)");
            }
            if (file == null) {
                signHashes();
                return;
            }
            TypedData data;
            try {
                data = new TypedData(Files.readString(file));
            } catch (java.io.IOException e) {
                throw new CountersignException.Usage("cannot read " + file + ": " + e.getMessage());
            }
            Output output = typed.root.output();
            try (AppContext ctx = typed.root.context(); Signer signer = signerOptions.open(ctx, new CliListener(output))) {
                PlainSigning.SignedMessage s = new PlainSigning(ctx, new CliListener(output)).signTypedData(data, signer);
                var node = output.object();
                node.put("signature", s.signature().toHex());
                node.put("address", s.address().toString());
                node.put("domainHash", Hex.encode(data.domainHash()));
                node.put("messageHash", Hex.encode(data.messageHash()));
                output.result(node, "address      " + s.address() + "\nsignature    " + s.signature().toHex()
                        + "\ndomain hash  " + Hex.encode(data.domainHash()) + "\nmessage hash " + Hex.encode(data.messageHash()));
            }
        }

        private void signHashes() {
            byte[] domain = Hex.decode(domainHash, "--domain-hash", 32);
            byte[] message = Hex.decode(messageHash, "--message-hash", 32);
            Output output = typed.root.output();
            output.info("Warning: signing two hashes, not a document. Check that they are the hashes Countersign printed "
                    + "for the request you mean to approve; the device cannot tell you what they stand for.");
            try (AppContext ctx = typed.root.context(); Signer signer = signerOptions.open(ctx, new CliListener(output))) {
                PlainSigning.SignedMessage s = new PlainSigning(ctx, new CliListener(output)).signTypedDataHashes(domain, message, signer);
                var node = output.object();
                node.put("signature", s.signature().toHex());
                node.put("address", s.address().toString());
                node.put("domainHash", Hex.encode(domain));
                node.put("messageHash", Hex.encode(message));
                output.result(node, "address      " + s.address() + "\nsignature    " + s.signature().toHex());
            }
        }
    }
}
