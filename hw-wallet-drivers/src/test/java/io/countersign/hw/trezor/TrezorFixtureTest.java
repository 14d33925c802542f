package io.countersign.hw.trezor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Eip191;
import io.countersign.eth.Signature;
import io.countersign.eth.TypedData;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.Vectors;
import io.countersign.hw.eip712.TypedDataDocument;
import io.countersign.hw.transport.ProtocolV1Wire;
import io.countersign.hw.trezor.proto.TrezorEip712;
import io.countersign.hw.trezor.proto.TrezorEthereum;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every case of test-vectors/trezor: (a) the messages the client sends, decoded back with
 * protobuf by the {@link EmulatedTrezor}, carry the fixture's fields; (b) the emulator, holding the
 * fixture's mnemonic, returns the fixture's signatures, addresses and public nodes.
 */
class TrezorFixtureTest {
    private static final HexFormat HEX = HexFormat.of();

    private static void eachCase(String file, String model, BiConsumer<JsonNode, TrezorEthereumClient> check) {
        JsonNode fixture = Vectors.read("trezor/" + file);
        String mnemonic = fixture.get("setup").get("mnemonic").asText();
        try (EmulatedTrezor device = new EmulatedTrezor(mnemonic, model)) {
            TrezorSession session = new TrezorSession(new ProtocolV1Wire(device.hostIo()), DevicePrompts.SILENT, null);
            TrezorEthereumClient client = new TrezorEthereumClient(session);
            client.initialize();
            for (JsonNode t : fixture.get("tests")) {
                check.accept(t, client);
                checkSent(t, device);
            }
        }
    }

    /** (a): the last request the emulator decoded carries the fixture parameters. */
    private static void checkSent(JsonNode t, EmulatedTrezor device) {
        JsonNode p = t.get("parameters");
        List<Integer> path = indices(p.get("path").asText());
        var last = device.received().stream().filter(m -> !(m instanceof io.countersign.hw.trezor.proto.TrezorCommon.ButtonAck)
                && !(m instanceof TrezorEthereum.EthereumTxAck) && !(m instanceof TrezorEip712.EthereumTypedDataValueAck)
                && !(m instanceof TrezorEip712.EthereumTypedDataStructAck)).reduce((a, b) -> b).orElseThrow();
        switch (last) {
            case TrezorEthereum.EthereumGetAddress g -> assertEquals(path, g.getAddressNList());
            case TrezorEthereum.EthereumGetPublicKey g -> assertEquals(path, g.getAddressNList());
            case TrezorEthereum.EthereumSignTx s -> {
                assertEquals(path, s.getAddressNList());
                assertEquals(be(p.get("nonce")), s.getNonce());
                assertEquals(be(p.get("gas_price")), s.getGasPrice());
                assertEquals(be(p.get("gas_limit")), s.getGasLimit());
                assertEquals(be(p.get("value")), s.getValue());
                assertEquals(p.get("to_address").asText(), s.getTo());
                assertEquals(new BigInteger(p.get("chain_id").asText()), new BigInteger(Long.toUnsignedString(s.getChainId())));
                byte[] data = HEX.parseHex(p.get("data").asText());
                assertEquals(data.length, s.getDataLength());
                assertArrayEquals(Arrays.copyOf(data, Math.min(1024, data.length)), s.getDataInitialChunk().toByteArray());
                if (!p.get("tx_type").isNull()) {
                    assertEquals(p.get("tx_type").asInt(), s.getTxType());
                }
            }
            case TrezorEthereum.EthereumSignTxEIP1559 s -> {
                assertEquals(path, s.getAddressNList());
                assertEquals(be(p.get("nonce")), s.getNonce());
                assertEquals(be(p.get("max_gas_fee")), s.getMaxGasFee());
                assertEquals(be(p.get("max_priority_fee")), s.getMaxPriorityFee());
                assertEquals(be(p.get("gas_limit")), s.getGasLimit());
                assertEquals(be(p.get("value")), s.getValue());
                assertEquals(p.get("to_address").asText(), s.getTo());
                assertEquals(p.get("chain_id").asLong(), s.getChainId());
                byte[] data = HEX.parseHex(p.get("data").asText());
                assertEquals(data.length, s.getDataLength());
                assertArrayEquals(Arrays.copyOf(data, Math.min(1024, data.length)), s.getDataInitialChunk().toByteArray());
            }
            case TrezorEthereum.EthereumSignMessage s -> {
                assertEquals(path, s.getAddressNList());
                assertEquals(p.get("msg").asText(), s.getMessage().toStringUtf8());
            }
            case TrezorEip712.EthereumSignTypedData s -> {
                assertEquals(path, s.getAddressNList());
                assertEquals(p.get("data").get("primaryType").asText(), s.getPrimaryType());
                assertEquals(p.get("metamask_v4_compat").asBoolean(), s.getMetamaskV4Compat());
            }
            case TrezorEthereum.EthereumSignTypedHash h -> {
                assertEquals(path, h.getAddressNList());
                assertEquals(p.get("domain_separator_hash").asText().substring(2), HEX.formatHex(h.getDomainSeparatorHash().toByteArray()));
                if (p.get("message_hash").isNull()) {
                    assertFalse(h.hasMessageHash());
                } else {
                    assertEquals(p.get("message_hash").asText().substring(2), HEX.formatHex(h.getMessageHash().toByteArray()));
                }
            }
            default -> throw new AssertionError("unexpected last message " + last.getDescriptorForType().getName());
        }
    }

