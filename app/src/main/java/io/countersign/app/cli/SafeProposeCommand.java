package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.SafeProposer;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code safe propose}: a call, an ERC-20 transfer, a batch, a rejection of a pending nonce, or
 * an owner or threshold change becomes a request file. Online, the Safe's facts come from the
 * chain; offline they are given with {@code --chain-id}, {@code --safe-version}, {@code --owners}
 * (in {@code getOwners()} order), {@code --threshold} (or {@code --safe-threshold}) and
 * {@code --nonce}. With {@code --add-owner} and {@code --remove-owner}, {@code --threshold} is the
 * new threshold and the Safe's current one is {@code --safe-threshold}.
 */
@Command(name = "propose", mixinStandardHelpOptions = true,
        description = "Write a request file for a call, an ERC-20 transfer, a batch, a rejection (--reject), or an owner or threshold change.")
final class SafeProposeCommand implements Runnable {
    @ParentCommand
    SafeCommand safe;

    @Option(names = "--safe", required = true, paramLabel = "ADDRESS")
    String safeAddress;

    @Option(names = "--to", paramLabel = "ADDRESS", description = "The called account, or the token recipient with --erc20.")
    String to;

    @Option(names = "--value", paramLabel = "AMOUNT", description = ValueAmount.HELP)
    String value;

    @Option(names = "--data", paramLabel = "HEX", description = "Calldata (default: none).")
    String data;

    @Option(names = "--operation", paramLabel = "call|delegatecall", description = "Default: call.")
    String operation;

    @Option(names = "--erc20", paramLabel = "TOKEN", description = "Propose a transfer of this ERC-20 token to --to.")
    String token;

    @Option(names = "--amount", paramLabel = "UNITS", description = "With --erc20: in token units (e.g. 1.5), not base units.")
    String amount;

    @Option(names = "--decimals", paramLabel = "N", description = "With --erc20: the token's decimals (read from the token when online).")
    Integer decimals;

    @Option(names = "--batch", paramLabel = "FILE", description = "JSON array of {to, value, data}; runs through MultiSendCallOnly.")
    Path batch;

    @Option(names = "--multisend", paramLabel = "ADDRESS", description = "MultiSendCallOnly for --batch (default: the canonical one for the Safe's version).")
    String multiSend;

