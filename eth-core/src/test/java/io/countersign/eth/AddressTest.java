package io.countersign.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EIP-55 checksums, with the test cases listed in the EIP itself. */
class AddressTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26"})
    void eip55ExamplesRoundTrip(String checksummed) {
        assertEquals(checksummed, Address.parse(checksummed).toString());
        assertEquals(checksummed, Address.parse(checksummed.toLowerCase().replace("0x", "0x")).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d35A"})
    void oneFlippedCaseFailsTheChecksum(String bad) {
        var e = assertThrows(EthException.InvalidInputException.class, () -> Address.parse(bad, "--to"));
        assertTrue(e.getMessage().contains("fails its EIP-55 checksum"), e.getMessage());
        assertTrue(e.getMessage().startsWith("--to"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed12", "0xZZAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"})
    void wrongShapesAreRefused(String bad) {
        assertThrows(EthException.InvalidInputException.class, () -> Address.parse(bad));
    }
}
