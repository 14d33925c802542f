package io.countersign.eth.simulation;

import io.countersign.eth.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node's simulation of one transaction showed: whether it succeeded, and every movement
 * of value, approval and Safe configuration change it made. Built by
 * {@code multisig.SafeSimulator}; read back from a request file's {@code meta.simulation} by
 * {@link SimulationJson} (then it is only as trustworthy as that file).
 *
 * @param method the node method that ran it: {@code eth_simulateV1}, {@code debug_traceCall}
 *     or {@code eth_call}
 * @param node the node's scheme, host and port (never its path or query, which may hold an API key)
 * @param block the block whose state the simulation started from
 * @param success whether the transaction did what it was asked (for a Safe: the SafeTx's call
 *     succeeded, not merely {@code execTransaction})
 * @param revertReason why it failed, when it failed and the reason is known
 * @param gasUsed gas the transaction used, empty when the method does not report it ({@code eth_call})
 * @param movementsSeen false when the method cannot see transfers ({@code eth_call}): then the
 *     lists are empty because nothing could be seen, not because nothing moved
 * @param sender the account the simulation sent the transaction from (for a Safe: the owner
 *     standing in for the executor, who is {@code tx.origin})
 * @param transfers every movement of ether and tokens, in execution order
 * @param approvals every approval event, whoever set it
 * @param safeChanges the Safe's configuration events
 * @param notes what the simulation could not do, for a person
 */
public record Simulation(String method, String node, BigInteger block, boolean success, Optional<String> revertReason,
        Optional<BigInteger> gasUsed, boolean movementsSeen, Address sender, List<Transfer> transfers,
        List<TokenApproval> approvals, List<SafeConfigChange> safeChanges, List<String> notes) {

    public Simulation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(revertReason, "revertReason");
        Objects.requireNonNull(gasUsed, "gasUsed");
        Objects.requireNonNull(sender, "sender");
        transfers = List.copyOf(transfers);
        approvals = List.copyOf(approvals);
        safeChanges = List.copyOf(safeChanges);
        notes = List.copyOf(notes);
    }

    /** The transfers out of {@code account} (amount above zero). */
    public List<Transfer> outflows(Address account) {
        return transfers.stream().filter(t -> t.from().equals(account) && !t.to().equals(account) && t.amount().signum() > 0)
                .toList();
    }

    /** The transfers into {@code account} (amount above zero). */
    public List<Transfer> inflows(Address account) {
        return transfers.stream().filter(t -> t.to().equals(account) && !t.from().equals(account) && t.amount().signum() > 0)
                .toList();
    }

    /** The approvals {@code owner} set. */
    public List<TokenApproval> approvalsBy(Address owner) {
        return approvals.stream().filter(a -> a.owner().equals(owner)).toList();
    }

    /** {@code "simulated with eth_simulateV1 at block 123 on http://127.0.0.1:8545"}. */
    public String provenance() {
        return "simulated with " + method + " at block " + block + " on " + node;
    }
}
