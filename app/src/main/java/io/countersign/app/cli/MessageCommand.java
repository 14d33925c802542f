package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.PlainSigning;
import io.countersign.eth.Hex;
import io.countersign.eth.Signer;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code countersign message sign}: an EIP-191 personal message. */
@Command(name = "message", mixinStandardHelpOptions = true, description = "EIP-191 personal messages.")
final class MessageCommand {
    @ParentCommand
    CountersignCommand root;

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign an EIP-191 personal message (--text or --hex).")
    static final class Sign implements Runnable {
        @ParentCommand
        MessageCommand message;

        @Mixin
        SignerOptions signerOptions;

        @Option(names = "--text", paramLabel = "S", description = "UTF-8 text.")
        String text;

        @Option(names = "--hex", paramLabel = "H", description = "Raw bytes in hex.")
        String hex;

        @Override
        public void run() {
            if ((text == null) == (hex == null)) {
                throw new CountersignException.Usage("give exactly one of --text or --hex");
            }
            byte[] bytes = text != null ? text.getBytes(StandardCharsets.UTF_8) : Hex.decode(hex, "--hex");
            Output output = message.root.output();
            try (AppContext ctx = message.root.context(); Signer signer = signerOptions.open(ctx, new CliListener(output))) {
                PlainSigning.SignedMessage s = new PlainSigning(ctx, new CliListener(output)).signMessage(bytes, signer);
                var node = output.object();
                node.put("signature", s.signature().toHex());
                node.put("address", s.address().toString());
                output.result(node, "address   " + s.address() + "\nsignature " + s.signature().toHex());
            }
        }
    }
}
