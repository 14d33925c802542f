package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.Eip191;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeSignature;
import io.countersign.multisig.SafeTxHashes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a request file's signatures prove an owner's approval of <em>this</em> safeTxHash,
 * for the policy's {@code approvals} tiers. The request file is attacker-written, so each
 * signature is checked the way Safe 1.4.1 {@code checkNSignatures} would check it:
 *
 * <ul>
 *   <li>ECDSA (v 27/28 EIP-712, v &gt; 30 eth_sign): recovered again from this request's
 *       safeTxHash; counts only if the address is a current owner.
 *   <li>approved hash (v 1): counts only if the Safe's {@code approvedHashes(owner, safeTxHash)}
 *       is non-zero on chain. Offline it cannot be checked and counts 0.
 *   <li>EIP-1271 contract signature (v 0): counts only if the owner contract's legacy
 *       {@code isValidSignature(bytes,bytes)} (the variant of Safe 1.0.0–1.4.1, answered for a
 *       nested Safe by its {@code CompatibilityFallbackHandler}) returns {@code 0x20c13b0b} for
 *       the SafeTx pre-image, called from the Safe as {@code checkNSignatures} calls it. Offline
 *       it counts 0.
 * </ul>
 *
 * Every signature that does not count has a note saying why; the notes go into the decision.
 *
 * @param counted the distinct owners whose approval is proven, in file order
 * @param notes one line per signature that was not counted
 */
public record VerifiedApprovals(List<Address> counted, List<String> notes) {
    public VerifiedApprovals {
        counted = List.copyOf(counted);
        notes = List.copyOf(notes);
    }

    /** The number of distinct owners whose approval is proven. */
    public int count() {
        return counted.size();
    }

    /**
     * Checks every signature of {@code request}.
     *
     * @param owners the Safe's current owners (from the chain when online; offline the request's list)
     * @param rpc the node, or empty offline (approved-hash and contract signatures then count 0)
     */
    public static VerifiedApprovals check(SafeRequest request, List<Address> owners, Optional<EthRpc> rpc) {
        SafeTxHashes hashes = request.hashes();
        byte[] safeTxHash = hashes.safeTxHash();
        Set<Address> counted = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        for (SafeSignature s : request.signatures()) {
            String kind = s.method().id();
            Address owner = s.signer();
            if (!owners.contains(owner)) {
                notes.add(kind + " signature of " + owner + " not counted: not an owner of Safe " + request.safe()
                        + " (a forged signature, or one made over another safeTxHash, recovers to a stranger)");
                continue;
            }
            Optional<String> refusal = switch (s) {
                case SafeSignature.Eip712 e -> recovers(e.signature(), safeTxHash, owner);
                case SafeSignature.EthSign e -> recovers(e.signature().withV(e.signature().v() - 4),
                        Eip191.hashPersonalMessage(safeTxHash), owner);
                case SafeSignature.ApprovedHash a -> rpc.isEmpty()
                        ? Optional.of("approved-hash by " + owner + " not verified: offline; counted as 0")
                        : approvedOnChain(rpc.get(), request.safe(), owner, safeTxHash);
                case SafeSignature.Contract c -> rpc.isEmpty()
                        ? Optional.of("EIP-1271 signature by " + owner + " not verified: offline; counted as 0")
                        : validOnChain(rpc.get(), request.safe(), c, hashes);
            };
            if (refusal.isPresent()) {
                notes.add(refusal.get());
            } else if (!counted.add(owner)) {
                notes.add(kind + " signature of " + owner + " not counted again: that owner is already counted");
            }
        }
        return new VerifiedApprovals(new ArrayList<>(counted), notes);
    }

    /** The decision's journal field: {@code {"verified": n, "counted": [...], "notes": [...]}}. */
    public Map<String, Object> journalField() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verified", count());
        m.put("counted", counted.stream().map(Address::toString).toList());
        m.put("notes", notes);
        return m;
    }

    private static Optional<String> recovers(io.countersign.eth.Signature sig, byte[] digest, Address owner) {
        Address recovered;
        try {
            recovered = sig.recover(digest);
        } catch (RuntimeException e) {
            return Optional.of("signature of " + owner + " not counted: it recovers to no address (" + e.getMessage() + ")");
        }
        return recovered.equals(owner) ? Optional.empty()
                : Optional.of("signature marked as " + owner + "'s not counted: over this safeTxHash it recovers to " + recovered);
    }

    private static Optional<String> approvedOnChain(EthRpc rpc, Address safe, Address owner, byte[] safeTxHash) {
        byte[] returned;
        try {
            returned = rpc.call(safe, SafeAbi.approvedHashes(owner, safeTxHash));
        } catch (EthException e) {
            return Optional.of("approved-hash by " + owner + " not verified: approvedHashes failed (" + e.getMessage() + "); counted as 0");
        }
        if (returned.length != 32) {
            return Optional.of("approved-hash by " + owner + " not verified: approvedHashes returned " + returned.length
                    + " bytes; counted as 0");
        }
        return new BigInteger(1, returned).signum() != 0 ? Optional.empty()
                : Optional.of("approved-hash by " + owner + " not counted: Safe " + safe + " has approvedHashes(" + owner + ", "
                        + Hex.encode(safeTxHash) + ") = 0 (the owner never called approveHash for this safeTxHash)");
    }

    private static Optional<String> validOnChain(EthRpc rpc, Address safe, SafeSignature.Contract c, SafeTxHashes hashes) {
        byte[] preimage = new byte[66];
        preimage[0] = 0x19;
        preimage[1] = 0x01;
        System.arraycopy(hashes.domainHash(), 0, preimage, 2, 32);
        System.arraycopy(hashes.messageHash(), 0, preimage, 34, 32);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("from", safe.toLowerHex());
        call.put("to", c.signer().toLowerHex());
        call.put("data", Hex.encode(SafeAbi.isValidSignatureLegacy(preimage, c.data())));
        byte[] returned;
        try {
            returned = Hex.decode(rpc.client().call("eth_call", call, "latest").asText(), "isValidSignature result");
        } catch (EthException e) {
            return Optional.of("EIP-1271 signature by " + c.signer() + " not counted: isValidSignature reverted ("
                    + e.getMessage() + ")");
        }
        boolean magic = returned.length == 32 && Arrays.equals(Arrays.copyOf(returned, 4), SafeAbi.EIP1271_LEGACY_MAGIC)
                && Arrays.equals(Arrays.copyOfRange(returned, 4, 32), new byte[28]);
        return magic ? Optional.empty()
                : Optional.of("EIP-1271 signature by " + c.signer() + " not counted: isValidSignature returned "
                        + Hex.encode(returned) + ", not the magic value 0x20c13b0b");
    }
}
