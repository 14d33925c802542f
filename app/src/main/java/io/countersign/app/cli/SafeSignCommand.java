package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.SafeExecutor;
import io.countersign.app.session.SafeSigningSession;
import io.countersign.eth.Hex;
import io.countersign.eth.Signer;
import io.countersign.multisig.SignatureMethod;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code safe sign}: policy, then device; the checked signature is added to the request in place. */
@Command(name = "sign", mixinStandardHelpOptions = true, description = "Check the policy, sign on the device, verify, and add the signature to REQ in place.")
final class SafeSignCommand implements Runnable {
    @ParentCommand
    SafeCommand safe;

    @Parameters(paramLabel = "REQ")
    Path request;

    @Mixin
    SignerOptions signerOptions;

    @Option(names = "--method", paramLabel = "eip712|eth_sign", defaultValue = "eip712",
            description = "EIP-712 SafeTx (default; devices show the fields) or a personal message over the safeTxHash.")
    String method;

    @Option(names = "--no-simulate", description = "Do not simulate the request on the node before the policy decides "
            + "(journalled; docs/simulation.md).")
    boolean noSimulate;

    @Override
    public void run() {
        Output output = safe.root.output();
        CliListener listener = new CliListener(output);
        try (AppContext ctx = safe.root.context(); Signer signer = signerOptions.open(ctx, listener)) {
            SafeSigningSession.Signed signed = new SafeSigningSession(ctx, listener.readWith(ctx)).simulating(!noSimulate)
                    .sign(request, signer, SignatureMethod.parse(method));
            var node = output.object();
            node.put("signer", signed.signer().toString());
            node.put("signature", signed.signature().encoded());
            node.put("method", signed.signature().method().id());
            node.put("safeTxHash", signed.hashes().safeTxHashHex());
            node.put("signatures", signed.request().signatures().size());
            node.put("threshold", signed.request().threshold());
            SafeCommand.putFields(node, signed.request());
            if (listener.simulation != null) {
                node.set("simulation", io.countersign.eth.simulation.SimulationJson.toJson(listener.simulation));
            }
            if (listener.carried != null) {
                var c = node.putObject("carriedSimulation");
                c.put("label", listener.carried.label());
                c.put("verified", false);
                c.put("by", listener.carried.by());
                c.put("hashMatches", listener.carried.hashMatches());
                c.set("result", io.countersign.eth.simulation.SimulationJson.toJson(listener.carried.simulation()));
            }
            output.result(node, "Signed by " + signed.signer() + " (" + signed.request().signatures().size() + " of "
                    + signed.request().threshold() + ")\n  safeTxHash " + signed.hashes().safeTxHashHex());
        }
    }

    /** {@code safe exec}: broadcasts execTransaction once the threshold is met. */
    @Command(name = "exec", mixinStandardHelpOptions = true, description = "Simulate, then broadcast execTransaction once the threshold is met.")
    static final class Exec implements Runnable {
        @ParentCommand
        SafeCommand safe;

        @Parameters(paramLabel = "REQ")
        Path request;

        @Mixin
        SignerOptions signerOptions;

        @Override
        public void run() {
            Output output = safe.root.output();
            CliListener listener = new CliListener(output);
            try (AppContext ctx = safe.root.context(); Signer signer = signerOptions.open(ctx, listener)) {
                SafeExecutor.Executed done = new SafeExecutor(ctx, listener.readWith(ctx)).execute(request, signer);
                var node = output.object();
                node.put("txHash", Hex.encode(done.txHash()));
                node.put("success", done.success());
                node.put("blockNumber", done.blockNumber().toString());
                output.result(node, (done.success() ? "Executed" : "Mined but the Safe reported failure") + ": "
                        + Hex.encode(done.txHash()) + " in block " + done.blockNumber());
                if (!done.success()) {
                    throw new io.countersign.app.session.CountersignException.Refused("the Safe transaction failed on chain (ExecutionFailure)");
                }
            }
        }
    }
}
