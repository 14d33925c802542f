package io.countersign.multisig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.SoftwareSigner;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeImportTest {
    static final Address SAFE = Address.parse("0x657ff0D4eC65D82b2bC1247b0a558bcd2f80A0f1");
    static final Address MULTISEND = MultiSend.CALL_ONLY_1_4_1;
    static final SoftwareSigner OWNER_A = SoftwareSigner.fromPrivateKey(Hex.decode("0x" + "11".repeat(32), "k"), "a");
    static final SoftwareSigner OWNER_B = SoftwareSigner.fromPrivateKey(Hex.decode("0x" + "22".repeat(32), "k"), "b");

    static SafeImport.Target target(BigInteger chainId) {
        return new SafeImport.Target(chainId, SAFE, SafeVersion.V1_4_1, BigInteger.valueOf(9),
                List.of(OWNER_A.address(), OWNER_B.address()), 2, MULTISEND);
    }

    static SafeImport.Target serviceTarget(BigInteger chainId) {
        return new SafeImport.Target(chainId, SAFE, SafeVersion.V1_4_1, null, List.of(OWNER_A.address(), OWNER_B.address()), 2, MULTISEND);
    }

    @Test
    void txBuilderBatchOfTwoBecomesAMultiSendCallOnlyDelegatecall() {
        String json = """
            {"version":"1.0","chainId":"11155111","createdAt":1700000000000,
             "meta":{"name":"Payroll","description":"","createdFromSafeAddress":"0x657ff0D4eC65D82b2bC1247b0a558bcd2f80A0f1"},
             "transactions":[
               {"to":"0x1111111111111111111111111111111111111111","value":"5","data":null},
               {"to":"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48","value":"0","data":null,
                "contractMethod":{"inputs":[{"internalType":"address","name":"to","type":"address"},
                                            {"internalType":"uint256","name":"value","type":"uint256"}],
                                  "name":"transfer","payable":false},
                "contractInputsValues":{"to":"0x000000000000000000000000000000000000dEaD","value":"777"}}]}""";
        SafeRequest r = SafeImport.importJson(json, target(BigInteger.valueOf(11155111))).request();
        assertEquals(MULTISEND, r.tx().to());
        assertEquals(Operation.DELEGATECALL, r.tx().operation());
        assertEquals(BigInteger.valueOf(9), r.tx().nonce());
        List<io.countersign.eth.Call> legs = MultiSend.unpack(r.tx().data());
        assertEquals(2, legs.size());
        assertEquals(BigInteger.valueOf(5), legs.get(0).value());
        // transfer(address,uint256) = a9059cbb, then the two words.
        assertArrayEquals(Hex.decode("a9059cbb000000000000000000000000000000000000000000000000000000000000dead"
                + "0000000000000000000000000000000000000000000000000000000000000309", "expected"), legs.get(1).data());
        assertEquals("Payroll (2 calls)", r.description());
    }

    @Test
    void txBuilderBatchForAnotherChainOrSafeIsRefused() {
        String json = "{\"chainId\":\"1\",\"meta\":{},\"transactions\":[{\"to\":\"0x1111111111111111111111111111111111111111\",\"value\":\"1\"}]}";
        var e = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(json, target(BigInteger.valueOf(11155111))));
        assertTrue(e.getMessage().contains("is for chain 1"), e.getMessage());
        String other = "{\"meta\":{\"createdFromSafeAddress\":\"0x1111111111111111111111111111111111111111\"},\"transactions\":[]}";
        var e2 = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(other, target(BigInteger.ONE)));
        assertTrue(e2.getMessage().contains("was made for Safe"), e2.getMessage());
    }

    @Test
    void transactionServiceJsonCarriesCheckedConfirmations() {
        SafeTx tx = new SafeTx(Address.parse("0x1111111111111111111111111111111111111111"), BigInteger.TEN, new byte[0], Operation.CALL,
                BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, Address.ZERO, Address.ZERO, BigInteger.valueOf(3));
        byte[] hash = SafeHasher.hash(BigInteger.ONE, SAFE, SafeVersion.V1_4_1, tx).safeTxHash();
        String sigA = OWNER_A.signDigest(hash).toHex();
        String sigB = SafeSignatures.toEthSign(OWNER_B.signPersonalMessage(hash)).toHex();
        String json = "{\"safe\":\"" + SAFE + "\",\"to\":\"0x1111111111111111111111111111111111111111\",\"value\":\"10\",\"data\":null,"
                + "\"operation\":0,\"safeTxGas\":\"0\",\"baseGas\":\"0\",\"gasPrice\":\"0\",\"gasToken\":\"0x0000000000000000000000000000000000000000\","
                + "\"refundReceiver\":\"0x0000000000000000000000000000000000000000\",\"nonce\":\"3\",\"safeTxHash\":\"" + Hex.encode(hash) + "\","
                + "\"confirmations\":[{\"owner\":\"" + OWNER_A.address() + "\",\"signature\":\"" + sigA + "\",\"signatureType\":\"EOA\"},"
                + "{\"owner\":\"" + OWNER_B.address() + "\",\"signature\":\"" + sigB + "\",\"signatureType\":\"ETH_SIGN\"}]}";
        SafeRequest r = SafeImport.importJson(json, serviceTarget(BigInteger.ONE)).request();
        assertEquals(List.of(OWNER_A.address(), OWNER_B.address()), r.signers());
        assertEquals(SignatureMethod.ETH_SIGN, r.signatures().get(1).method());
        assertArrayEquals(hash, r.hashes().safeTxHash());

        // The same JSON read as if the Safe were on another chain: the service's hash no longer matches.
        var e = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(json, serviceTarget(BigInteger.TWO)));
        assertTrue(e.getMessage().contains("on chain 2"), e.getMessage());

        // A confirmation whose signature was made by someone else is refused, naming both addresses.
        String forged = json.replace(sigA, OWNER_B.signDigest(hash).toHex());
        var e3 = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(forged, serviceTarget(BigInteger.ONE)));
        assertTrue(e3.getMessage().contains(OWNER_B.address().toString()), e3.getMessage());
    }

    /**
     * A CONTRACT_SIGNATURE as the service stores it (r = the owner contract, s = 65, v = 0, then
     * the length and the EIP-1271 data) is kept with its data and listed unverified.
     */
    @Test
    void aContractSignatureIsKeptAndMarkedUnverified() {
        SafeTx tx = new SafeTx(Address.parse("0x1111111111111111111111111111111111111111"), BigInteger.TEN, new byte[0], Operation.CALL,
                BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, Address.ZERO, Address.ZERO, BigInteger.valueOf(3));
        byte[] hash = SafeHasher.hash(BigInteger.ONE, SAFE, SafeVersion.V1_4_1, tx).safeTxHash();
        String contractOwner = "0x2222222222222222222222222222222222222222";
        String data = "c0ffee";
        String signature = "0x" + "00".repeat(12) + contractOwner.substring(2) + "00".repeat(31) + "41" + "00"
                + "00".repeat(31) + "03" + data;
        String json = "{\"safe\":\"" + SAFE + "\",\"to\":\"0x1111111111111111111111111111111111111111\",\"value\":10,\"data\":null,"
                + "\"operation\":0,\"safeTxGas\":0,\"baseGas\":0,\"gasPrice\":\"0\",\"gasToken\":null,\"refundReceiver\":null,"
                + "\"nonce\":3,\"safeTxHash\":\"" + Hex.encode(hash) + "\",\"confirmations\":[{\"owner\":\"" + contractOwner
                + "\",\"signature\":\"" + signature + "\",\"signatureType\":\"CONTRACT_SIGNATURE\"}]}";
        SafeImport.Target t = new SafeImport.Target(BigInteger.ONE, SAFE, SafeVersion.V1_4_1, null,
                List.of(OWNER_A.address(), Address.parse(contractOwner)), 2, MULTISEND);
        SafeImport.Imported imported = SafeImport.importJson(json, t);
        SafeSignature sig = imported.request().signatures().getFirst();
        assertEquals(SignatureMethod.CONTRACT, sig.method());
        assertArrayEquals(Hex.decode("0x" + data, "data"), ((SafeSignature.Contract) sig).data());
        assertEquals(List.of(Address.parse(contractOwner)), imported.unverified());
        assertTrue(imported.warnings().getFirst().startsWith("UNVERIFIED: " + Address.parse(contractOwner) + "'s CONTRACT_SIGNATURE"));
    }

    @Test
    void malformedJsonSaysWhereInTheOfficersTerms() {
        String truncated = "{\"version\":\"1.0\",\"chainId\":\"1\",\n \"transactions\":[\n  {\"to\":\"0x1111111111111111111111111111111111111111\"";
        var e = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson(truncated, target(BigInteger.ONE)));
        // line 3 holds 52 characters: the file ends at column 53
        assertEquals("not valid JSON: the file ends inside an object (a '}' is missing) (line 3, column 53)", e.getMessage());
        var top = assertThrows(EthException.InvalidInputException.class, () -> SafeImport.importJson("[]", target(BigInteger.ONE)));
        assertEquals("not a Transaction Builder batch nor a Transaction Service transaction: expected a JSON object, found an array",
                top.getMessage());
    }
}
