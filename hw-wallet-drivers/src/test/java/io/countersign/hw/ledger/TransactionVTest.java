package io.countersign.hw.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.EthTransaction;
import io.countersign.hw.DeviceException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link LedgerSigner#yParity}: the v hw-app-eth returns becomes a y-parity only when EIP-155 (or,
 * for EIP-1559, the 0/1 convention) allows it. The mock answers of the upstream
 * sign_tx_legacy_chunked_limit (v 0x1b on chain 1) and sign_tx_legacy_large_chainid (v 0x01542b on
 * chain 43520) transcripts are refused, not guessed into a transaction from an unrelated sender.
 */
class TransactionVTest {
    static final Address TO = Address.parse("0x28ee52a8f3d6e5d15f8b131996950d7f296c7952");

    static EthTransaction legacy(long chainId) {
        return EthTransaction.legacy(BigInteger.valueOf(chainId), BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(21000), TO, BigInteger.ONE, new byte[0]);
    }

    @Test
    void eip155VOfChainOneGivesItsParity() {
        assertEquals(0, LedgerSigner.yParity(legacy(1), BigInteger.valueOf(37)));
        assertEquals(1, LedgerSigner.yParity(legacy(1), BigInteger.valueOf(38)));
    }

    @Test
    void preEip155VOnAnEip155TransactionIsRefused() {
        DeviceException.DeviceFailure e = assertThrows(DeviceException.DeviceFailure.class, () -> LedgerSigner.yParity(legacy(1), BigInteger.valueOf(0x1b)));
        assertTrue(e.getMessage().contains("v=27 (0x1b), but EIP-155 allows only 37 or 38 for chain 1"), e.getMessage());
    }

    @Test
    void vEightAboveTheBaseIsRefused() {
        DeviceException.DeviceFailure e = assertThrows(DeviceException.DeviceFailure.class,
                () -> LedgerSigner.yParity(legacy(0xaa00), new BigInteger("01542b", 16)));
        assertTrue(e.getMessage().contains("v=87083 (0x1542b), but EIP-155 allows only 87075 or 87076 for chain 43520"), e.getMessage());
    }

    @Test
    void eip1559TakesOnlyZeroOrOne() {
        EthTransaction tx = EthTransaction.eip1559(BigInteger.ONE, BigInteger.ZERO, BigInteger.valueOf(21000), TO, BigInteger.ONE, new byte[0],
                BigInteger.ONE, BigInteger.TEN);
        assertEquals(1, LedgerSigner.yParity(tx, BigInteger.ONE));
        assertThrows(DeviceException.DeviceFailure.class, () -> LedgerSigner.yParity(tx, BigInteger.valueOf(28)));
    }
}
