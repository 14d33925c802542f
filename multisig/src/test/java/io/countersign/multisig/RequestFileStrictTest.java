package io.countersign.multisig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request file is attacker-written: a field given twice (Jackson's tree would keep the last
 * value) and integers out of range (Jackson's {@code asInt()} wraps 4294967296 to 0) are errors
 * naming the field. Each case edits the JSON of a request that reads back (control).
 */
class RequestFileStrictTest {
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");
    static final Address OWNER_A = Address.parse("0x000000000000000000000000000000000000a0a0");
    static final Address OWNER_B = Address.parse("0x000000000000000000000000000000000000b0b0");
    static final Address PAYEE = Address.parse("0x000000000000000000000000000000000000c0c0");

    @TempDir
    Path dir;

    static String json() {
        SafeRequest r = new SafeRequest(BigInteger.ONE, SAFE, SafeVersion.parse("1.4.1"),
                SafeTx.of(Call.of(PAYEE, BigInteger.TEN, new byte[0]), BigInteger.valueOf(3)),
                List.of(OWNER_A, OWNER_B), 2, List.of(), null);
        return RequestFile.toJson(r);
    }

    String refused(String text) throws Exception {
        Path f = dir.resolve("req.json");
        Files.writeString(f, text);
        var e = assertThrows(RequestFile.RequestFileException.class, () -> RequestFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e.getMessage().substring((f + ": ").length());
    }

    @Test
    void theUneditedRequestReadsBack() {
        SafeRequest r = RequestFile.parse(json());
        assertEquals(BigInteger.TEN, r.tx().value());
        assertEquals(2, r.threshold());
    }

    @Test
    void aFieldGivenTwiceIsRefusedNamingIt() throws Exception {
        // without the safeTxHash, a reader keeping the last value would hash (and show) the second
        String text = json().replaceFirst("\"safeTxHash\" : \"0x[0-9a-f]{64}\",\\s*", "")
                .replace("\"value\" : \"10\",", "\"value\" : \"10\", \"value\" : \"1000000000000000000000\",");
        String m = refused(text);
        assertTrue(m.startsWith("request.tx.value: the field appears twice (line "), m);
        String owners = json().replace("\"threshold\" : 2", "\"threshold\" : 2, \"threshold\" : 1");
        assertTrue(refused(owners).startsWith("request.threshold: the field appears twice"));
    }

    @Test
    void anOperationThatWouldWrapToCallIsRefused() throws Exception {
        String m = refused(json().replace("\"operation\" : 0", "\"operation\" : 4294967296"));
        assertTrue(m.startsWith("tx.operation must be from 0 to 2, got 4294967296"), m);
    }

    @Test
    void aThresholdOutOfRangeIsRefused() throws Exception {
        String m = refused(json().replace("\"threshold\" : 2", "\"threshold\" : 4294967298"));
        assertTrue(m.startsWith("threshold must be from 0 to 2, got 4294967298"), m);
    }

    @Test
    void aChainIdMustBePositiveAndBounded() throws Exception {
        for (String bad : List.of("0", "-1", "9223372036854775772", "115792089237316195423570985008687907853269984665640564039457584007913129639937")) {
            // without the safeTxHash, so only the chain id check stands between the file and a signature
            String m = refused(json().replaceFirst("\"safeTxHash\" : \"0x[0-9a-f]{64}\",\\s*", "")
                    .replace("\"chainId\" : \"1\"", "\"chainId\" : \"" + bad + "\""));
            assertTrue(m.startsWith("chainId must be a chain id from 1 to 9223372036854775771 (EIP-2294), got "), m);
        }
    }
}
