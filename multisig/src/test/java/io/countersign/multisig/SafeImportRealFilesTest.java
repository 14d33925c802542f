package io.countersign.multisig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.testing.TestPaths;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real files from public repositories (test-vectors/safe-import/, sources in its PROVENANCE.md),
 * imported offline. Expected values are the files' own (the service's safeTxHash and owners) or
 * come from an independent peer: ethers v5, the ABI coder under the Transaction Builder, driven by
 * testchain/tx-builder-encode.cjs.
 */
class SafeImportRealFilesTest {
    static final SafeVersion V130 = SafeVersion.parse("1.3.0");
    static final SafeVersion V111 = SafeVersion.parse("1.1.1");

    static Path file(String name) {
        return TestPaths.vectors().resolve("safe-import").resolve(name);
    }

    static String read(String name) throws IOException {
        return Files.readString(file(name), StandardCharsets.UTF_8);
    }

    static SafeImport.Target target(long chainId, String safe, SafeVersion version, long nonce, List<String> owners, int threshold) {
        return new SafeImport.Target(BigInteger.valueOf(chainId), Address.parse(safe), version,
                nonce < 0 ? null : BigInteger.valueOf(nonce), owners.stream().map(Address::parse).toList(), threshold,
                MultiSend.CALL_ONLY_1_3_0);
    }

    // ---- Transaction Service ----

    /**
     * safe-client-gateway's recorded all-transactions page: one executed removeOwner with EOA,
     * ETH_SIGN and APPROVED_HASH confirmations. The gateway's fixture put another Safe's address
     * (0x4cb0…) in {@code safe} and {@code to}; the page's own {@code next} URL still names the Safe
     * the transaction was made for, 0x1230B3…, whose self-call it is.
     */
    static final String HISTORY_SAFE = "0x1230B3d59858296A31053C1b8562Ecf89A2f888b";
    static final List<String> LAST_HISTORY_OWNERS = List.of("0xF2CeA96575d6b10f51d9aF3b10e3e4E5738aa6bd",
            "0x6169b3e26fac6870208e12074d91DF7eD124339e", "0x65F8236309e5A99Ff0d129d04E486EBCE20DC7B0",
            "0x8bc9Ab35a2A8b20ad8c23410C61db69F2e5d8164");

    /** The page with the Safe's address put back in {@code safe} and {@code to}, taken from its {@code next} URL. */
    static ObjectNode lastHistoryPage() throws IOException {
        ObjectNode page = (ObjectNode) RequestFile.JSON.readTree(read("service/last_history_tx.json"));
        String next = page.get("next").asString();
        String safe = next.substring(next.indexOf("/safes/") + 7, next.indexOf("/all-transactions"));
        assertEquals(HISTORY_SAFE, safe);
        ObjectNode tx = (ObjectNode) page.get("results").get(0);
        tx.put("safe", safe);
        tx.put("to", safe);
        return page;
    }

    @Test
    void serviceListPageWithEoaEthSignAndApprovedHashConfirmations() throws IOException {
        SafeImport.Imported imported = SafeImport.importJson(lastHistoryPage().toString(),
                target(4, HISTORY_SAFE, V130, -1, LAST_HISTORY_OWNERS, 4));
        SafeRequest r = imported.request();
        assertEquals("0x8fb21d8f9612f33978e4b1f20740d65d38c7a6ba33109b8b7af7a5ddfd44eb6a", r.hashes().safeTxHashHex());
        assertEquals(BigInteger.valueOf(800), r.tx().nonce());
        assertEquals(BigInteger.valueOf(60850), r.tx().safeTxGas());
        // Each confirmation recovered to (or, for the approved hash, names) the owner the service listed.
        assertEquals(LAST_HISTORY_OWNERS.stream().map(Address::parse).toList(), r.signers());
        assertEquals(List.of(SignatureMethod.APPROVED_HASH, SignatureMethod.ETH_SIGN, SignatureMethod.EIP712, SignatureMethod.EIP712),
                r.signatures().stream().map(SafeSignature::method).toList());
        assertEquals(List.of(Address.parse("0xF2CeA96575d6b10f51d9aF3b10e3e4E5738aa6bd")), imported.unverified());
        assertTrue(imported.warnings().getFirst().startsWith("UNVERIFIED: 0xF2CeA96575d6b10f51d9aF3b10e3e4E5738aa6bd"));
        assertEquals(SafeImport.Source.TRANSACTION_SERVICE, imported.source());
    }

