package io.countersign.multisig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Builder's value forms the published batches do not happen to use (fixed-size arrays,
 * matrices, bool spellings, negative ints, hex amounts, string arrays with commas and unicode,
 * tuples by name, fixed arrays of dynamic tuples), each encoded and compared with ethers v5
 * (testchain/tx-builder-encode.cjs); and the forms where the Builder would silently encode
 * something else, refused.
 */
class ContractMethodEncoderTest {
    static final String TYPES = "/import/builder-abi-types.json";

    @Test
    void everyFormAgreesWithTheBuildersCoder() throws Exception {
        Path file = Path.of(ContractMethodEncoderTest.class.getResource(TYPES).toURI());
        JsonNode batch = RequestFile.JSON.readTree(file.toFile());
        JsonNode peer = SafeImportRealFilesTest.ethersPeer(file);
        for (int i = 0; i < batch.get("transactions").size(); i++) {
            JsonNode t = batch.get("transactions").get(i);
            assertTrue(peer.get(i).isString(), "the peer encoded transaction " + (i + 1) + ": " + peer.get(i));
            assertEquals(peer.get(i).asString(), Hex.encode(ContractMethodEncoder.encode(t.get("contractMethod"),
                    t.get("contractInputsValues"), "transaction " + (i + 1))), "transaction " + (i + 1));
        }
    }

    static byte[] encode(String type, String value) {
        JsonNode method = RequestFile.JSON.readTree("{\"name\":\"f\",\"inputs\":[" + type + "]}");
        JsonNode values = RequestFile.JSON.createObjectNode().put("x", value);
        return ContractMethodEncoder.encode(method, values, "transaction 1 (f)");
    }

    static String refusal(String type, String value) {
        return assertThrows(EthException.InvalidInputException.class, () -> encode(type, value)).getMessage();
    }

    @Test
    void formsTheBuilderWouldMisreadAreRefused() {
        String uint = "{\"name\":\"x\",\"type\":\"uint256\"}";
        // The Builder's toBN reads "1e18" as hex 0x1e18 = 7704.
        assertTrue(refusal(uint, "1e18").contains("1e18 is not a number written as decimal digits or 0x hex"));
        assertTrue(refusal("{\"name\":\"x\",\"type\":\"uint8\"}", "256").contains("256 does not fit uint8"));
        assertTrue(refusal("{\"name\":\"x\",\"type\":\"int8\"}", "-129").contains("-129 does not fit int8"));
        String tuple = "{\"name\":\"x\",\"type\":\"tuple\",\"components\":[{\"name\":\"ok\",\"type\":\"bool\"},{\"name\":\"n\",\"type\":\"uint256\"}]}";
        // Inside a tuple the Builder's coder reads any non-empty string as true.
        assertTrue(refusal(tuple, "[\"false\", 1]").contains("is not a JSON boolean"));
        assertTrue(refusal(tuple, "[true, 9007199254740993]").contains("above 2^53"));
        assertTrue(refusal(tuple, "[true]").contains("has 2 components, the value has 1"));
        assertTrue(refusal("{\"name\":\"x\",\"type\":\"uint8[2]\"}", "[1, 2, 3]").contains("uint8[2] needs 2 elements, the value has 3"));
        assertTrue(refusal("{\"name\":\"x\",\"type\":\"bytes4\"}", "0x0102030405").contains("longer than bytes4"));
        assertTrue(refusal("{\"name\":\"x\",\"type\":\"address\"}", "0x000000000000000000000000000000000000DeaD").contains("EIP-55"));
        assertTrue(refusal("{\"name\":\"x\",\"type\":\"fixed128x18\"}", "1").contains("is not one the Transaction Builder encodes"));
        assertTrue(assertThrows(EthException.InvalidInputException.class, () -> ContractMethodEncoder.encode(
                RequestFile.JSON.readTree("{\"name\":\"f\",\"inputs\":[" + uint + "]}"), RequestFile.JSON.createObjectNode(), "transaction 4 (f)"))
                .getMessage().startsWith("transaction 4 (f), input x (uint256): no value in contractInputsValues"));
    }

    @Test
    void shortBytesNIsRightPaddedAsTheBuildersWeb3Does() {
        // web3-eth-abi 1.x formatParam: right-pad to 2N digits, then fix an odd length.
        String selector = Hex.encodeBare(org.web3j.crypto.Hash.sha3("f(bytes4)".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).substring(0, 8);
        assertEquals("0x" + selector + "abc00000" + "0".repeat(56), Hex.encode(encode("{\"name\":\"x\",\"type\":\"bytes4\"}", "0xabc")));
        String bytesSelector = Hex.encodeBare(org.web3j.crypto.Hash.sha3("f(bytes)".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).substring(0, 8);
        assertEquals("0x" + bytesSelector + "0".repeat(62) + "20" + "0".repeat(63) + "2" + "0abc" + "0".repeat(60),
                Hex.encode(encode("{\"name\":\"x\",\"type\":\"bytes\"}", "0xabc")));
    }
}