    @Option(names = "--nonce", paramLabel = "N", description = "SafeTx nonce (default: the next one not taken in the queue).")
    BigInteger nonce;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "")
    String description;

    @Option(names = "--out", paramLabel = "REQ", description = "Where to write (default: the queue in the data folder).")
    Path out;

    @Mixin
    SafeFactsOptions factOptions;

    @Option(names = "--safe-threshold", paramLabel = "T", description = "Offline: the Safe's current threshold.")
    Integer safeThreshold;

    @Option(names = "--reject", description = "Reject the pending request at --nonce N: a zero-value call of the Safe to itself "
            + "that uses up the nonce (as Safe{Wallet} does).")
    boolean reject;

    @Option(names = "--add-owner", paramLabel = "ADDRESS", description = "addOwnerWithThreshold(ADDRESS, --threshold).")
    String addOwner;

    @Option(names = "--remove-owner", paramLabel = "ADDRESS", description = "removeOwner(previous owner, ADDRESS, --threshold); "
            + "the previous owner in the Safe's list comes from getOwners (offline: from --owners, in getOwners order).")
    String removeOwner;

    @Option(names = "--swap-owner", paramLabel = "OLD", description = "swapOwner(previous owner, OLD, --new-owner).")
    String swapOwner;

    @Option(names = "--new-owner", paramLabel = "NEW", description = "With --swap-owner: the owner that replaces OLD.")
    String newOwner;

    @Option(names = "--change-threshold", paramLabel = "T", description = "changeThreshold(T).")
    Integer changeThreshold;

    @Override
    public void run() {
        Output output = safe.root.output();
        try (AppContext ctx = safe.root.context()) {
            SafeProposer proposer = new SafeProposer(ctx);
            Address safeAddr = Address.parse(safeAddress, "--safe");
            SafeProposer.SafeFacts facts = ctx.rpcIfOnline().isPresent() ? proposer.facts(safeAddr) : offlineFacts(safeAddr);
            Call call = call(ctx, proposer, facts);
            Path written = proposer.propose(facts, call, nonce, description.isEmpty() ? defaultDescription() : description, out);
            SafeRequest r = RequestFile.read(written);
            var node = output.object();
            node.put("safeTxHash", r.hashes().safeTxHashHex());
            node.put("file", written.toString());
            node.put("nonce", r.tx().nonce().toString());
            var competing = node.putArray("competing");
            for (SafeProposer.Pending p : proposer.competing(facts, r.tx().nonce(), r.hashes().safeTxHashHex())) {
                competing.addObject().put("safeTxHash", p.safeTxHash()).put("file", p.where());
                output.info("warning: nonce " + p.nonce() + " is also held by pending request " + p.safeTxHash() + " ("
                        + p.where() + "): only one of them can execute, the other then becomes void");
            }
            SafeCommand.putFields(node, r);
            output.result(node, "Wrote " + written + "\n  safeTxHash " + r.hashes().safeTxHashHex() + "\n  nonce " + r.tx().nonce()
                    + ", needs " + facts.threshold() + " of " + facts.owners().size() + " owners' signatures"
                    + SafeCommand.fieldLines(r));
        }
    }

    /** Whether a Safe-management form (rejection, owners, threshold) was asked for. */
    private int adminForms() {
        return (reject ? 1 : 0) + (addOwner != null ? 1 : 0) + (removeOwner != null ? 1 : 0) + (swapOwner != null ? 1 : 0)
                + (changeThreshold != null ? 1 : 0);
    }

    /** Whether --threshold is the new threshold of an owner change rather than an offline fact. */
    private boolean thresholdIsNew() {
        return addOwner != null || removeOwner != null;
    }

    private String defaultDescription() {
        if (reject) {
            return "Rejection of nonce " + nonce;
        }
        if (addOwner != null) {
            return "Add owner " + addOwner + (factOptions.threshold != null ? ", threshold " + factOptions.threshold : "");
        }
        if (removeOwner != null) {
            return "Remove owner " + removeOwner + (factOptions.threshold != null ? ", threshold " + factOptions.threshold : "");
        }
        if (swapOwner != null) {
            return "Replace owner " + swapOwner + " by " + newOwner;
        }
        if (changeThreshold != null) {
            return "Change threshold to " + changeThreshold;
        }
        return "";
    }

    /** The Safe-management forms: --reject, --add-owner, --remove-owner, --swap-owner, --change-threshold. */
    private Call adminCall(SafeProposer.SafeFacts facts) {
        if (adminForms() > 1) {
            throw new CountersignException.Usage("give one of --reject, --add-owner, --remove-owner, --swap-owner, --change-threshold");
        }
        if (to != null || value != null || data != null || operation != null || token != null || amount != null || batch != null) {
            throw new CountersignException.Usage("--reject, --add-owner, --remove-owner, --swap-owner and --change-threshold "
                    + "make the call themselves: give no --to, --value, --data, --operation, --erc20, --amount or --batch");
        }
        if (newOwner != null && swapOwner == null) {
            throw new CountersignException.Usage("--new-owner goes with --swap-owner OLD");
        }
        if (reject) {
            if (nonce == null) {
                throw new CountersignException.Usage("--reject needs --nonce N: the nonce of the pending request to replace");
            }
            return SafeProposer.rejection(facts);
        }
        if (addOwner != null) {
            return SafeProposer.addOwner(facts, Address.parse(addOwner, "--add-owner"), factOptions.threshold);
        }
        if (removeOwner != null) {
            return SafeProposer.removeOwner(facts, Address.parse(removeOwner, "--remove-owner"), factOptions.threshold);
        }
        if (swapOwner != null) {
            if (newOwner == null) {
                throw new CountersignException.Usage("--swap-owner OLD needs --new-owner NEW");
            }
            return SafeProposer.swapOwner(facts, Address.parse(swapOwner, "--swap-owner"), Address.parse(newOwner, "--new-owner"));
        }
        return SafeProposer.changeThreshold(facts, changeThreshold);
    }

    /**
     * Exactly one of the forms: --to/--value[/--data/--operation], --erc20/--to/--amount, --batch,
     * or a Safe-management form ({@link #adminCall}).
     */
    private Call call(AppContext ctx, SafeProposer proposer, SafeProposer.SafeFacts facts) {
        if (adminForms() > 0 || newOwner != null) {
            return adminCall(facts);
        }
        if (batch != null) {
            if (to != null || value != null || data != null || token != null || amount != null) {
                throw new CountersignException.Usage("--batch stands alone: the calls are in the file");
            }
            Address ms = multiSend != null ? Address.parse(multiSend, "--multisend") : SafeProposer.defaultMultiSend(facts.version());
            return proposer.batch(batch, ms);
        }
        if (to == null) {
            throw new CountersignException.Usage("give --to with --value (a call), or --erc20 with --to and --amount, or --batch FILE");
        }
        if (token != null) {
            if (amount == null || value != null || data != null || operation != null) {
                throw new CountersignException.Usage("--erc20 takes --to and --amount (token units) and no --value/--data/--operation");
            }
            return proposer.erc20Transfer(Address.parse(token, "--erc20"), Address.parse(to, "--to"), amount, decimals);
        }
        if (value == null || amount != null) {
            throw new CountersignException.Usage("a call needs --value AMOUNT (0 for none; wei, or with its unit: 1.5ether); --amount goes with --erc20");
        }
        List<io.countersign.eth.intent.TokenInfo> tokens = ctx.policy().policyDocument().map(p -> p.tokens()).orElse(List.of());
        ValueAmount.Amount v = ValueAmount.parse(value, "--value", tokens);
        if (v instanceof ValueAmount.Token t) {
            if (data != null || (operation != null && !operation.equals("call"))) {
                throw new CountersignException.Usage("--value " + value + " is a token amount: the request is the token's transfer("
                        + "--to, amount), so give no --data or --operation");
            }
            return proposer.policyTokenTransfer(t.token(), Address.parse(to, "--to"), t.baseUnits());
        }
        return new Call(Address.parse(to, "--to"), ((ValueAmount.Native) v).wei(), Hex.decode(data == null ? "0x" : data, "--data"),
                Operation.parse(operation == null ? "call" : operation));
    }

    private SafeProposer.SafeFacts offlineFacts(Address safeAddr) {
        Integer current = thresholdIsNew() ? safeThreshold : safeThreshold != null ? safeThreshold : factOptions.threshold;
        String option = thresholdIsNew() || safeThreshold != null ? "--safe-threshold" : "--threshold";
        return factOptions.given(current).offline("propose", safeAddr, option, nonce, true);
    }
}
