package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Eip191;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reading, checking and packing Safe owner signatures (Safe.sol {@code checkNSignatures}). */
public final class SafeSignatures {
    private SafeSignatures() {}

    /**
     * Reads a 65-byte signature by its {@code v} as Safe does and recovers its signer:
     * 27/28 EIP-712 over the safeTxHash; 31/32 eth_sign (EIP-191 over the safeTxHash, v − 4);
     * 1 approved hash (signer = r); 0 contract signature (use {@link #contract} instead, it
     * needs the dynamic part).
     *
     * @param safeTxHash 32 bytes
     * @throws EthException.InvalidInputException for any other v, or v 0 here
     */
    public static SafeSignature read(byte[] rsv65, byte[] safeTxHash) {
        Signature sig = Signature.fromBytes(rsv65);
        int v = sig.v();
        if (v == 27 || v == 28) {
            return new SafeSignature.Eip712(sig.recover(safeTxHash), sig);
        }
        if (v == 31 || v == 32) {
            Address signer = sig.withV(v - 4).recover(Eip191.hashPersonalMessage(safeTxHash));
            return new SafeSignature.EthSign(signer, sig);
        }
        if (v == 1) {
            return new SafeSignature.ApprovedHash(Address.of(java.util.Arrays.copyOfRange(rsv65, 12, 32)));
        }
        if (v == 0) {
            throw new EthException.InvalidInputException("a contract signature (v 0) needs its owner and data: use method \"contract\"");
        }
        throw new EthException.InvalidInputException("signature v " + v
                + " is none Safe accepts (27/28 EIP-712, 31/32 eth_sign, 1 approved hash, 0 contract)");
    }

    /** A contract (EIP-1271) signature of {@code owner} with its signature data. */
    public static SafeSignature contract(Address owner, byte[] data) {
        return new SafeSignature.Contract(owner, data);
    }

    /**
     * Turns a personal-message signature over the safeTxHash into Safe's eth_sign form: v 0/1
     * is first read as 27/28, then 4 is added (protocol-kit {@code adjustVInSignature}).
     */
    public static Signature toEthSign(Signature personalSignature) {
        Signature normalized = personalSignature.normalizeV();
        return normalized.withV(normalized.v() + 4);
    }

    /**
     * Reads a signature stored in a request file by its method.
     *
     * @param signer required for {@code contract}; for the others it is recovered and, when
     *     given, must match
     * @throws EthException.InvalidInputException if the signature does not recover to the
     *     named signer or its v contradicts the method
     */
    public static SafeSignature read(SignatureMethod method, String encoded, Address signer, byte[] safeTxHash) {
        if (method == SignatureMethod.CONTRACT) {
            if (signer == null) {
                throw new EthException.InvalidInputException("a contract signature must name its owner (signer)");
            }
            return contract(signer, Hex.decode(encoded, "signature"));
        }
        SafeSignature sig = read(Hex.decode(encoded, "signature", 65), safeTxHash);
        if (sig.method() != method) {
            throw new EthException.InvalidInputException("signature of " + signer + " is marked " + method.id()
                    + " but its v says " + sig.method().id());
        }
        if (signer != null && !sig.signer().equals(signer)) {
            throw new EthException.InvalidInputException("signature marked as " + signer + "'s recovers to " + sig.signer()
                    + ": it was made over other data or by another key");
        }
        return sig;
    }

    /**
     * Packs signatures as {@code execTransaction} takes them: sorted by owner address
     * ascending (Safe requires strictly increasing owners), 65-byte static parts first, then
     * the dynamic parts of contract signatures, each static part's s pointing at its own.
     *
     * @throws EthException.InvalidInputException if two signatures are from the same owner
     */
    public static byte[] pack(List<SafeSignature> signatures) {
        List<SafeSignature> sorted = new ArrayList<>(signatures);
        sorted.sort(Comparator.comparing(SafeSignature::signer));
        Set<Address> seen = new HashSet<>();
        for (SafeSignature s : sorted) {
            if (!seen.add(s.signer())) {
                throw new EthException.InvalidInputException("two signatures from " + s.signer() + ": each owner signs once");
            }
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        int dynamicStart = 65 * sorted.size();
        for (SafeSignature s : sorted) {
            byte[] dynamic = s.dynamicPart();
            head.writeBytes(s.staticPart(dynamicStart + tail.size()));
            tail.writeBytes(dynamic);
        }
        head.writeBytes(tail.toByteArray());
        return head.toByteArray();
    }
}
