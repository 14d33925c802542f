package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.eth.Address;
import io.countersign.eth.Signer;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code countersign address}: an account's address, shown on the device with {@code --verify}. */
@Command(name = "address", mixinStandardHelpOptions = true, description = "Print an account's address (--verify shows it on the device).")
final class AddressCommand implements Runnable {
    @ParentCommand
    CountersignCommand root;

    @Mixin
    SignerOptions signerOptions;

    @Option(names = "--verify", description = "Show the address on the device for the holder to compare.")
    boolean verify;

    @Option(names = "--chain-id", paramLabel = "C", description = "With --verify: the network the device names.")
    BigInteger chainId;

    @Override
    public void run() {
        Output output = root.output();
        try (AppContext ctx = root.context(); Signer signer = signerOptions.open(ctx, new CliListener(output))) {
            Address a = verify ? AddressVerification.verify(signer, chainId, output) : signer.address();
            io.countersign.app.session.Signers.release(signer);
            var node = output.object();
            node.put("address", a.toString());
            node.put("path", signerOptions.path);
            output.result(node, a + " (" + signerOptions.path + ")");
        }
    }
}
