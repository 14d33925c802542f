package io.countersign.hw.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.TypedData;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.HardwareSigners;
import io.countersign.hw.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every transcript in test-vectors/ledger replays byte for byte through the {@code ledger-replay:}
 * signer URI, driven by the vector's upstream inputs, and yields the upstream expected values. The
 * replay fails on the first differing APDU and on APDUs left over at close, so a green test means the
 * client sent exactly the recorded APDUs, no more and no fewer.
 */
class LedgerVectorReplayTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Set<String> COVERED = new TreeSet<>();

    @TempDir
    Path dir;

    private LedgerSigner replay(String file) {
        JsonNode v = Vectors.read("ledger/" + file);
        COVERED.add(file);
        Path recording = Vectors.recording(v, dir);
        String path = "m/" + v.get("inputs").path("path").asText("44'/60'/0'/0/0");
        return HardwareSigners.openLedger("ledger-replay:" + recording, Bip32Path.parse(path), DevicePrompts.SILENT, null);
    }

    private static JsonNode vector(String file) {
        return Vectors.read("ledger/" + file);
    }

    /** APDU data (after the 5-byte header) of the vector's exchange {@code i}: an opaque Ledger-signed descriptor. */
    private static byte[] descriptor(JsonNode v, int i) {
        byte[] apdu = HEX.parseHex(v.get("exchanges").get(i).get("apdu_hex").asText());
        return java.util.Arrays.copyOfRange(apdu, 5, apdu.length);
    }

    private static void assertTx(JsonNode expected, LedgerTxSignature sig) {
        assertEquals(expected.get("r").asText(), HEX.formatHex(sig.r()));
        assertEquals(expected.get("s").asText(), HEX.formatHex(sig.s()));
        assertEquals(expected.get("v").asText(), sig.vHex());
    }

    private static void assertSig(JsonNode expected, Signature sig) {
        assertEquals(expected.get("r").asText(), HEX.formatHex(sig.r()));
        assertEquals(expected.get("s").asText(), HEX.formatHex(sig.s()));
        assertEquals(expected.get("v").asInt(), sig.v());
    }

    private LedgerTxSignature signRaw(String file) {
        JsonNode v = vector(file);
        try (LedgerSigner s = replay(file)) {
            return s.signRawTransaction(HEX.parseHex(v.get("inputs").get("raw_tx_hex").asText()));
        }
    }

    @Test
    void getAddress() {
        JsonNode v = vector("get_address.json");
        try (LedgerSigner s = replay("get_address.json")) {
            LedgerEthApp.PublicAddress a = s.app().getAddress(s.path(), false, false, null);
            assertEquals(v.get("expected").get("address").asText(), a.addressText());
            assertEquals(v.get("expected").get("publicKey").asText(), HEX.formatHex(a.publicKey()));
        }
    }

    @Test
    void getAddressShownWithChainId17000() {
        JsonNode v = vector("get_address_display_chainid_17000.json");
        try (LedgerSigner s = replay("get_address_display_chainid_17000.json")) {
            Address a = s.verifyAddress(BigInteger.valueOf(v.get("inputs").get("chain_id").asLong()));
            assertEquals(Address.parse(v.get("expected").get("address").asText()), a);
        }
    }

    @Test
    void getAppConfiguration() {
        JsonNode e = vector("get_app_configuration.json").get("expected");
        try (LedgerSigner s = replay("get_app_configuration.json")) {
            LedgerEthApp.AppConfiguration c = s.app().getAppConfiguration();
            assertEquals(e.get("version").asText(), c.version());
            assertEquals(e.get("arbitraryDataEnabled").asInt() == 1, c.arbitraryDataEnabled());
            assertEquals(e.get("erc20ProvisioningNecessary").asInt(), c.flags() & 0x02);
            assertEquals(e.get("starkEnabled").asInt(), c.flags() & 0x04);
            assertEquals(e.get("starkv2Supported").asInt(), c.flags() & 0x08);
        }
    }

    @Test
    void provideErc20TokenInformationPassesTheSignedDescriptorThrough() {
        JsonNode v = vector("provide_erc20_token_info.json");
        byte[] descriptor = descriptor(v, 0);
        // The descriptor starts with the ticker and contract the upstream test expects.
        JsonNode token = v.get("expected").get("token");
        assertEquals(token.get("ticker").asText(), new String(descriptor, 1, descriptor[0], StandardCharsets.US_ASCII));
        assertEquals(token.get("contract").asText().substring(2), HEX.formatHex(descriptor, 1 + descriptor[0], 21 + descriptor[0]));
        try (LedgerSigner s = replay("provide_erc20_token_info.json")) {
            s.app().provideErc20TokenInformation(descriptor);
        }
    }

    @Test
    void signEip712FullPermitSendsEveryFieldAndSignsInFullMode() {
        JsonNode v = vector("sign_eip712_full_permit.json");
        try (LedgerSigner s = replay("sign_eip712_full_permit.json")) {
            Signature sig = s.signTypedData(new TypedData(v.get("inputs").get("typed_data").toString()));
            assertSig(v.get("expected"), sig);
            assertTrue(s.notes().isEmpty(), "full clear signing needs no fallback notice");
            // Collector check in PROVENANCE.md: this signature recovers to 0xdad7…6d8d.
            assertEquals(Address.parse("0xdad77910dbdfde764fc21fcd4e74d71bbaca6d8d"), s.address());
        }
    }

    @Test
    void signEip712Hashed() {
        JsonNode v = vector("sign_eip712_hashed.json");
        JsonNode in = v.get("inputs");
        try (LedgerSigner s = replay("sign_eip712_hashed.json")) {
            Signature sig = s.app().signEip712Hashed(s.path(), HEX.parseHex(in.get("domain_separator_hash").asText()),
                    HEX.parseHex(in.get("message_hash").asText()));
            assertSig(v.get("expected"), sig);
        }
    }

    @Test
    void signPersonalMessage() {
        JsonNode v = vector("sign_personal_message.json");
        try (LedgerSigner s = replay("sign_personal_message.json")) {
            Signature sig = s.signPersonalMessage(v.get("inputs").get("message_utf8").asText().getBytes(StandardCharsets.UTF_8));
            assertSig(v.get("expected"), sig);
        }
    }

    @Test
    void signTxEip1559Raw() {
        assertTx(vector("sign_tx_eip1559.json").get("expected"), signRaw("sign_tx_eip1559.json"));
    }

    @Test
    void signTxEip1559CoinTransferFromFieldsThroughTheSignerInterface() {
        JsonNode v = vector("sign_tx_eip1559_coin_transfer.json");
        JsonNode f = v.get("inputs").get("tx_fields");
        EthTransaction tx = EthTransaction.eip1559(BigInteger.valueOf(f.get("chainId").asLong()), BigInteger.valueOf(f.get("nonce").asLong()),
                new BigInteger(f.get("gasLimit").asText()), Address.parse(f.get("to").asText()), new BigInteger(f.get("value").asText()),
                new byte[0], new BigInteger(f.get("maxPriorityFeePerGas").asText()), new BigInteger(f.get("maxFeePerGas").asText()));
        assertEquals(v.get("inputs").get("raw_tx_hex").asText(), HEX.formatHex(tx.encodeForSigning()));
        try (LedgerSigner s = replay("sign_tx_eip1559_coin_transfer.json")) {
            SignedTransaction signed = s.signTransaction(tx);
            JsonNode e = v.get("expected");
            assertEquals(new BigInteger(e.get("r").asText(), 16), signed.r());
            assertEquals(new BigInteger(e.get("s").asText(), 16), signed.s());
            assertEquals(Integer.parseInt(e.get("v").asText(), 16), signed.yParity());
            // Independent check: the get_address_display_chainid_17000 vector returns this account for the same path.
            Address expected = Address.parse(vector("get_address_display_chainid_17000.json").get("expected").get("address").asText());
            assertEquals(expected, s.address());
        }
    }

    @Test
    void signTxEip1559WithErc721PluginAndNftDescriptors() {
        JsonNode v = vector("sign_tx_eip1559_chunked_erc721_plugin.json");
        try (LedgerSigner s = replay("sign_tx_eip1559_chunked_erc721_plugin.json")) {
            s.app().setPlugin(descriptor(v, 0));
            s.app().provideNftInformation(descriptor(v, 1));
            LedgerTxSignature sig = s.signRawTransaction(HEX.parseHex(v.get("inputs").get("raw_tx_hex").asText()));
            assertTx(v.get("expected"), sig);
        }
    }

    @Test
    void signTxEip2930Chunked() {
        assertTx(vector("sign_tx_eip2930_chunked.json").get("expected"), signRaw("sign_tx_eip2930_chunked.json"));
    }

    @Test
    void signTxLegacyWithoutChainId() {
        assertTx(vector("sign_tx_legacy.json").get("expected"), signRaw("sign_tx_legacy.json"));
    }

    @Test
    void signTxLegacyFiveByteChainIdRebuildsV() {
        assertTx(vector("sign_tx_legacy_5byte_chainid.json").get("expected"), signRaw("sign_tx_legacy_5byte_chainid.json"));
    }

    @Test
    void signTxLegacyLargeChainIdRebuildsV() {
        assertTx(vector("sign_tx_legacy_large_chainid.json").get("expected"), signRaw("sign_tx_legacy_large_chainid.json"));
    }

    @Test
    void signTxLegacyChunkedKeepsTheEip155TailInTheLastChunk() {
        JsonNode v = vector("sign_tx_legacy_chunked_limit.json");
        assertTx(v.get("expected"), signRaw("sign_tx_legacy_chunked_limit.json"));
        // The last chunk is longer than 150 bytes because the chainId/0/0 tail stays whole.
        String last = v.get("exchanges").get(2).get("apdu_hex").asText();
        assertEquals(0x99, Integer.parseInt(last.substring(8, 10), 16));
    }

    @Test
    void signTxLegacyWithParaswapExternalPluginAndTokenDescriptor() {
        JsonNode v = vector("sign_tx_legacy_chunked_paraswap_plugin.json");
        try (LedgerSigner s = replay("sign_tx_legacy_chunked_paraswap_plugin.json")) {
            s.app().setExternalPlugin(descriptor(v, 0));
            s.app().provideErc20TokenInformation(descriptor(v, 1));
            LedgerTxSignature sig = s.signRawTransaction(HEX.parseHex(v.get("inputs").get("raw_tx_hex").asText()));
            assertTx(v.get("expected"), sig);
        }
    }

    @AfterAll
    static void everyLedgerVectorIsCovered() {
        assertEquals(new TreeSet<>(Vectors.list("ledger")), COVERED, "every test-vectors/ledger file has a replay test");
    }
}
