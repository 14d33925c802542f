package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.eth.simulation.Events;
import io.countersign.eth.simulation.NodeSimulator;
import io.countersign.eth.simulation.NodeSimulator.AccountOverride;
import io.countersign.eth.simulation.NodeSimulator.CallRequest;
import io.countersign.eth.simulation.SafeConfigChange;
import io.countersign.eth.simulation.Simulation;
import io.countersign.eth.simulation.TokenApproval;
import io.countersign.eth.simulation.Transfer;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simulates a Safe request as the Safe would execute it, before enough signatures exist
 * (docs/simulation.md).
 *
 * <p>How: {@code execTransaction} with the request's ten fields is called from an owner of the
 * Safe with {@code threshold} "approved hash" signatures ({@code r} = the owner, {@code s} = 0,
 * {@code v} = 1; Safe 1.0.0+), one per owner in ascending address order, and the Safe's storage
 * overridden for this call only so that each of those owners has approved the request's hash:
 * {@code approvedHashes[owner][safeTxHash] = 1}, slot {@code keccak256(safeTxHash .
 * keccak256(owner . 8))}. When the request's nonce is not the Safe's current one (a queued
 * request), {@code nonce} (slot 5) is set to it too. The threshold itself is not touched, so
 * everything that reads it (an owner change's {@code changeThreshold}, a guard) sees the real
 * one. Slots 5 and 8 are the same in every Safe from 1.0.0 to 1.4.1 (singleton 0, modules 1,
 * owners 2, owner count 3, threshold 4, nonce 5, domain separator 6, signed messages 7, approved
 * hashes 8). Everything else runs as it will: the guard's checks, the call or delegatecall, and
 * the gas refund ({@code handlePayment}); for an ether refund the call runs with
 * {@code tx.gasprice} = the SafeTx's {@code gasPrice}, the most the Safe pays.
 *
 * <p>The Safe's {@code ExecutionSuccess}/{@code ExecutionFailure} event names the hash it
 * executed; it must equal the request's safeTxHash, so the simulation provably ran the
 * transaction that is signed (with the nonce override) and not another.
 *
 * <p>The Safe's own {@code simulateAndRevert} with {@code SimulateTxAccessor} was not chosen: it
 * runs only the inner call, without the guard and without the refund.
 */
public final class SafeSimulator {
    private SafeSimulator() {}

    /** Storage slot of the {@code approvedHashes} mapping in Safe 1.0.0 – 1.4.1. */
    public static final BigInteger APPROVED_HASHES_SLOT = BigInteger.valueOf(8);
    /** Storage slot of {@code nonce} in Safe 1.0.0 – 1.4.1. */
    public static final BigInteger NONCE_SLOT = BigInteger.valueOf(5);

    /**
     * Simulates {@code request} at the node's latest block.
     *
     * @param owners the Safe's owners as the chain reports them now (the first stands in for the executor)
     * @param threshold the Safe's threshold as the chain reports it now
     * @param currentNonce the Safe's nonce as the chain reports it now
     * @param methods the node methods to try, in order (see {@link NodeSimulator#METHODS})
     * @throws EthException.InvalidInputException a Safe before 1.0.0, or no owner to send from
     * @throws EthException.RpcException the node cannot be reached or answers no method, or the
     *     simulated Safe executed another hash than the request's
     */
    public static Simulation simulate(EthRpc rpc, SafeRequest request, List<Address> owners, int threshold,
            BigInteger currentNonce, List<String> methods) {
        return simulate(rpc, request, owners, threshold, currentNonce, methods, null);
    }

    /**
     * As {@link #simulate(EthRpc, SafeRequest, List, int, BigInteger, List)}, at {@code block}
     * (e.g. the number read with the Safe's state, {@link SafeState#readLatest}): with a node
     * that offers {@code eth_simulateV1} the simulation is then one JSON-RPC request.
     *
     * @param block the block to simulate on, or {@code null} to read the latest first
     */
    public static Simulation simulate(EthRpc rpc, SafeRequest request, List<Address> owners, int threshold,
            BigInteger currentNonce, List<String> methods, BigInteger block) {
        if (request.safeVersion().major() < 1) {
            throw new EthException.InvalidInputException("Safe " + request.safeVersion() + " is not simulated: its storage "
                    + "layout and signature checks predate 1.0.0");
        }
        if (owners.isEmpty() || threshold < 1 || threshold > owners.size()) {
            throw new EthException.InvalidInputException("Safe " + request.safe() + " reports " + owners.size()
                    + " owners and threshold " + threshold + ": nothing to simulate from");
        }
        Address sender = owners.getFirst();
        SafeTx tx = request.tx();
        byte[] safeTxHash = request.hashes().safeTxHash();
        List<Address> approvers = owners.stream().limit(threshold)
                .sorted(java.util.Comparator.comparing(Address::toLowerHex)).toList();
        byte[] signatures = new byte[65 * approvers.size()];
        Map<BigInteger, byte[]> safeSlots = new java.util.LinkedHashMap<>();
        for (int i = 0; i < approvers.size(); i++) {
            System.arraycopy(approvers.get(i).bytes(), 0, signatures, 65 * i + 12, 20);
            signatures[65 * i + 64] = 1;
            safeSlots.put(approvedHashSlot(approvers.get(i), safeTxHash), word(BigInteger.ONE));
        }
        if (!tx.nonce().equals(currentNonce)) {
            safeSlots.put(NONCE_SLOT, word(tx.nonce()));
        }
        boolean etherRefund = tx.gasPrice().signum() > 0 && tx.gasToken().equals(Address.ZERO);
        Map<Address, AccountOverride> overrides = new java.util.LinkedHashMap<>();
        overrides.put(request.safe(), new AccountOverride(Optional.empty(), safeSlots));
        if (etherRefund) {
            overrides.put(sender, new AccountOverride(Optional.of(BigInteger.TEN.pow(30)), Map.of()));
        }
        CallRequest call = new CallRequest(sender, request.safe(), SafeAbi.execTransaction(tx, signatures),
                etherRefund ? Optional.of(tx.gasPrice()) : Optional.empty(), overrides);
        NodeSimulator.Run run = block == null ? NodeSimulator.run(rpc, call, methods)
                : NodeSimulator.run(rpc, call, methods, block);

        List<Transfer> transfers = new ArrayList<>();
        List<TokenApproval> approvals = new ArrayList<>();
        List<SafeConfigChange> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>(run.notes());
        Optional<Boolean> executed = Optional.empty();
        byte[] expected = request.hashes().safeTxHash();
        for (NodeSimulator.Event e : run.events()) {
            switch (e) {
                case NodeSimulator.Event.Value v -> transfers.add(v.transfer());
                case NodeSimulator.Event.Logged l -> {
                    Events.Log log = l.log();
                    if (log.address().equals(request.safe())
                            && (log.is(Events.EXECUTION_SUCCESS) || log.is(Events.EXECUTION_FAILURE))) {
                        byte[] hash = log.topics().size() >= 2 ? log.topics().get(1)
                                : log.data().length >= 32 ? Arrays.copyOf(log.data(), 32) : new byte[0];
                        if (!Arrays.equals(hash, expected)) {
                            throw new EthException.RpcException("the simulated Safe executed SafeTx " + Hex.encode(hash)
                                    + ", not the request's " + Hex.encode(expected) + ": the node's Safe is not the one the "
                                    + "request was made for, so the simulation says nothing about it", null, null);
                        }
                        executed = Optional.of(log.is(Events.EXECUTION_SUCCESS));
                        continue;
                    }
                    transfers.addAll(Events.transfers(log));
                    Events.approval(log).ifPresent(approvals::add);
                    Events.safeChange(log, request.safe()).ifPresent(changes::add);
                }
            }
        }
        boolean success;
        Optional<String> reason = Optional.empty();
        if (!run.success()) {
            success = false;
            reason = Optional.of(innerReason(rpc, request, call, run, methods));
        } else if (executed.isPresent()) {
            success = executed.get();
            if (!success) {
                reason = Optional.of(innerReason(rpc, request, call, run, methods));
            }
        } else if (!run.movementsSeen()) {
            // eth_call: execTransaction returns the inner call's success as a bool
            success = run.returnData().length == 32 && new BigInteger(1, run.returnData()).equals(BigInteger.ONE);
            if (!success) {
                reason = Optional.of("execTransaction returned false: the call failed (eth_call shows no reason)");
            }
        } else {
            throw new EthException.RpcException("the simulated execTransaction emitted neither ExecutionSuccess nor "
                    + "ExecutionFailure: the contract at " + request.safe() + " does not behave as a Safe", null, null);
        }
        if (!success) {
            // a failed call's movements are rolled back; the refund (if any) is still paid and stays listed
            notes.add("the SafeTx's call fails: only the gas refund, if any, would move");
        }
        return new Simulation(run.method(), nodeName(rpc.client().endpoint()), run.block(), success, reason,
                run.gasUsed(), run.movementsSeen(), sender, transfers, approvals, changes, notes);
    }

    /**
     * Why the SafeTx's call failed. A trace names the innermost failed frame's reason; otherwise, for
     * a plain CALL, the call is repeated from the Safe with {@code eth_call} to read its revert data;
     * a DELEGATECALL's reason is known only from a trace.
     */
    private static String innerReason(EthRpc rpc, SafeRequest request, CallRequest call, NodeSimulator.Run run,
            List<String> methods) {
        if (run.method().equals("debug_traceCall")) {
            return NodeSimulator.revertText(run.innerRevert().orElse(new byte[0]));
        }
        if (methods.contains("debug_traceCall")) {
            try {
                NodeSimulator.Run traced = NodeSimulator.run(rpc, call, List.of("debug_traceCall"), run.block());
                if (traced.innerRevert().isPresent()) {
                    return NodeSimulator.revertText(traced.innerRevert().get());
                }
            } catch (EthException.RpcException e) {
                if (e.code() == null) {
                    throw e;
                }
            }
        }
        SafeTx tx = request.tx();
        String top = run.innerRevert().map(NodeSimulator::revertText).orElse("no reason given");
        if (tx.operation() == Operation.CALL) {
            try {
                java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
                c.put("from", request.safe().toLowerHex());
                c.put("to", tx.to().toLowerHex());
                c.put("value", "0x" + tx.value().toString(16));
                c.put("data", Hex.encode(tx.data()));
                rpc.client().call("eth_call", c, "0x" + run.block().toString(16));
            } catch (EthException.RpcException e) {
                if (e.data().isPresent() && e.data().get().startsWith("0x")) {
                    return NodeSimulator.revertText(Hex.decode(e.data().get(), "eth_call revert data"));
                }
            }
        }
        return top.equals("GS013") ? "GS013: the call failed (safeTxGas and gasPrice are 0, so the Safe reverts; "
                + "the node gives no trace to say why)" : top;
    }

    /** {@code keccak256(hash . keccak256(owner . 8))}: where {@code approvedHashes[owner][hash]} is stored. */
    static BigInteger approvedHashSlot(Address owner, byte[] hash) {
        byte[] inner = new byte[64];
        System.arraycopy(owner.bytes(), 0, inner, 12, 20);
        System.arraycopy(word(APPROVED_HASHES_SLOT), 0, inner, 32, 32);
        byte[] outer = new byte[64];
        System.arraycopy(hash, 0, outer, 0, 32);
        System.arraycopy(org.web3j.crypto.Hash.sha3(inner), 0, outer, 32, 32);
        return new BigInteger(1, org.web3j.crypto.Hash.sha3(outer));
    }

    /** Scheme, host and port of a node URL: never its path, query or user info, which may hold an API key. */
    public static String nodeName(URI endpoint) {
        String host = endpoint.getHost() == null ? "?" : endpoint.getHost();
        return endpoint.getScheme() + "://" + host + (endpoint.getPort() >= 0 ? ":" + endpoint.getPort() : "");
    }

    private static byte[] word(BigInteger v) {
        byte[] out = new byte[32];
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }
}
