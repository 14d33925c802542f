package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Chains;
import io.countersign.eth.EthException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Safe transaction request: everything an offline signer needs (chain id, Safe address and
 * version, the SafeTx, and when known the owners and threshold), the signatures collected so
 * far, and free-form metadata. Files are read and written by {@link RequestFile}.
 *
 * @param chainId EIP-155 chain id
 * @param owners the Safe's owners when the request was made, or empty if unknown
 * @param threshold the Safe's threshold when the request was made, or 0 if unknown
 * @param meta {@code description}, {@code createdAt}, {@code origin} and any extra fields
 *     (e.g. a timelock operation's salt), carried through unchanged
 */
public record SafeRequest(BigInteger chainId, Address safe, SafeVersion safeVersion, SafeTx tx, List<Address> owners,
        int threshold, List<SafeSignature> signatures, ObjectNode meta) {

    public SafeRequest {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(safe, "safe");
        Objects.requireNonNull(safeVersion, "safeVersion");
        Objects.requireNonNull(tx, "tx");
        owners = List.copyOf(owners);
        signatures = List.copyOf(signatures);
        meta = meta == null ? RequestFile.JSON.createObjectNode() : meta.deepCopy();
    }

    @Override
    public ObjectNode meta() {
        return meta.deepCopy();
    }

    /** The three hashes of this request's SafeTx. */
    public SafeTxHashes hashes() {
        return SafeHasher.hash(chainId, safe, safeVersion, tx);
    }

    /** {@code meta.description}, or empty. */
    public String description() {
        return meta.path("description").asText("");
    }

    /** The owners that have signed, in signature order. */
    public List<Address> signers() {
        return signatures.stream().map(SafeSignature::signer).toList();
    }

    /**
     * A copy with one more signature.
     *
     * @throws EthException.InvalidInputException if this owner has signed already, or the
     *     signer is not among the known owners
     */
    public SafeRequest withSignature(SafeSignature signature) {
        if (signers().contains(signature.signer())) {
            throw new EthException.InvalidInputException(signature.signer() + " has already signed this request");
        }
        if (!owners.isEmpty() && !owners.contains(signature.signer())) {
            throw new EthException.InvalidInputException(signature.signer() + " is not an owner of Safe " + safe
                    + " (owners: " + owners + ")");
        }
        List<SafeSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new SafeRequest(chainId, safe, safeVersion, tx, owners, threshold, all, meta);
    }

    /**
     * Merges the signatures of another request for the same SafeTx.
     *
     * @throws EthException.InvalidInputException if the other request is for another
     *     transaction, Safe or chain (its safeTxHash differs)
     */
    public SafeRequest merge(SafeRequest other) {
        if (!java.util.Arrays.equals(hashes().safeTxHash(), other.hashes().safeTxHash())) {
            throw new EthException.InvalidInputException("cannot merge: the requests are for different transactions (safeTxHash "
                    + hashes().safeTxHashHex() + " vs " + other.hashes().safeTxHashHex() + ")");
        }
        SafeRequest merged = this;
        for (SafeSignature s : other.signatures) {
            if (!merged.signers().contains(s.signer())) {
                merged = merged.withSignature(s);
            }
        }
        return merged;
    }

    /** {@code "Ethereum (1)"}-style chain name. */
    public String chainName() {
        return Chains.describe(chainId);
    }
}
