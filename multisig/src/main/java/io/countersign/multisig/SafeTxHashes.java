package io.countersign.multisig;

import io.countersign.eth.Hex;

/**
 * The three hashes an officer compares with what the device shows (32 bytes each).
 *
 * @param domainHash the EIP-712 domainSeparator of the Safe
 * @param messageHash {@code hashStruct(SafeTx)}
 * @param safeTxHash {@code keccak256(0x19 ‖ 0x01 ‖ domainHash ‖ messageHash)}
 */
public record SafeTxHashes(byte[] domainHash, byte[] messageHash, byte[] safeTxHash) {
    public SafeTxHashes {
        domainHash = domainHash.clone();
        messageHash = messageHash.clone();
        safeTxHash = safeTxHash.clone();
    }

    @Override
    public byte[] domainHash() {
        return domainHash.clone();
    }

    @Override
    public byte[] messageHash() {
        return messageHash.clone();
    }

    @Override
    public byte[] safeTxHash() {
        return safeTxHash.clone();
    }

    /** 0x-prefixed, all 64 hex digits: hashes are never shown truncated. */
    public String safeTxHashHex() {
        return Hex.encode(safeTxHash);
    }
}
