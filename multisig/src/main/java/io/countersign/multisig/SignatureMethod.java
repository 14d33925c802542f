package io.countersign.multisig;

import io.countersign.eth.EthException;

/** How an owner's approval of a safeTxHash is expressed, with the {@code v} Safe reads it by. */
public enum SignatureMethod {
    /** EIP-712 signature over the safeTxHash; v 27/28. */
    EIP712("eip712"),
    /** EIP-191 personal-message signature over the 32-byte safeTxHash; v 31/32 (27/28 + 4). */
    ETH_SIGN("eth_sign"),
    /** The owner called {@code approveHash} (or is the executor); v 1, r the owner. */
    APPROVED_HASH("approved_hash"),
    /** EIP-1271 contract signature; v 0, r the owner contract, s the offset of the dynamic part. */
    CONTRACT("contract");

    private final String id;

    SignatureMethod(String id) {
        this.id = id;
    }

    /** The name used in request files and on the command line. */
    public String id() {
        return id;
    }

    /** @throws EthException.InvalidInputException for an unknown name */
    public static SignatureMethod parse(String id) {
        for (SignatureMethod m : values()) {
            if (m.id.equalsIgnoreCase(id.trim())) {
                return m;
            }
        }
        throw new EthException.InvalidInputException("signature method must be eip712, eth_sign, approved_hash or contract, got " + id);
    }
}
