package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeSignature;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Nested Safes: an owner of a Safe (the child) that is itself a Safe (the parent) approves a
 * child request by having the parent call {@code approveHash(safeTxHash)} on the child. The
 * parent's request is an ordinary request on the parent (signed, gated and executed as any
 * other); once it has executed, the child's {@code approvedHashes(parent, safeTxHash)} is
 * non-zero and Safe 1.4.1 {@code checkNSignatures} accepts the approved-hash signature
 * ({@code r} = parent, {@code s} = 0, {@code v} = 1) from any executor.
 *
 * <p>{@link #withOnChainApprovals} is the other half: before an execution (or its calldata) the
 * child request gains an approved-hash signature for every owner whose approval the chain holds,
 * and only those.
 */
public final class NestedApproval {
    /** The {@code meta} field of the parent's request naming the child request it approves. */
    public static final String META_FIELD = "approves";

    private NestedApproval() {}

    /**
     * Writes the parent's request that approves {@code child}'s safeTxHash on the child Safe.
     * Online, the child's owners are read from the chain; offline, from the child request file.
     *
     * @param childFile where the child request was read from (recorded in the parent's meta)
     * @param parent the parent Safe's facts (read from the chain, or given offline)
     * @param nonce the parent's SafeTx nonce, or null for the next free one
     * @param out where to write the parent's request; null writes into the queue
     * @throws CountersignException.Refused if the parent is not an owner of the child, or the two
     *     Safes are on different chains, or (offline) the child request lists no owners
     */
    public static Path propose(AppContext ctx, SafeRequest child, Path childFile, SafeProposer.SafeFacts parent, BigInteger nonce,
            String description, Path out) {
        if (!parent.chainId().equals(child.chainId())) {
            throw new CountersignException.Refused("Safe " + parent.safe() + " is on chain " + parent.chainId() + " but the request is for "
                    + child.chainName() + "; nothing was written");
        }
        List<Address> childOwners = ctx.rpcIfOnline().map(rpc -> ChainCheck.readSafe(rpc, child, "nothing was written").owners())
                .orElse(child.owners());
        if (childOwners.isEmpty()) {
            throw new CountersignException.Refused("the request does not list Safe " + child.safe() + "'s owners and no node is "
                    + "available to read them: cannot check that " + parent.safe() + " is an owner; nothing was written");
        }
        if (!childOwners.contains(parent.safe())) {
            throw new CountersignException.Refused("Safe " + parent.safe() + " is not an owner of Safe " + child.safe()
                    + " (owners: " + childOwners + "); its approval would not count; nothing was written");
        }
        String hash = child.hashes().safeTxHashHex();
        Call call = approveHashCall(child);
        String text = description != null && !description.isBlank() ? description
                : "approve " + hash + " on Safe " + child.safe() + (child.description().isBlank() ? "" : " (" + child.description() + ")");
        return new SafeProposer(ctx).propose(parent, call, nonce, text, out, meta -> {
            var approves = meta.putObject(META_FIELD);
            approves.put("safe", child.safe().toString());
            approves.put("safeTxHash", hash);
            approves.put("nonce", child.tx().nonce().toString());
            approves.put("file", childFile.toString());
        });
    }

    /** {@code approveHash(child's safeTxHash)} called on the child Safe, value 0. */
    public static Call approveHashCall(SafeRequest child) {
        return Call.of(child.safe(), BigInteger.ZERO, SafeAbi.approveHash(child.hashes().safeTxHash()));
    }

    /**
     * {@code request} with an approved-hash signature added for every owner in {@code owners}
     * that has not signed in the file and whose {@code approvedHashes(owner, safeTxHash)} on the
     * Safe is non-zero (read from the chain now: what {@code checkNSignatures} will read). A
     * failed read adds nothing for that owner.
     *
     * @param owners the Safe's current owners, read from the chain
     * @param added receives one line per signature added
     */
    public static SafeRequest withOnChainApprovals(EthRpc rpc, SafeRequest request, List<Address> owners,
            java.util.function.Consumer<String> added) {
        byte[] hash = request.hashes().safeTxHash();
        List<Address> signed = request.signers();
        SafeRequest out = request;
        for (Address owner : owners) {
            if (signed.contains(owner) || !approvedOnChain(rpc, request.safe(), owner, hash)) {
                continue;
            }
            try {
                out = out.withSignature(new SafeSignature.ApprovedHash(owner));
            } catch (io.countersign.eth.EthException notInFileOwners) {
                // the request's owner list predates this owner: rebuild with the chain's owners
                out = new SafeRequest(out.chainId(), out.safe(), out.safeVersion(), out.tx(), owners, out.threshold(),
                        out.signatures(), out.meta()).withSignature(new SafeSignature.ApprovedHash(owner));
            }
            added.accept("owner " + owner + " approved " + request.hashes().safeTxHashHex() + " on chain (approvedHashes is set): "
                    + "its approved-hash signature is included");
        }
        return out;
    }

    /** The owners among {@code owners} whose approval of {@code request} the chain holds. */
    public static List<Address> approvedOnChain(EthRpc rpc, SafeRequest request, List<Address> owners) {
        List<Address> out = new ArrayList<>();
        for (Address o : owners) {
            if (approvedOnChain(rpc, request.safe(), o, request.hashes().safeTxHash())) {
                out.add(o);
            }
        }
        return out;
    }

    private static boolean approvedOnChain(EthRpc rpc, Address safe, Address owner, byte[] hash) {
        try {
            byte[] r = rpc.call(safe, SafeAbi.approvedHashes(owner, hash));
            return r.length == 32 && new BigInteger(1, r).signum() != 0;
        } catch (io.countersign.eth.EthException e) {
            return false;
        }
    }

    /** The child request a parent's request approves, from its {@code meta.approves}, if any. */
    public static Optional<String> approvedSafeTxHash(SafeRequest parentRequest) {
        var n = parentRequest.meta().path(META_FIELD).path("safeTxHash");
        return n.isString() ? Optional.of(n.asString()) : Optional.empty();
    }
}
