package io.countersign.airgap;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.StrictJson;
import io.countersign.eth.TypedData;
import io.countersign.multisig.SafeHasher;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeVersion;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sign-data of an {@code eth-sign-request} of data type 2 for a Safe transaction: the SafeTx
 * as an {@code eth_signTypedData_v4} document (Safe.sol's {@code SAFE_TX_TYPEHASH} and
 * {@code DOMAIN_SEPARATOR_TYPEHASH}), UTF-8.
 *
 * <p>Reading is strict: the primary type must be {@code SafeTx}, the domain must hold
 * {@code verifyingContract} and, from Safe 1.3.0, {@code chainId}, the message must hold the ten
 * SafeTx fields, and the document's own EIP-712 digest (computed from its {@code types} by
 * web3j) must equal the safeTxHash Countersign computes from the fields for a Safe of that
 * version. A document whose types differ from Safe's in any way therefore fails.
 */
public final class SafeTxSignData {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SafeTxSignData() {}

    /** The typed-data JSON of a request's SafeTx, UTF-8. */
    public static byte[] of(SafeRequest r) {
        return SafeHasher.typedData(r.chainId(), r.safe(), r.safeVersion(), r.tx()).json().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A SafeTx read from typed data, with the Safe versions whose hashing it fits.
     *
     * @param chainId the domain's chain id, or null before Safe 1.3.0 (then the request's
     *     {@code chain-id} must say it)
     * @param versions the versions that hash this document the same way, oldest first
     * @param safeTxHash the document's EIP-712 digest (checked equal to Safe's hash)
     */
    public record Parsed(BigInteger chainId, Address safe, SafeTx tx, List<SafeVersion> versions, byte[] safeTxHash) {
        /**
         * A request for a Safe of {@code version} (which must be among {@link #versions}),
         * with no owners, threshold or signatures.
         */
        public SafeRequest toRequest(SafeVersion version, BigInteger requestChainId) {
            boolean fits = versions.stream().anyMatch(v -> v.major() == version.major() && v.minor() == version.minor()
                    && v.patch() == version.patch());
            if (!fits) {
                throw new AirgapException("the typed data is shaped for Safe " + versions + ", but Safe " + safe + " is "
                        + version + ": the requester used another version's SafeTx type; nothing was signed");
            }
            BigInteger chain = chainId != null ? chainId : requestChainId;
            if (chain == null) {
                throw new AirgapException("the typed data (Safe before 1.3.0) has no chainId and the eth-sign-request no chain-id");
            }
            var meta = JSON.createObjectNode();
            meta.put("origin", "eth-sign-request");
            return new SafeRequest(chain, safe, version, tx, List.of(), 0, List.of(), meta);
        }
    }

    /**
     * @param signData the request's sign-data
     * @param requestChainId the request's {@code chain-id}, or null
     * @throws AirgapException naming what is not a Safe SafeTx, or a chain id that differs
     *     between the request and the domain
     */
    public static Parsed parse(byte[] signData, BigInteger requestChainId) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(signData)).toString();
        } catch (CharacterCodingException e) {
            throw new AirgapException("eth-sign-request typed data is not UTF-8 text");
        }
        try {
            JsonNode root = StrictJson.readTree(JSON, text, "typed data");
            if (!"SafeTx".equals(root.path("primaryType").asText(null))) {
                throw new AirgapException("eth-sign-request typed data has primaryType " + root.path("primaryType")
                        + ", not SafeTx: Countersign signs Safe transactions only");
            }
            JsonNode domain = root.path("domain");
            JsonNode message = root.path("message");
            if (!domain.isObject() || !message.isObject()) {
                throw new AirgapException("eth-sign-request typed data needs a domain and a message object");
            }
            for (String k : iterable(domain)) {
                if (!k.equals("chainId") && !k.equals("verifyingContract")) {
                    throw new AirgapException("eth-sign-request typed data: domain field " + k + " is not in a Safe's domain "
                            + "(chainId, verifyingContract)");
                }
            }
            Address safe = Address.parse(textOf(domain, "verifyingContract", "domain."), "domain.verifyingContract");
            BigInteger chainId = domain.has("chainId") ? StrictJson.chainId(number(domain, "chainId", "domain."), "domain.chainId") : null;
            if (chainId != null && requestChainId != null && !chainId.equals(requestChainId)) {
                throw new AirgapException("eth-sign-request chain-id " + requestChainId + " differs from the typed data's domain chainId "
                        + chainId + "; nothing was signed");
            }
            boolean dataGas = message.has("dataGas");
            String sixth = dataGas ? "dataGas" : "baseGas";
            for (String k : iterable(message)) {
                if (!List.of("to", "value", "data", "operation", "safeTxGas", sixth, "gasPrice", "gasToken", "refundReceiver", "nonce")
                        .contains(k)) {
                    throw new AirgapException("eth-sign-request typed data: message field " + k + " is not a SafeTx field");
                }
            }
            int op = number(message, "operation", "message.").intValueExact();
            SafeTx tx = new SafeTx(Address.parse(textOf(message, "to", "message."), "message.to"), number(message, "value", "message."),
                    Hex.decode(textOf(message, "data", "message."), "message.data"), Operation.ofCode(op),
                    number(message, "safeTxGas", "message."), number(message, sixth, "message."), number(message, "gasPrice", "message."),
                    Address.parse(textOf(message, "gasToken", "message."), "message.gasToken"),
                    Address.parse(textOf(message, "refundReceiver", "message."), "message.refundReceiver"),
                    number(message, "nonce", "message."));
            List<SafeVersion> versions = dataGas ? List.of(SafeVersion.parse("0.1.0"))
                    : chainId != null ? List.of(SafeVersion.parse("1.3.0"), SafeVersion.parse("1.4.1"))
                    : List.of(SafeVersion.parse("1.0.0"), SafeVersion.parse("1.1.1"), SafeVersion.parse("1.2.0"));
            if (dataGas && chainId != null) {
                throw new AirgapException("eth-sign-request typed data has dataGas (Safe 0.1.0) and a domain chainId (Safe 1.3.0+): no Safe hashes that");
            }
            BigInteger hashChain = chainId != null ? chainId : requestChainId != null ? requestChainId : BigInteger.ONE;
            byte[] expected = SafeHasher.hash(hashChain, safe, versions.getFirst(), tx).safeTxHash();
            byte[] digest = new TypedData(text).digest();
            if (!Arrays.equals(expected, digest)) {
                throw new AirgapException("eth-sign-request typed data hashes to " + Hex.encode(digest) + ", but a Safe " + versions
                        + " hashes these SafeTx fields to " + Hex.encode(expected)
                        + ": its types are not Safe's SafeTx; nothing was signed");
            }
            return new Parsed(chainId, safe, tx, versions, digest);
        } catch (EthException | ArithmeticException e) {
            throw new AirgapException("eth-sign-request typed data: " + e.getMessage(), e);
        }
    }

    private static Iterable<String> iterable(JsonNode node) {
        return node.propertyNames();
    }

    private static String textOf(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString()) {
            throw new AirgapException("eth-sign-request typed data: " + prefix + field + " must be a string"
                    + (v == null ? " (it is missing)" : ""));
        }
        return v.asText();
    }

    private static BigInteger number(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new AirgapException("eth-sign-request typed data: " + prefix + field + " is missing");
        }
        if (v.isIntegralNumber()) {
            BigInteger n = v.bigIntegerValue();
            return requireUint256(n, prefix + field);
        }
        if (v.isString()) {
            String s = v.asText().trim();
            try {
                BigInteger n = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
                return requireUint256(n, prefix + field);
            } catch (NumberFormatException e) {
                throw new AirgapException("eth-sign-request typed data: " + prefix + field + " is not a whole number: " + s);
            }
        }
        throw new AirgapException("eth-sign-request typed data: " + prefix + field + " must be a number or a decimal string");
    }

    private static BigInteger requireUint256(BigInteger n, String field) {
        if (n.signum() < 0 || n.bitLength() > 256) {
            throw new AirgapException("eth-sign-request typed data: " + field + " is outside uint256");
        }
        return n;
    }
}