    private static ByteString be(JsonNode hex) {
        BigInteger v = new BigInteger(hex.asText().substring(2), 16);
        return TrezorEthereumClient.be(v);
    }

    static List<Integer> indices(String path) {
        return Arrays.stream(Bip32Path.parse(path).indices()).boxed().toList();
    }

    private static BigInteger hexInt(JsonNode n) {
        return new BigInteger(n.asText().substring(2), 16);
    }

    @Test
    void getaddress() {
        eachCase("getaddress.json", "T", (t, c) ->
                assertEquals(t.get("result").get("address").asText(), c.getAddress(Bip32Path.parse(t.get("parameters").get("path").asText()), false)));
    }

    @Test
    void getpublickeyNodeFields() {
        eachCase("getpublickey.json", "T", (t, c) -> {
            JsonNode r = t.get("result");
            var node = c.getPublicKey(Bip32Path.parse(t.get("parameters").get("path").asText())).getNode();
            assertEquals(r.get("public_key").asText(), HEX.formatHex(node.getPublicKey().toByteArray()));
            assertEquals(r.get("chain_code").asText(), HEX.formatHex(node.getChainCode().toByteArray()));
            assertEquals(r.get("fingerprint").asLong(), Integer.toUnsignedLong(node.getFingerprint()));
            assertEquals(r.get("child_num").asLong(), Integer.toUnsignedLong(node.getChildNum()));
        });
    }

    private static void legacy(JsonNode t, TrezorEthereumClient c) {
        JsonNode p = t.get("parameters");
        byte[] data = HEX.parseHex(p.get("data").asText());
        String chain = p.get("chain_id").asText();
        var sig = c.signTx(Bip32Path.parse(p.get("path").asText()), hexInt(p.get("nonce")), hexInt(p.get("gas_price")), hexInt(p.get("gas_limit")),
                p.get("to_address").asText(), hexInt(p.get("value")), data, new BigInteger(chain).longValue(),
                p.get("tx_type").isNull() ? null : p.get("tx_type").asInt());
        JsonNode r = t.get("result");
        assertEquals(new BigInteger(r.get("sig_v").asText()), sig.v(), t.path("name").asText());
        assertEquals(r.get("sig_r").asText(), HEX.formatHex(TrezorSigner.pad32(sig.r())));
        assertEquals(r.get("sig_s").asText(), HEX.formatHex(TrezorSigner.pad32(sig.s())));
    }

