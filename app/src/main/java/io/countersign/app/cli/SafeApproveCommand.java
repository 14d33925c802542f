package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.NestedApproval;
import io.countersign.app.session.SafeImporter;
import io.countersign.app.session.SafeProposer;
import io.countersign.eth.Address;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code safe approve REQ --via-safe PARENT}: a nested Safe's approval. Writes a request on
 * PARENT (an owner of REQ's Safe) that calls {@code approveHash(safeTxHash)} on REQ's Safe; once
 * PARENT has executed it, {@code safe exec REQ} and {@code safe calldata REQ} include PARENT's
 * approved-hash signature, checked on chain ({@link NestedApproval}).
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Have a parent Safe that owns REQ's Safe approve REQ: writes a request on the parent calling approveHash(safeTxHash).")
final class SafeApproveCommand implements Runnable {
    @ParentCommand
    SafeCommand safe;

    @Parameters(paramLabel = "REQ", description = "The child request to approve.")
    Path request;

    @Option(names = "--via-safe", required = true, paramLabel = "PARENT", description = "The Safe that owns REQ's Safe and approves through approveHash.")
    String parent;

    @Option(names = "--out", paramLabel = "PARENT_REQ", description = "Where to write the parent's request (default: the queue).")
    Path out;

    @Option(names = "--nonce", paramLabel = "N", description = "The parent's SafeTx nonce (default: its next free one).")
    BigInteger nonce;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "")
    String description;

    /** Offline: the parent Safe's facts; its chain is the child request's. */
    @Mixin
    SafeFactsOptions factOptions;

    @Override
    public void run() {
        Output output = safe.root.output();
        SafeRequest child = RequestFile.read(request);
        try (AppContext ctx = safe.root.context()) {
            Address parentSafe = Address.parse(parent, "--via-safe");
            SafeProposer proposer = new SafeProposer(ctx);
            SafeProposer.SafeFacts facts = ctx.rpcIfOnline().isPresent() ? proposer.facts(parentSafe) : offlineFacts(parentSafe, child);
            Path written = NestedApproval.propose(ctx, child, request, facts, nonce, description, out);
            SafeRequest r = RequestFile.read(written);
            var node = output.object();
            node.put("safeTxHash", r.hashes().safeTxHashHex());
            node.put("file", written.toString());
            node.put("nonce", r.tx().nonce().toString());
            node.put("safe", parentSafe.toString());
            node.put("approves", child.hashes().safeTxHashHex());
            node.put("approvesSafe", child.safe().toString());
            output.result(node, "Wrote " + written + ": Safe " + parentSafe + " calls approveHash(" + child.hashes().safeTxHashHex()
                    + ") on Safe " + child.safe() + "\n  safeTxHash " + r.hashes().safeTxHashHex() + "\n  nonce " + r.tx().nonce()
                    + ", needs " + facts.threshold() + " of " + facts.owners().size() + " of " + parentSafe + "'s owners' signatures"
                    + "\n  once it has executed, safe exec " + request + " counts " + parentSafe + "'s approval");
        }
    }

    private SafeProposer.SafeFacts offlineFacts(Address parentSafe, SafeRequest child) {
        SafeImporter.GivenFacts given = factOptions.given();
        if (given.chainId() != null && !given.chainId().equals(child.chainId())) {
            throw new CountersignException.Usage("--chain-id " + given.chainId() + " is not the chain of " + request + " ("
                    + child.chainId() + "): the parent Safe approves on its child's chain");
        }
        return new SafeImporter.GivenFacts(child.chainId(), given.safeVersion(), given.owners(), given.threshold())
                .offline("approve", parentSafe, "--threshold", nonce, true);
    }
}
