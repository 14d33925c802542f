package io.countersign.eth;

import java.io.IOException;
import org.web3j.crypto.Hash;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * EIP-712 typed structured data as {@code eth_signTypedData_v4} takes it (a JSON document with
 * {@code types}, {@code primaryType}, {@code domain}, {@code message}), with its hashes computed
 * by web3j's {@link StructuredDataEncoder}.
 *
 * @param json the eth_signTypedData_v4 document
 */
public record TypedData(String json) {

    /**
     * @throws EthException.InvalidInputException if the JSON is not a valid EIP-712 document
     */
    public TypedData {
        encoder(json);
    }

    private static StructuredDataEncoder encoder(String json) {
        try {
            return new StructuredDataEncoder(json);
        } catch (IOException | RuntimeException e) {
            throw new EthException.InvalidInputException("not EIP-712 typed data: " + e.getMessage(), e);
        }
    }

    /** {@code hashStruct(domain)}, the domainSeparator: 32 bytes. */
    public byte[] domainHash() {
        return encoder(json).hashDomain();
    }

    /** {@code hashStruct(message)} of the primary type: 32 bytes. */
    public byte[] messageHash() {
        // getStructuredData() is 0x1901 ‖ domainSeparator ‖ hashStruct(message).
        return java.util.Arrays.copyOfRange(encoder(json).getStructuredData(), 34, 66);
    }

    /** The primary type's name, e.g. {@code SafeTx}. */
    public String primaryType() {
        return encoder(json).jsonMessageObject.getPrimaryType();
    }

    /** {@code keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))}: the 32 bytes signed. */
    public byte[] digest() {
        return digest(domainHash(), messageHash());
    }

    /** The EIP-712 digest of a domain hash and a message hash (32 bytes each). */
    public static byte[] digest(byte[] domainHash, byte[] messageHash) {
        byte[] buf = new byte[66];
        buf[0] = 0x19;
        buf[1] = 0x01;
        System.arraycopy(domainHash, 0, buf, 2, 32);
        System.arraycopy(messageHash, 0, buf, 34, 32);
        return Hash.sha3(buf);
    }
}
