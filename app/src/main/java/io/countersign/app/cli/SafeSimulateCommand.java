package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.ChainCheck;
import io.countersign.app.session.SafeSimulations;
import io.countersign.eth.simulation.NodeSimulator;
import io.countersign.eth.simulation.Simulation;
import io.countersign.eth.simulation.SimulationJson;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code safe simulate}: runs the request on the node as the Safe would execute it, before enough
 * signatures exist, and prints every movement of value, approval and Safe change
 * (docs/simulation.md). Journalled; the request file is not changed.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate REQ on the node (threshold and nonce overridden for the call only) and show what it moves.")
final class SafeSimulateCommand implements Runnable {
    @ParentCommand
    SafeCommand safe;

    @Parameters(paramLabel = "REQ")
    Path request;

    @Option(names = "--via", paramLabel = "METHOD",
            description = "Use only this node method: eth_simulateV1, debug_traceCall or eth_call (default: the first the node offers, in that order).")
    String via;

    @Override
    public void run() {
        Output output = safe.root.output();
        SafeRequest r = RequestFile.read(request);
        List<String> methods = NodeSimulator.METHODS;
        if (via != null) {
            if (!NodeSimulator.METHODS.contains(via)) {
                throw new io.countersign.app.session.CountersignException.Usage("--via " + via + ": expected one of "
                        + String.join(", ", NodeSimulator.METHODS));
            }
            methods = List.of(via);
        }
        try (AppContext ctx = safe.root.context()) {
            SafeState.Snapshot state = ChainCheck.readSafeLatest(ctx.rpc("safe simulate"), r, "nothing was simulated");
            Simulation s = SafeSimulations.run(ctx, r, state, methods);
            var node = output.object();
            node.put("safeTxHash", r.hashes().safeTxHashHex());
            node.setAll(SimulationJson.toJson(s));
            node.put("resultHash", SimulationJson.hash(s));
            StringBuilder human = new StringBuilder((s.success() ? "Succeeds" : "FAILS") + " when " + s.provenance()
                    + " (safeTxHash " + r.hashes().safeTxHashHex() + ")");
            for (SafeSimulations.Line line : SafeSimulations.lines(s, r.safe(), ctx.policy().policyDocument())) {
                human.append("\n  ").append(line.kind() == SafeSimulations.Line.Kind.WARNING ? "! " : "").append(line.text());
            }
            s.notes().forEach(n -> human.append("\n  note: ").append(n));
            output.result(node, human.toString());
        }
    }
}