    @Test
    void signTx() {
        eachCase("sign_tx.json", "T", TrezorFixtureTest::legacy);
    }

    @Test
    void signTxEip155UpToMaxUint64ChainId() {
        eachCase("sign_tx_eip155.json", "T", TrezorFixtureTest::legacy);
    }

    @Test
    void signTxErc20() {
        eachCase("sign_tx_erc20.json", "T", TrezorFixtureTest::legacy);
    }

    @Test
    void signTxEip1559IncludingTheDataChunkLoop() {
        eachCase("sign_tx_eip1559.json", "T", (t, c) -> {
            JsonNode p = t.get("parameters");
            var sig = c.signTxEip1559(Bip32Path.parse(p.get("path").asText()), hexInt(p.get("nonce")), hexInt(p.get("gas_limit")),
                    p.get("to_address").asText(), hexInt(p.get("value")), HEX.parseHex(p.get("data").asText()), p.get("chain_id").asLong(),
                    hexInt(p.get("max_gas_fee")), hexInt(p.get("max_priority_fee")), List.of());
            JsonNode r = t.get("result");
            assertEquals(r.get("sig_v").asInt(), sig.v().intValue());
            assertEquals(r.get("sig_r").asText(), HEX.formatHex(TrezorSigner.pad32(sig.r())));
            assertEquals(r.get("sig_s").asText(), HEX.formatHex(TrezorSigner.pad32(sig.s())));
        });
    }

    @Test
    void signmessage() {
        eachCase("signmessage.json", "T", (t, c) -> {
            JsonNode p = t.get("parameters");
            var r = c.signMessage(Bip32Path.parse(p.get("path").asText()), p.get("msg").asText().getBytes(StandardCharsets.UTF_8));
            assertEquals(t.get("result").get("sig").asText(), HEX.formatHex(r.getSignature().toByteArray()));
            assertEquals(t.get("result").get("address").asText(), r.getAddress());
        });
    }

    private static void typed(JsonNode t, TrezorEthereumClient c, boolean hashOnly) {
        JsonNode p = t.get("parameters");
        TypedData td = new TypedData(p.get("data").toString());
        Bip32Path path = Bip32Path.parse(p.get("path").asText());
        TrezorEthereum.EthereumTypedDataSignature r = hashOnly
                ? c.signTypedHash(path, HEX.parseHex(p.get("domain_separator_hash").asText().substring(2)),
                        p.get("message_hash").isNull() ? null : HEX.parseHex(p.get("message_hash").asText().substring(2)))
                : c.signTypedData(path, TypedDataDocument.of(td), p.get("metamask_v4_compat").asBoolean());
        assertEquals(t.get("result").get("sig").asText().substring(2), HEX.formatHex(r.getSignature().toByteArray()), t.path("name").asText());
        assertEquals(t.get("result").get("address").asText(), r.getAddress());
    }

    @Test
    void signTypedDataFullOnCoreModels() {
        eachCase("sign_typed_data.json", "T", (t, c) -> typed(t, c, false));
    }

    @Test
    void signTypedHashOnTrezorOne() {
        eachCase("sign_typed_data.json", "1", (t, c) -> typed(t, c, true));
    }

    @Test
    void verifymessageSignaturesRecoverToTheirAddress() {
        JsonNode fixture = Vectors.read("trezor/verifymessage.json");
        for (JsonNode t : fixture.get("tests")) {
            JsonNode p = t.get("parameters");
            Signature sig = Signature.parse(p.get("sig").asText());
            byte[] msg = p.get("msg").asText().getBytes(StandardCharsets.UTF_8);
            assertEquals(Address.parse(p.get("address").asText()), sig.recover(Eip191.hashPersonalMessage(msg)));
        }
        assertTrue(fixture.get("tests").size() > 0);
    }
}
