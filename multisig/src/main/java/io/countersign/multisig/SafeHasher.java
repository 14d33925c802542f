package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Eip191;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.TypedData;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;
import tools.jackson.databind.ObjectMapper;

/**
 * EIP-712 hashing of Safe transactions and Safe messages: a pure function of (chain id, Safe
 * address, Safe version, fields). Nothing is looked up.
 *
 * <p>{@code hashStruct(SafeTx) = keccak256(SAFE_TX_TYPEHASH ‖ to ‖ value ‖ keccak256(data) ‖
 * operation ‖ safeTxGas ‖ baseGas ‖ gasPrice ‖ gasToken ‖ refundReceiver ‖ nonce)}, each field
 * one 32-byte word (EIP-712 {@code encodeData}).
 */
public final class SafeHasher {
    private SafeHasher() {}

    /** EIP712Domain type string before 1.3.0. */
    public static final String DOMAIN_TYPE_LEGACY = "EIP712Domain(address verifyingContract)";
    /** EIP712Domain type string from 1.3.0 on. */
    public static final String DOMAIN_TYPE = "EIP712Domain(uint256 chainId,address verifyingContract)";
    /** SafeMessage type string (CompatibilityFallbackHandler, EIP-1271 messages). */
    public static final String SAFE_MESSAGE_TYPE = "SafeMessage(bytes message)";

    /** The SafeTx type string for this version ({@code dataGas} in 0.1.0, {@code baseGas} after). */
    public static String safeTxType(SafeVersion version) {
        return "SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 "
                + version.sixthFieldName() + ",uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)";
    }

    /**
     * The domain separator of a Safe.
     *
     * @param chainId required from 1.3.0 on; ignored before
     * @throws EthException.InvalidInputException if a 1.3.0+ Safe is hashed without a chain id
     */
    public static byte[] domainHash(BigInteger chainId, Address safe, SafeVersion version) {
        if (version.domainHasChainId()) {
            if (chainId == null) {
                throw new EthException.InvalidInputException("Safe " + version + " hashes include the chain id, and none was given");
            }
            return keccak(typeHash(DOMAIN_TYPE), word(chainId), word(safe));
        }
        return keccak(typeHash(DOMAIN_TYPE_LEGACY), word(safe));
    }

    /**
     * The three hashes of a SafeTx.
     *
     * @throws EthException.InvalidInputException for operation CREATE on a Safe after 1.0.0
     */
    public static SafeTxHashes hash(BigInteger chainId, Address safe, SafeVersion version, SafeTx tx) {
        if (tx.operation() == Operation.CREATE && !version.allowsCreate()) {
            throw new EthException.InvalidInputException("operation CREATE (2) exists only in Safe 0.1.0 and 1.0.0, not " + version);
        }
        byte[] domain = domainHash(chainId, safe, version);
        byte[] message = keccak(typeHash(safeTxType(version)), word(tx.to()), word(tx.value()), Hash.sha3(tx.data()),
                word(BigInteger.valueOf(tx.operation().code())), word(tx.safeTxGas()), word(tx.baseGas()),
                word(tx.gasPrice()), word(tx.gasToken()), word(tx.refundReceiver()), word(tx.nonce()));
        return new SafeTxHashes(domain, message, TypedData.digest(domain, message));
    }

    /**
     * Hashes of an off-chain Safe message (EIP-1271 through CompatibilityFallbackHandler):
     * {@code hashStruct(SafeMessage) = keccak256(SAFE_MESSAGE_TYPEHASH ‖ keccak256(message))},
     * where {@code message} is the 32-byte EIP-191 hash of a text, or an EIP-712 digest.
     */
    public static SafeTxHashes hashMessage(BigInteger chainId, Address safe, SafeVersion version, byte[] message) {
        byte[] domain = domainHash(chainId, safe, version);
        byte[] messageHash = keccak(typeHash(SAFE_MESSAGE_TYPE), Hash.sha3(message));
        return new SafeTxHashes(domain, messageHash, TypedData.digest(domain, messageHash));
    }

    /** The SafeMessage payload for a text: its EIP-191 personal-message hash (32 bytes). */
    public static byte[] safeMessageOfText(String text) {
        return Eip191.hashPersonalMessage(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The SafeTx as an {@code eth_signTypedData_v4} document, for signers that sign typed data
     * (devices show its fields). Its digest equals {@link #hash}'s safeTxHash.
     */
    public static TypedData typedData(BigInteger chainId, Address safe, SafeVersion version, SafeTx tx) {
        Map<String, Object> types = new LinkedHashMap<>();
        types.put("EIP712Domain", version.domainHasChainId()
                ? List.of(field("chainId", "uint256"), field("verifyingContract", "address"))
                : List.of(field("verifyingContract", "address")));
        types.put("SafeTx", List.of(field("to", "address"), field("value", "uint256"), field("data", "bytes"),
                field("operation", "uint8"), field("safeTxGas", "uint256"), field(version.sixthFieldName(), "uint256"),
                field("gasPrice", "uint256"), field("gasToken", "address"), field("refundReceiver", "address"),
                field("nonce", "uint256")));
        Map<String, Object> domain = new LinkedHashMap<>();
        if (version.domainHasChainId()) {
            domain.put("chainId", chainId.toString());
        }
        domain.put("verifyingContract", safe.toString());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("to", tx.to().toString());
        message.put("value", tx.value().toString());
        message.put("data", Hex.encode(tx.data()));
        message.put("operation", tx.operation().code());
        message.put("safeTxGas", tx.safeTxGas().toString());
        message.put(version.sixthFieldName(), tx.baseGas().toString());
        message.put("gasPrice", tx.gasPrice().toString());
        message.put("gasToken", tx.gasToken().toString());
        message.put("refundReceiver", tx.refundReceiver().toString());
        message.put("nonce", tx.nonce().toString());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("types", types);
        doc.put("primaryType", "SafeTx");
        doc.put("domain", domain);
        doc.put("message", message);
        return new TypedData(new ObjectMapper().writeValueAsString(doc));
    }

    private static Map<String, String> field(String name, String type) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("type", type);
        return f;
    }

    static byte[] typeHash(String type) {
        return Hash.sha3(type.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] word(BigInteger n) {
        return Numeric.toBytesPadded(n, 32);
    }

    static byte[] word(Address a) {
        byte[] w = new byte[32];
        System.arraycopy(a.bytes(), 0, w, 12, 20);
        return w;
    }

    static byte[] keccak(byte[]... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] w : words) {
            out.writeBytes(w);
        }
        return Hash.sha3(out.toByteArray());
    }
}
