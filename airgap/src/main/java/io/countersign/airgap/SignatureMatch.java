package io.countersign.airgap;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeSignature;
import io.countersign.multisig.SafeSignatures;
import java.util.Arrays;
import java.util.List;

/**
 * Matches a returned {@code eth-signature} to a request: by its {@code request-id} (Countersign's
 * ids are derived from the safeTxHash, {@link RequestIds}) or, for a request made elsewhere, by
 * the signature recovering to an owner over this request's safeTxHash. Either way the signature
 * must recover to one of {@code owners}.
 *
 * <p>Its 65 bytes are {@code r ‖ s ‖ v}: v 27/28 (or the bare recovery id 0/1 some wallets
 * send) is an ECDSA signature over the EIP-712 safeTxHash; v 31/32 Safe's eth_sign form. The
 * approved-hash (v 1 as Safe reads it) and contract forms never come by QR and are refused.
 */
public final class SignatureMatch {
    private SignatureMatch() {}

    /** The matched signature and how: {@code request-id} or {@code recovered}. */
    public record Matched(SafeSignature signature, String by) {}

    /**
     * @param owners the Safe's owners (from the chain when online, else the request file's)
     * @throws AirgapException with the reason: owners unknown, a v no Safe signature has, a
     *     code for another request, or a signature by a non-owner
     */
    public static Matched match(SafeRequest request, EthSignatureCode code, List<Address> owners) {
        byte[] hash = request.hashes().safeTxHash();
        String hashHex = request.hashes().safeTxHashHex();
        if (owners.isEmpty()) {
            throw new AirgapException("the request does not list Safe " + request.safe() + "'s owners and no node is available, "
                    + "so the signature's owner cannot be checked; nothing was merged");
        }
        byte[] rsv = code.signature();
        int v = rsv[64] & 0xff;
        if (v == 0 || v == 1) {
            rsv[64] = (byte) (v + 27);
        } else if (v != 27 && v != 28 && v != 31 && v != 32) {
            throw new AirgapException("the eth-signature has v " + v + ", which is no signature of a safeTxHash "
                    + "(27/28 EIP-712, 31/32 eth_sign); nothing was merged");
        }
        SafeSignature sig;
        try {
            sig = SafeSignatures.read(rsv, hash);
        } catch (EthException | IllegalArgumentException e) {
            throw new AirgapException("the eth-signature does not recover over safeTxHash " + hashHex + " (" + e.getMessage()
                    + "); nothing was merged", e);
        }
        byte[] expectedId = RequestIds.forSafeTxHash(hash);
        byte[] id = code.requestId();
        boolean idMatches = id != null && Arrays.equals(id, expectedId);
        if (!owners.contains(sig.signer())) {
            if (id != null && !idMatches) {
                throw new AirgapException("the signature code is for another request: its request-id " + RequestIds.format(id)
                        + " is not this request's (" + RequestIds.format(expectedId) + ") and it does not recover to an owner "
                        + "over safeTxHash " + hashHex + "; nothing was merged");
            }
            throw new AirgapException("the signature recovers to " + sig.signer() + ", which is not an owner of Safe "
                    + request.safe() + " (owners: " + owners + ")" + (idMatches ? "" : ", over safeTxHash " + hashHex)
                    + "; nothing was merged");
        }
        return new Matched(sig, idMatches ? "request-id" : "recovered");
    }

    /** The 65 bytes an eth-signature carries for a Safe signature made by Countersign. */
    public static byte[] bytesOf(SafeSignature s) {
        return Hex.decode(s.encoded(), "signature", 65);
    }
}
