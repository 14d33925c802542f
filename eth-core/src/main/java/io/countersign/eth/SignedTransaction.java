package io.countersign.eth;

import java.math.BigInteger;

/**
 * A signed transaction ready for {@code eth_sendRawTransaction}.
 *
 * @param raw the signed encoding (legacy RLP, or {@code 0x02 ‖ rlp} for EIP-1559)
 * @param hash keccak256 of {@code raw}: the transaction hash, 32 bytes
 * @param v the v value as encoded (EIP-155 {@code chainId*2+35+yParity} for legacy; yParity
 *     for EIP-1559)
 * @param r the signature's r
 * @param s the signature's s
 * @param yParity the recovery id, 0 or 1
 */
public record SignedTransaction(byte[] raw, byte[] hash, BigInteger v, BigInteger r, BigInteger s, int yParity) {
    public SignedTransaction {
        raw = raw.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }
}
