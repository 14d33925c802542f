package io.countersign.timelock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelockCallsJsonTest {
    private static final String FILE = """
            [
              {"target": "0x5FbDB2315678afecb367f032d93F642f64180aa3", "value": "0", "data": "0xa9059cbb00"},
              {"target": "0x00000000000000000000000000000000000a11ce", "value": "1000000000000000000", "data": "0x"},
              {"target": "0x00000000000000000000000000000000000a11ce", "value": 7}
            ]
            """;

    @Test
    void readsTheBatchFileFormat() {
        List<TimelockCall> calls = TimelockCallsJson.parse(FILE);
        assertEquals(3, calls.size());
        assertEquals(Address.parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), calls.get(0).target());
        assertArrayEquals(new byte[] {(byte) 0xa9, 0x05, (byte) 0x9c, (byte) 0xbb, 0}, calls.get(0).data());
        assertEquals(new BigInteger("1000000000000000000"), calls.get(1).value());
        assertEquals(0, calls.get(1).data().length);
        assertEquals(BigInteger.valueOf(7), calls.get(2).value());
        assertEquals(calls, TimelockCallsJson.parse(TimelockCallsJson.write(calls)));
    }

    @Test
    void refusesWhatIsNotABatch() {
        assertThrows(TimelockException.InvalidOperationException.class, () -> TimelockCallsJson.parse("{}"));
        assertThrows(TimelockException.InvalidOperationException.class, () -> TimelockCallsJson.parse("[]"));
        assertThrows(TimelockException.InvalidOperationException.class, () -> TimelockCallsJson.parse("[{\"value\": \"1\"}]"));
        var fraction = assertThrows(TimelockException.InvalidOperationException.class, () -> TimelockCallsJson.parse(
                "[{\"target\": \"0x00000000000000000000000000000000000a11ce\", \"value\": \"1.5\"}]"));
        assertTrue(fraction.getMessage().contains("calls[0].value"), fraction.getMessage());
        var checksum = assertThrows(EthException.InvalidInputException.class, () -> TimelockCallsJson.parse(
                "[{\"target\": \"0x5fbDB2315678afecb367f032d93F642f64180aa3\"}]"));
        assertTrue(checksum.getMessage().contains("calls[0].target"), checksum.getMessage());
    }
}
