package io.countersign.multisig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.Signature;
import io.countersign.eth.TypedData;
import io.countersign.eth.testing.TestPaths;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Every case in test-vectors/safe/ (upstream safe-eth-py, safe-core-sdk, safe-tx-hashes-util, morpho). */
class SafeVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode vector(String name) throws IOException {
        return JSON.readTree(Files.readString(TestPaths.vectors().resolve("safe").resolve(name)));
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(TestPaths.vectors().resolve("safe"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Upstream does not state the version for some cases; their type strings are the 1.3.0 ones. */
    static SafeVersion version(JsonNode v) {
        String text = v.path("safe_version").asText();
        return SafeVersion.parse(text.startsWith(">=1.3.0") ? "1.3.0" : text);
    }

    static SafeTx tx(JsonNode t) {
        return new SafeTx(Address.parse(t.get("to").asText()), new BigInteger(t.get("value").asText()),
                Hex.decode(t.get("data").asText(), "data"), Operation.ofCode(t.get("operation").asInt()),
                new BigInteger(t.get("safeTxGas").asText()), new BigInteger(t.get("baseGas").asText()),
                new BigInteger(t.get("gasPrice").asText()), Address.parse(t.get("gasToken").asText()),
                Address.parse(t.get("refundReceiver").asText()), new BigInteger(t.get("nonce").asText()));
    }

    static BigInteger chainId(JsonNode v) {
        return v.get("chain_id").isNull() ? null : new BigInteger(v.get("chain_id").asText());
    }

    static byte[] hex(JsonNode n) {
        return Hex.decode(n.asText(), "expected");
    }

    @TestFactory
    Stream<DynamicTest> safeTxHashes() throws IOException {
        return files().stream().map(f -> {
            try {
                return JSON.readTree(Files.readString(f));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(v -> v.get("kind").asText().startsWith("safe_tx_hash")).map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            SafeVersion version = version(v);
            assertEquals(v.get("eip712_safetx_type").asText(), SafeHasher.safeTxType(version), "SafeTx type string");
            assertEquals(v.get("eip712_domain_type").asText(),
                    version.domainHasChainId() ? SafeHasher.DOMAIN_TYPE : SafeHasher.DOMAIN_TYPE_LEGACY, "domain type string");
            Address safe = Address.parse(v.get("safe_address").asText());
            SafeTx tx = tx(v.get("tx"));
            SafeTxHashes h = SafeHasher.hash(chainId(v), safe, version, tx);
            JsonNode e = v.get("expected");
            assertArrayEquals(hex(e.get("safe_tx_hash")), h.safeTxHash(), "safeTxHash");
            if (e.has("domain_hash")) {
                assertArrayEquals(hex(e.get("domain_hash")), h.domainHash(), "domain hash");
                assertArrayEquals(hex(e.get("message_hash")), h.messageHash(), "message hash");
            }
            if (tx.operation() != Operation.CREATE) {
                // An independent EIP-712 implementation (web3j StructuredDataEncoder) over our typed-data document
                // must reach the same digest: what a device signs is what we hashed.
                TypedData typed = SafeHasher.typedData(chainId(v), safe, version, tx);
                assertArrayEquals(hex(e.get("safe_tx_hash")), typed.digest(), "typed-data digest");
            }
        }));
    }

    @Test
    void nestedApproveHashCarriesTheInnerSafeTxHash() throws IOException {
        JsonNode nested = vector("safe_tx_hashes_util_sepolia_nested_approve_hash.json");
        JsonNode inner = vector("safe_tx_hashes_util_sepolia_eth_transfer.json");
        byte[] innerHash = hex(inner.get("expected").get("safe_tx_hash"));
        assertArrayEquals(hex(nested.get("tx").get("data")), SafeAbi.approveHash(innerHash));
    }

    @Test
    void safeMessageHashOfText() throws IOException {
        JsonNode v = vector("safe_tx_hashes_util_sepolia_safe_message.json");
        byte[] payload = SafeHasher.safeMessageOfText(v.get("message_text").asText());
        JsonNode e = v.get("expected");
        assertArrayEquals(hex(e.get("safe_message")), payload);
        SafeTxHashes h = SafeHasher.hashMessage(chainId(v), Address.parse(v.get("safe_address").asText()),
                SafeVersion.parse("1.3.0"), payload);
        assertArrayEquals(hex(e.get("domain_hash")), h.domainHash());
        assertArrayEquals(hex(e.get("message_hash")), h.messageHash());
        assertArrayEquals(hex(e.get("safe_message_hash")), h.safeTxHash());
    }

    @Test
    void safeMessagePayloads() throws IOException {
        JsonNode v = vector("safe_core_sdk_safe_message_payload.json");
        JsonNode text = v.get("checks").get(0);
        assertArrayEquals(hex(text.get("expected_safe_message_field")), SafeHasher.safeMessageOfText(text.get("input_string").asText()));
        JsonNode typed = v.get("checks").get(1);
        TypedData data = new TypedData(JSON.writeValueAsString(typed.get("input_typed_data")));
        assertArrayEquals(hex(typed.get("expected_safe_message_field")), data.digest());
    }

    @Test
    void ethSignVAdjustment() throws IOException {
        JsonNode v = vector("safe_core_sdk_eth_sign_v_adjust.json");
        byte[] safeTxHash = hex(v.get("safe_tx_hash"));
        int checked = 0;
        for (JsonNode c : v.get("checks")) {
            Signature sig = Signature.parse(c.get("signature").asText());
            switch (c.get("op").asText()) {
                case "isTxHashSignedWithPrefix" -> {
                    Address owner = Address.parse(c.get("owner").asText());
                    // Without the prefix the bare hash recovers the owner; with it, it does not.
                    boolean prefixed = !sig.recover(safeTxHash).equals(owner);
                    assertEquals(c.get("expected").asBoolean(), prefixed, c.toString());
                    if (prefixed) {
                        SafeSignature read = SafeSignatures.read(SafeSignatures.toEthSign(sig).toBytes(), safeTxHash);
                        assertEquals(SignatureMethod.ETH_SIGN, read.method());
                        assertEquals(owner, read.signer(), "eth_sign form recovers to the owner");
                    }
                }
                case "adjustVInSignature(ETH_SIGN)" -> {
                    boolean prefixed = !c.get("expected").asText().equalsIgnoreCase(c.get("signature").asText());
                    Signature adjusted = prefixed ? SafeSignatures.toEthSign(sig) : sig;
                    assertEquals(c.get("expected").asText().toLowerCase(), adjusted.toHex());
                }
                default -> throw new AssertionError("unknown check " + c.get("op"));
            }
            checked++;
        }
        assertEquals(5, checked);
        assertFalse(v.get("checks").isEmpty());
    }
}
