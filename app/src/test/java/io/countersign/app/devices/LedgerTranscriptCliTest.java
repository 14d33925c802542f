package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Bip32Path;
import io.countersign.hw.ledger.EmulatedSpeculos;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Ledger transcript replay (docs/devices.md) at the level of the real command line: each Ledger transcript in
 * test-vectors/ledger is written to a {@code => apdu} / {@code <= response} file and replayed
 * through {@code --signer ledger-replay:FILE} by the command an officer would type. The replay fails
 * on the first APDU that differs and on APDUs left over when the signer is closed (which the CLI
 * does before it exits), so exit code 0 means the CLI sent exactly the recorded APDUs.
 *
 * <p>Expected values are the vector's own {@code expected} fields (upstream test data), never
 * values computed by Countersign. Vectors no CLI command can send as a whole are listed in
 * {@link #NOT_REACHABLE} with the reason; hw-wallet-drivers' LedgerVectorReplayTest replays them
 * in full at library level.
 */
class LedgerTranscriptCliTest {
    private static final Set<String> COVERED = new TreeSet<>();

    /**
     * Transcripts no {@code countersign} command sends as they stand, and why. Each is still
     * replayed byte for byte by hw-wallet-drivers' LedgerVectorReplayTest.
     */
    static final Map<String, String> NOT_REACHABLE = Map.of(
            "provide_erc20_token_info.json",
            "INS 0x0A alone, with a descriptor signed by Ledger's CAL key: Countersign never fetches CAL descriptors (it works offline), "
                    + "so no command sends one");

    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--dev-mode", "--offline", "--json");
    }

    /** Replays exchanges {@code from}.. of {@code file} through {@code args... --signer ledger-replay:F --path P}. */
    private CliRunner.Result replay(String file, int from, String... args) {
        JsonNode v = LedgerTranscripts.read(file);
        COVERED.add(file);
        Path recording = LedgerTranscripts.recording(v, from, dir);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--signer", "ledger-replay:" + recording, "--path", LedgerTranscripts.path(v)));
        return cli().run(all.toArray(String[]::new));
    }

    private static JsonNode vector(String file) {
        return LedgerTranscripts.read(file);
    }

    private static String rawTx(String file) {
        return "0x" + vector(file).get("inputs").get("raw_tx_hex").asText();
    }

    private static void assertOk(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.err().contains("replay mismatch"), r.err());
    }

    /** r and s as the vector gives them (hex, no 0x), v as the vector's hex converted to the CLI's decimal. */
    private static void assertTxSignature(JsonNode expected, CliRunner.Result r) {
        assertOk(r);
        JsonNode json = r.json();
        assertEquals("0x" + expected.get("r").asText(), json.get("r").asText());
        assertEquals("0x" + expected.get("s").asText(), json.get("s").asText());
        assertEquals(new BigInteger(expected.get("v").asText(), 16).toString(), json.get("v").asText());
    }

    /** A 65-byte r ‖ s ‖ v signature as the vector gives r, s and v (v decimal 27/28). */
    private static String signatureHex(JsonNode expected) {
        return "0x" + expected.get("r").asText() + expected.get("s").asText() + String.format("%02x", expected.get("v").asInt());
    }

    @Test
    void eip712HashedThroughTypedDataSignWithTheTwoHashes() {
        JsonNode v = vector("sign_eip712_hashed.json");
        CliRunner.Result r = replay("sign_eip712_hashed.json", 0, "typed-data", "sign",
                "--domain-hash", v.get("inputs").get("domain_separator_hash").asText(),
                "--message-hash", v.get("inputs").get("message_hash").asText(), "--allow-blind");
        assertOk(r);
        assertEquals(signatureHex(v.get("expected")), r.json().get("signature").asText());
        assertTrue(r.err().contains("signing two hashes, not a document"), r.err());
    }

    @Test
    void appConfigurationThroughDevicesSigner() {
        JsonNode expected = vector("get_app_configuration.json").get("expected");
        JsonNode v = LedgerTranscripts.read("get_app_configuration.json");
        COVERED.add("get_app_configuration.json");
        Path recording = LedgerTranscripts.recording(v, 0, dir);
        CliRunner.Result r = cli().run("devices", "--signer", "ledger-replay:" + recording);
        assertOk(r);
        JsonNode device = r.json().get("device");
        assertEquals(expected.get("version").asText(), device.get("version").asText());
        assertEquals(expected.get("arbitraryDataEnabled").asInt() == 1, device.get("blindSigning").asBoolean());
        assertEquals(expected.get("erc20ProvisioningNecessary").asInt() == 1, device.get("erc20ProvisioningNecessary").asBoolean());
        assertEquals(expected.get("starkEnabled").asInt() == 1, device.get("starkEnabled").asBoolean());
        assertEquals(expected.get("starkv2Supported").asInt() == 1, device.get("starkV2Supported").asBoolean());
    }

    @Test
    void getAddressThroughAddressCommand() {
        CliRunner.Result r = replay("get_address.json", 0, "address");
        assertOk(r);
        assertEquals(vector("get_address.json").get("expected").get("address").asText(), r.json().get("address").asText());
        assertEquals("m/44'/60'/0'/0'/0", r.json().get("path").asText());
    }

    @Test
    void getAddressShownOnTheDeviceForChain17000ThroughAddressVerify() {
        JsonNode v = vector("get_address_display_chainid_17000.json");
        CliRunner.Result r = replay("get_address_display_chainid_17000.json", 0, "address", "--verify",
                "--chain-id", v.get("inputs").get("chain_id").asText());
        assertOk(r);
        assertEquals(v.get("expected").get("address").asText(), r.json().get("address").asText());
        assertTrue(r.err().contains("Compare the address on your device"), r.err());
    }

    @Test
    void eip712FullPermitThroughTypedDataSign() throws Exception {
        JsonNode v = vector("sign_eip712_full_permit.json");
        Path doc = dir.resolve("permit.json");
        Files.writeString(doc, v.get("inputs").get("typed_data").toString());
        CliRunner.Result r = replay("sign_eip712_full_permit.json", 0, "typed-data", "sign", doc.toString());
        assertOk(r);
        assertEquals(signatureHex(v.get("expected")), r.json().get("signature").asText());
        // PROVENANCE.md's collector check: the upstream signature recovers to 0xdad7…6d8d.
        assertEquals("0xdAD77910DbDFdE764fC21FCD4E74D71bBACA6D8D".toLowerCase(), r.json().get("address").asText().toLowerCase());
        assertFalse(r.err().contains("too old for clear signing"), "full mode needs no fallback notice: " + r.err());
    }

    @Test
    void personalMessageThroughMessageSign() {
        JsonNode v = vector("sign_personal_message.json");
        CliRunner.Result r = replay("sign_personal_message.json", 0, "message", "sign", "--text", v.get("inputs").get("message_utf8").asText());
        assertOk(r);
        assertEquals(signatureHex(v.get("expected")), r.json().get("signature").asText());
    }

    @Test
    void eip1559RawThroughTxSignUnsigned() {
        // The raw transaction's chain id is 3 (Ropsten); --chain-id must repeat it.
        assertTxSignature(vector("sign_tx_eip1559.json").get("expected"),
                replay("sign_tx_eip1559.json", 0, "tx", "sign", "--unsigned", rawTx("sign_tx_eip1559.json"), "--chain-id", "3"));
    }

    @Test
    void eip1559CoinTransferThroughTxSignFromFields() {
        JsonNode v = vector("sign_tx_eip1559_coin_transfer.json");
        JsonNode f = v.get("inputs").get("tx_fields");
        CliRunner.Result r = replay("sign_tx_eip1559_coin_transfer.json", 0, "tx", "sign", "--chain-id", f.get("chainId").asText(),
                "--nonce", f.get("nonce").asText(), "--to", f.get("to").asText(), "--value", f.get("value").asText(),
                "--gas", f.get("gasLimit").asText(), "--max-fee", f.get("maxFeePerGas").asText(),
                "--max-priority-fee", f.get("maxPriorityFeePerGas").asText());
        assertTxSignature(v.get("expected"), r);
        // Independent check: the get_address_display_chainid_17000 transcript returns this account for the same path.
        assertEquals(vector("get_address_display_chainid_17000.json").get("expected").get("address").asText(), r.json().get("from").asText());
        assertEquals("0x" + v.get("inputs").get("raw_tx_hex").asText().substring(0, 2), r.json().get("raw").asText().substring(0, 4));
    }

    /**
     * Chain id 0x02a15c308d: the device answers one v byte and the CLI rebuilds the full v as
     * hw-app-eth does. The upstream raw transaction is not canonical RLP: its 53-byte list carries
     * the long-form header {@code f8 35} where RLP requires {@code f5}. `tx sign` decodes the
     * transaction and has the device sign its canonical encoding (the bytes every node hashes), so
     * the vector's first APDU is never sent as recorded: the replay stops at its line with exactly
     * that header difference. With the APDU rewritten to the canonical header (and Lc one less) and
     * the vector's own response, the CLI yields the vector's r, s and v.
     */
    @Test
    void legacyFiveByteChainIdThroughTxSignUnsignedAfterCanonicalRlp() throws Exception {
        JsonNode v = vector("sign_tx_legacy_5byte_chainid.json");
        String raw = v.get("inputs").get("raw_tx_hex").asText();
        assertTrue(raw.startsWith("f835") && raw.length() / 2 - 2 == 0x35, "53-byte payload behind a long-form header");
        String chainId = new BigInteger("02a15c308d", 16).toString();
        String canonicalRaw = "f5" + raw.substring(4);
        String apdu = v.get("exchanges").get(0).get("apdu_hex").asText();
        String header = "e0040000";
        String pathBytes = apdu.substring(10, apdu.length() - raw.length());
        String canonicalApdu = header + String.format("%02x", pathBytes.length() / 2 + canonicalRaw.length() / 2) + pathBytes + canonicalRaw;

        CliRunner.Result asRecorded = replay("sign_tx_legacy_5byte_chainid.json", 0, "tx", "sign", "--unsigned", "0x" + raw, "--chain-id", chainId);
        assertEquals(1, asRecorded.code(), asRecorded.toString());
        assertTrue(asRecorded.err().contains("replay mismatch at line 2: expected " + apdu + ", actual " + canonicalApdu), asRecorded.err());

        Path canonical = dir.resolve("5byte-canonical.apdus");
        Files.writeString(canonical, "=> " + canonicalApdu + "\n<= " + v.get("exchanges").get(0).get("response_hex").asText() + "\n");
        CliRunner.Result r = cli().run("tx", "sign", "--unsigned", "0x" + canonicalRaw, "--chain-id", chainId,
                "--signer", "ledger-replay:" + canonical, "--path", LedgerTranscripts.path(v));
        assertTxSignature(v.get("expected"), r);
    }

    /**
     * The upstream response is a mock ("Incorrect signature but it doesn't matter for tests"): v 0x1b
     * is not an EIP-155 v for chain 1 (37 or 38), so no sender can be recovered. The CLI sends every
     * chunk exactly as recorded (0x96, 0x96, then 0x99 with the EIP-155 tail kept whole), then refuses
     * the answer with an error naming the v the vector expects and the two valid ones.
     */
    @Test
    void legacyChunkedLimitIsReplayedThenItsMockSignatureIsRefused() {
        JsonNode v = vector("sign_tx_legacy_chunked_limit.json");
        CliRunner.Result r = replay("sign_tx_legacy_chunked_limit.json", 0, "tx", "sign", "--unsigned",
                rawTx("sign_tx_legacy_chunked_limit.json"), "--chain-id", "1");
        assertEquals(1, r.code(), r.toString());
        assertFalse(r.err().contains("replay mismatch"), "every recorded APDU was sent, none left over: " + r.err());
        BigInteger expectedV = new BigInteger(v.get("expected").get("v").asText(), 16);
        assertTrue(r.err().contains("v=" + expectedV + " "), r.err());
        assertTrue(r.err().contains("37 or 38"), r.err());
        assertTrue(r.out().contains("\"exitCode\":1") && !r.out().contains("\"raw\""), r.out());
    }

    /**
     * Chain id 0xaa00: hw-app-eth rebuilds v = 0x01542b, which is 8 above chainId·2+35, so the
     * upstream mock cannot be a signature of this transaction. Replayed in full, then refused with
     * the vector's v named in the error.
     */
    @Test
    void legacyLargeChainIdIsReplayedThenItsMockSignatureIsRefused() {
        JsonNode v = vector("sign_tx_legacy_large_chainid.json");
        CliRunner.Result r = replay("sign_tx_legacy_large_chainid.json", 0, "tx", "sign", "--unsigned",
                rawTx("sign_tx_legacy_large_chainid.json"), "--chain-id", "43520");
        assertEquals(1, r.code(), r.toString());
        assertFalse(r.err().contains("replay mismatch"), r.err());
        BigInteger expectedV = new BigInteger(v.get("expected").get("v").asText(), 16);
        assertTrue(r.err().contains("v=" + expectedV + " "), r.err());
        assertTrue(r.err().contains("87075 or 87076"), r.err());
    }

    /**
     * The descriptors a plugin transcript sends first (Ledger-signed, as Ledger's service returns
     * them), written as a --ledger-descriptors file: each APDU's data after its 5-byte header,
     * kind by instruction.
     */
    private Path descriptorsFile(JsonNode v, int count) throws java.io.IOException {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            String apdu = v.get("exchanges").get(i).get("apdu_hex").asText();
            String kind = switch (v.get("exchanges").get(i).get("ins").asText()) {
                case "0x0a" -> "erc20";
                case "0x12" -> "external-plugin";
                case "0x14" -> "nft";
                case "0x16" -> "plugin";
                default -> throw new AssertionError("not a descriptor: " + apdu);
            };
            json.append(i == 0 ? "" : ",").append("{\"kind\":\"").append(kind).append("\",\"data\":\"0x").append(apdu.substring(10)).append("\"}");
        }
        Path file = dir.resolve("descriptors-" + count + "-" + v.get("name").asText() + ".json");
        java.nio.file.Files.writeString(file, json.append("]").toString());
        return file;
    }

    /**
     * SET PLUGIN (0x16) and PROVIDE NFT INFORMATION (0x14) carry descriptors signed by Ledger's
     * services; an officer brings them with --ledger-descriptors (Countersign never fetches them).
     * The whole transcript replays: both descriptors, then the signing chunks (a 150-byte first
     * chunk, P1=0x80 continuation), yielding the upstream signature.
     */
    @Test
    void erc721PluginTransactionThroughTxSignWithLedgerDescriptors() throws Exception {
        JsonNode v = vector("sign_tx_eip1559_chunked_erc721_plugin.json");
        assertEquals("0x16", v.get("exchanges").get(0).get("ins").asText());
        assertEquals("0x14", v.get("exchanges").get(1).get("ins").asText());
        assertTxSignature(v.get("expected"), replay("sign_tx_eip1559_chunked_erc721_plugin.json", 0, "tx", "sign", "--unsigned",
                rawTx("sign_tx_eip1559_chunked_erc721_plugin.json"), "--chain-id", "1", "--ledger-descriptors", descriptorsFile(v, 2).toString()));
    }

    /**
     * SET EXTERNAL PLUGIN (0x12) and PROVIDE ERC 20 TOKEN INFORMATION (0x0A), then the seven signing
     * chunks (six of 0x96, one of 0x61) for the 976-byte transaction: the upstream v 0x26, r and s.
     */
    @Test
    void paraswapPluginTransactionThroughTxSignWithLedgerDescriptors() throws Exception {
        JsonNode v = vector("sign_tx_legacy_chunked_paraswap_plugin.json");
        assertEquals("0x12", v.get("exchanges").get(0).get("ins").asText());
        assertEquals("0x0a", v.get("exchanges").get(1).get("ins").asText());
        assertTxSignature(v.get("expected"), replay("sign_tx_legacy_chunked_paraswap_plugin.json", 0, "tx", "sign", "--unsigned",
                rawTx("sign_tx_legacy_chunked_paraswap_plugin.json"), "--chain-id", "1", "--ledger-descriptors", descriptorsFile(v, 2).toString()));
    }

    @Test
    void eip2930WithAccessListThroughTxSignUnsigned() {
        assertTxSignature(vector("sign_tx_eip2930_chunked.json").get("expected"),
                replay("sign_tx_eip2930_chunked.json", 0, "tx", "sign", "--unsigned", rawTx("sign_tx_eip2930_chunked.json"), "--chain-id", "3"));
    }

    /**
     * A legacy transaction without a chain id (before EIP-155) is valid on every chain: `tx sign`
     * refuses it before any device is contacted unless the officer passes --allow-replayable, and
     * then warns.
     */
    @Test
    void preEip155TransactionOnlyWithAllowReplayable() {
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(io.countersign.eth.devchain.Anvil.MNEMONIC, Bip32Path.parse("m/44'/60'/0'/0/0"))) {
            CliRunner.Result refused = cli().run("tx", "sign", "--unsigned", rawTx("sign_tx_legacy.json"), "--chain-id", "1",
                    "--signer", ledger.uri());
            assertEquals(1, refused.code(), refused.toString());
            assertTrue(refused.err().contains("--allow-replayable"), refused.err());
            assertEquals(List.of(), ledger.apdus(), "no APDU reached the device");
        }
        CliRunner.Result r = replay("sign_tx_legacy.json", 0, "tx", "sign", "--unsigned", rawTx("sign_tx_legacy.json"), "--chain-id", "1",
                "--allow-replayable");
        assertTxSignature(vector("sign_tx_legacy.json").get("expected"), r);
        assertTrue(r.err().contains("WARNING: this transaction carries no chain id"), r.err());
    }

    /** A transcript for another request fails on the first differing APDU, naming it. */
    @Test
    void aDifferentMessageFailsOnTheFirstApduWithItsLine() {
        CliRunner.Result r = replay("sign_personal_message.json", 0, "message", "sign", "--text", "tesT");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("replay mismatch at line 2"), r.err());
        assertTrue(r.err().contains("00000004" + "74657354"), "the actual APDU carries the length and \"tesT\": " + r.err());
    }

    @AfterAll
    static void everyTranscriptIsReplayedOrExplained() {
        Set<String> accounted = new TreeSet<>(COVERED);
        accounted.addAll(NOT_REACHABLE.keySet());
        assertEquals(new TreeSet<>(LedgerTranscripts.all()), accounted, "every test-vectors/ledger file goes through a CLI command or says why not");
    }
}