    @Test
    void theFixtureAsRecordedNamesAnotherSafeAndIsRefusedNamingBothHashes() throws IOException {
        var e = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(read("service/last_history_tx.json"),
                target(4, "0x4cb09344de5bCCD45F045c5Defa0E0452869FF0f", V130, -1, LAST_HISTORY_OWNERS, 4)));
        assertTrue(e.getMessage().startsWith("the file's safeTxHash 0x8fb21d8f9612f33978e4b1f20740d65d38c7a6ba33109b8b7af7a5ddfd44eb6a"
                + " does not match its fields, which hash to 0x"), e.getMessage());
    }

    @Test
    void serviceTransactionWithNumbersAsJsonNumbersOnSafe111() throws IOException {
        List<String> owners = List.of("0xBEA2F9227230976d2813a2f8b922c22bE1DE1B23", "0x37e9F140A9Df5DCBc783C6c220660a4E15CBFe72",
                "0xA3DAa0d9Ae02dAA17a664c232aDa1B739eF5ae8D", "0xF2CeA96575d6b10f51d9aF3b10e3e4E5738aa6bd",
                "0x65F8236309e5A99Ff0d129d04E486EBCE20DC7B0");
        SafeImport.Imported imported = SafeImport.importJson(read("service/multisig_erc20_transfer.json"),
                target(4, "0x1230B3d59858296A31053C1b8562Ecf89A2f888b", V111, 178, owners, 3));
        SafeRequest r = imported.request();
        assertEquals("0x95e32bb8cb88ecdc45732c0a551eae7b3744187cf1ba19cda1440eaaf7b4950c", r.hashes().safeTxHashHex());
        assertEquals(List.of(Address.parse("0x65F8236309e5A99Ff0d129d04E486EBCE20DC7B0"), Address.parse("0xF2CeA96575d6b10f51d9aF3b10e3e4E5738aa6bd"),
                Address.parse("0xBEA2F9227230976d2813a2f8b922c22bE1DE1B23")), r.signers());
        assertEquals(List.of(Address.parse("0xBEA2F9227230976d2813a2f8b922c22bE1DE1B23")), imported.unverified());
    }

    @Test
    void serviceTransactionWithNullData() throws IOException {
        List<String> owners = List.of("0xBEA2F9227230976d2813a2f8b922c22bE1DE1B23", "0x37e9F140A9Df5DCBc783C6c220660a4E15CBFe72",
                "0xA3DAa0d9Ae02dAA17a664c232aDa1B739eF5ae8D", "0xF2CeA96575d6b10f51d9aF3b10e3e4E5738aa6bd",
                "0x65F8236309e5A99Ff0d129d04E486EBCE20DC7B0");
        JsonNode file = RequestFile.JSON.readTree(read("service/multisig_awaiting_confirmations.json"));
        assertTrue(file.get("data").isNull(), "the recorded file has data: null");
        SafeImport.Imported imported = SafeImport.importJson(file.toString(),
                target(4, "0x1230B3d59858296A31053C1b8562Ecf89A2f888b", V111, -1, owners, 3));
        assertEquals(file.get("safeTxHash").asString(), imported.request().hashes().safeTxHashHex());
        assertEquals(0, imported.request().tx().data().length);
    }

    @Test
    void aServiceFileWhoseSafeTxHashDoesNotMatchIsRefusedNamingBothHashes() throws IOException {
        ObjectNode file = (ObjectNode) RequestFile.JSON.readTree(read("service/multisig_erc20_transfer.json"));
        file.put("value", "1"); // an edited field: the hash the service reported no longer matches
        List<String> owners = List.of("0xBEA2F9227230976d2813a2f8b922c22bE1DE1B23", "0xF2CeA96575d6b10f51d9aF3b10e3e4E5738aa6bd",
                "0x65F8236309e5A99Ff0d129d04E486EBCE20DC7B0");
        var e = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(file.toString(),
                target(4, "0x1230B3d59858296A31053C1b8562Ecf89A2f888b", V111, -1, owners, 3)));
        assertTrue(e.getMessage().contains("0x95e32bb8cb88ecdc45732c0a551eae7b3744187cf1ba19cda1440eaaf7b4950c"), e.getMessage());
        assertTrue(e.getMessage().contains("does not match its fields, which hash to 0x"), e.getMessage());
        // The same file read as another Safe version: refused too (1.1.1 and 1.3.0 hash differently).
        var e2 = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(read("service/multisig_erc20_transfer.json"),
                target(4, "0x1230B3d59858296A31053C1b8562Ecf89A2f888b", V130, -1, owners, 3)));
        assertTrue(e2.getMessage().contains("1.3.0 on chain 4"), e2.getMessage());
    }

    @Test
    void aServiceConfirmationThatRecoversToAnotherOwnerIsRefused() throws IOException {
        ObjectNode file = lastHistoryPage();
        ObjectNode tx = (ObjectNode) file.get("results").get(0);
        // Swap the owners of the two EOA confirmations: each signature now claims the other owner.
        ObjectNode c3 = (ObjectNode) tx.get("confirmations").get(2);
        ObjectNode c4 = (ObjectNode) tx.get("confirmations").get(3);
        String o3 = c3.get("owner").asString();
        c3.put("owner", c4.get("owner").asString());
        c4.put("owner", o3);
        var e = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(file.toString(),
                target(4, HISTORY_SAFE, V130, -1, LAST_HISTORY_OWNERS, 4)));
        assertTrue(e.getMessage().startsWith("confirmation 3 (owner 0x8bc9Ab35a2A8b20ad8c23410C61db69F2e5d8164, EOA)"), e.getMessage());
        assertTrue(e.getMessage().contains("0x65F8236309e5A99Ff0d129d04E486EBCE20DC7B0"), e.getMessage());
    }

    @Test
    void aListIsPickedByNonceOrSafeTxHash() throws IOException {
        ObjectNode page = lastHistoryPage();
        JsonNode other = RequestFile.JSON.readTree(read("service/multisig_erc20_transfer.json"));
        page.withArray("results").add(other);
        SafeImport.Target t = target(4, HISTORY_SAFE, V130, -1, LAST_HISTORY_OWNERS, 4);
        var e = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(page.toString(), t));
        assertTrue(e.getMessage().contains("choose one with --safe-tx-hash"), e.getMessage());
        assertEquals("0x8fb21d8f9612f33978e4b1f20740d65d38c7a6ba33109b8b7af7a5ddfd44eb6a", SafeImport.importJson(page.toString(), t,
                "0x8fb21d8f9612f33978e4b1f20740d65d38c7a6ba33109b8b7af7a5ddfd44eb6a").request().hashes().safeTxHashHex());
        SafeImport.Target byNonce = target(4, HISTORY_SAFE, V130, 800, LAST_HISTORY_OWNERS, 4);
        assertEquals(BigInteger.valueOf(800), SafeImport.importJson(page.toString(), byNonce).request().tx().nonce());
        SafeImport.Target noSuch = target(4, HISTORY_SAFE, V130, 7, LAST_HISTORY_OWNERS, 4);
        var e2 = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(page.toString(), noSuch));
        assertTrue(e2.getMessage().contains("none with nonce 7") && e2.getMessage().contains("one page of 1485"), e2.getMessage());
    }

    // ---- Transaction Builder ----

    /** The upstream Builder test's batch (checksum.test.js) and the checksum its test expects. */
    @Test
    void checksumMatchesTheBuildersOwnTestVector() throws IOException {
        JsonNode batch = RequestFile.JSON.readTree(read("builder/safe-react-apps-checksum-test.json"));
        assertEquals("0x4ecbfd364aa6759983915644e73f8bd411e85a2dc306f252a387c2728c4db64c", TxBuilderChecksum.compute(batch));
    }

    @Test
    void aBuilderWrittenChecksumValidates() throws IOException {
        SafeImport.Imported imported = SafeImport.importJson(read("builder/balancer-BIP-299.json"),
                target(1, "0x10A19e7eE7d7F8a52822f6817de8ea18204F2e4f", V130, 40, List.of(), 0));
        assertEquals("0xa221f38d898465fb29de30c50a18ffe8c5f919db38bf506c08a31310221ecd6e", imported.checksumGiven());
        assertTrue(imported.checksumValid());
        assertEquals(List.of(), imported.warnings());
    }

    @Test
    void aTamperedChecksumIsAProminentWarningNotASilentPass() throws IOException {
        ObjectNode batch = (ObjectNode) RequestFile.JSON.readTree(read("builder/balancer-BIP-299.json"));
        ObjectNode leg = (ObjectNode) batch.get("transactions").get(0).get("contractInputsValues");
        leg.put("account", "0x000000000000000000000000000000000000dEaD");
        SafeImport.Imported imported = SafeImport.importJson(batch.toString(),
                target(1, "0x10A19e7eE7d7F8a52822f6817de8ea18204F2e4f", V130, 40, List.of(), 0));
        assertFalse(imported.checksumValid());
        assertTrue(imported.warnings().getFirst().startsWith("CHECKSUM MISMATCH: meta.checksum is 0xa221f38d"), imported.warnings().toString());
        assertFalse(imported.request().meta().get("import").get("checksumValid").asBoolean());
        // A file without any checksum warns too, as the Builder does.
        SafeImport.Imported none = SafeImport.importJson(read("builder/balancer-2023-W26-mainnet-dao.json"),
                target(1, "0x10A19e7eE7d7F8a52822f6817de8ea18204F2e4f", V130, 40, List.of(), 0));
        assertFalse(none.checksumValid());
        assertNull(none.checksumGiven());
        assertTrue(none.warnings().getFirst().startsWith("CHECKSUM MISSING"), none.warnings().toString());
    }

    /** Tuples (nested, with tuple arrays), bytes32[] written without quotes, bytes, bytes[], payable values. */
    @ParameterizedTest
    @ValueSource(strings = {"balancer-2024-W44-mainnet-dao.json", "balancer-2023-W26-mainnet-dao.json", "balancer-BIP-299.json",
            "balancer-BIP-892-arbitrum-eth-swap-reth.json"})
    void legsEncodeToWhatTheBuildersCoderProduces(String name) throws Exception {
        JsonNode batch = RequestFile.JSON.readTree(read("builder/" + name));
        long chain = batch.get("chainId").asLong();
        String safe = batch.get("meta").get("createdFromSafeAddress").asString();
        SafeImport.Imported imported = SafeImport.importJson(batch.toString(),
                target(chain, safe, V130, 5, List.of(), 0));
        JsonNode txs = batch.get("transactions");
        List<Call> legs = txs.size() == 1 ? List.of(new Call(imported.request().tx().to(), imported.request().tx().value(),
                imported.request().tx().data(), imported.request().tx().operation())) : MultiSend.unpack(imported.request().tx().data());
        assertEquals(txs.size(), legs.size());
        assertEquals(txs.size(), imported.legs());
        if (txs.size() > 1) {
            assertEquals(MultiSend.CALL_ONLY_1_3_0, imported.request().tx().to());
            assertEquals(Operation.DELEGATECALL, imported.request().tx().operation());
        }
        JsonNode peer = ethersPeer(file("builder/" + name));
        for (int i = 0; i < txs.size(); i++) {
            JsonNode t = txs.get(i);
            assertEquals(Address.parse(t.get("to").asString()), legs.get(i).to(), "leg " + (i + 1));
            assertEquals(new BigInteger(t.get("value").asString()), legs.get(i).value(), "leg " + (i + 1) + " value");
            assertEquals(Operation.CALL, legs.get(i).operation());
            assertTrue(peer.get(i).isString(), "the peer encoded leg " + (i + 1) + ": " + peer.get(i));
            assertEquals(peer.get(i).asString(), Hex.encode(legs.get(i).data()), "leg " + (i + 1) + " calldata");
        }
    }

    @Test
    void aLegWhoseDataContradictsItsContractMethodIsRefusedNamingIt() throws IOException {
        ObjectNode batch = (ObjectNode) RequestFile.JSON.readTree(read("builder/balancer-2023-W26-mainnet-dao.json"));
        ObjectNode leg = (ObjectNode) batch.get("transactions").get(1);
        // transfer(to, 55000000000) with data that pays 10x as much to the same recipient.
        leg.put("data", "0xa9059cbb000000000000000000000000811912c19eef91b9dc3ca52fc426590cfb84fc86"
                + "0000000000000000000000000000000000000000000000000000008000e8dc00");
        var e = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(batch.toString(),
                target(1, "0x10A19e7eE7d7F8a52822f6817de8ea18204F2e4f", V130, 40, List.of(), 0)));
        assertTrue(e.getMessage().startsWith("transaction 2 (transfer) to 0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48: its data"), e.getMessage());
        assertTrue(e.getMessage().contains("does not match its contractMethod transfer(address,uint256)"), e.getMessage());
        // The same leg with data that agrees is accepted.
        leg.put("data", "0xa9059cbb000000000000000000000000811912c19eef91b9dc3ca52fc426590cfb84fc86"
                + "0000000000000000000000000000000000000000000000000000000cce416600");
        assertNotNull(SafeImport.importJson(batch.toString(),
                target(1, "0x10A19e7eE7d7F8a52822f6817de8ea18204F2e4f", V130, 40, List.of(), 0)));
    }

    /** Runs testchain/tx-builder-encode.cjs (ethers 5, a dev dependency of testchain/) on a batch file. */
    static JsonNode ethersPeer(Path batch) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "tx-builder-encode.cjs", batch.toString()));
        Process p = new ProcessBuilder(cmd).directory(TestPaths.testchain().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node finished");
        assertEquals(0, p.exitValue(), out);
        return RequestFile.JSON.readTree(out);
    }

    @Test
    void packedCalldataOfTheSingleLegIsTheSafeTxItself() throws IOException {
        SafeImport.Imported imported = SafeImport.importJson(read("builder/balancer-BIP-892-arbitrum-eth-swap-reth.json"),
                target(42161, "0xaF23DC5983230E9eEAf93280e312e57539D098D0", V130, 3, List.of(), 0));
        assertEquals(Address.parse("0xa51afafe0263b40edaef0df8781ea9aa03e381a3"), imported.request().tx().to());
        assertEquals(new BigInteger("12553748450881806336"), imported.request().tx().value());
        assertEquals(Operation.CALL, imported.request().tx().operation());
        assertArrayEquals(Hex.decode("0x3593564c", "selector"), java.util.Arrays.copyOf(imported.request().tx().data(), 4));
    }
}
