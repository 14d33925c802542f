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
        json = withDomainType(json);
        encoder(json);
    }

    /** EIP-712 domain fields in the order the EIP lists them, with their types. */
    private static final String[][] DOMAIN_FIELDS = {
        {"name", "string"}, {"version", "string"}, {"chainId", "uint256"}, {"verifyingContract", "address"}, {"salt", "bytes32"}
    };

    /**
     * Documents from ethers, viem and Safe's protocol-kit often leave {@code EIP712Domain} out
     * of {@code types}; like those libraries, derive it from the domain's fields in the EIP's
     * order.
     */
    private static String withDomainType(String json) {
        tools.jackson.databind.JsonNode root;
        try {
            root = new tools.jackson.databind.ObjectMapper().readTree(json);
        } catch (RuntimeException e) {
            throw new EthException.InvalidInputException("typed data is not JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof tools.jackson.databind.node.ObjectNode doc) || !root.path("types").isObject()
                || root.path("types").has("EIP712Domain")) {
            return json;
        }
        tools.jackson.databind.node.ArrayNode fields = ((tools.jackson.databind.node.ObjectNode) doc.get("types")).putArray("EIP712Domain");
        for (String[] f : DOMAIN_FIELDS) {
            if (root.path("domain").has(f[0])) {
                fields.addObject().put("name", f[0]).put("type", f[1]);
            }
        }
        return doc.toString();
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
