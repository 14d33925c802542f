package io.countersign.eth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class UnitsAndPathsTest {
    @Test
    void tokenUnitsConvertExactlyAndRefuseExcessPrecision() {
        assertEquals(new BigInteger("1500000"), Erc20.toBaseUnits("1.5", 6));
        assertEquals(new BigInteger("12500000000000"), Erc20.toBaseUnits("0.0000125", 18));
        var e = assertThrows(EthException.InvalidInputException.class, () -> Erc20.toBaseUnits("1.0000001", 6));
        assertTrue(e.getMessage().contains("more than 6 decimal places"), e.getMessage());
        assertEquals("1.5", Erc20.toTokenUnits(new BigInteger("1500000"), 6));
    }

    @Test
    void transferCalldataIsTheStandardEncoding() {
        // selector a9059cbb = keccak("transfer(address,uint256)")[0:4]; two 32-byte words follow.
        byte[] data = Erc20.transfer(Address.parse("0x000000000000000000000000000000000000dEaD"), BigInteger.valueOf(777));
        assertArrayEquals(Hex.decode("a9059cbb000000000000000000000000000000000000000000000000000000000000dead"
                + "0000000000000000000000000000000000000000000000000000000000000309", "expected"), data);
    }

    @Test
    void bip32PathsParseHardenedMarkers() {
        Bip32Path p = Bip32Path.parse("m/44'/60'/0'/0/7");
        assertArrayEquals(new int[] {0x8000002c, 0x8000003c, 0x80000000, 0, 7}, p.indices());
        assertEquals("m/44'/60'/0'/0/7", p.toString());
        assertEquals(p, Bip32Path.parse("m/44h/60h/0h/0/7"));
        assertThrows(EthException.InvalidInputException.class, () -> Bip32Path.parse("44'/60'"));
        assertThrows(EthException.InvalidInputException.class, () -> Bip32Path.parse("m/2147483648"));
    }

    @Test
    void unsignedTransactionsDecodeBackToTheirFields() {
        EthTransaction t = EthTransaction.eip1559(BigInteger.valueOf(3125659152L), BigInteger.ONE, BigInteger.valueOf(21000),
                Address.parse("0x1d1c328764a41bda0492b66baa30c4a339ff85ef"), BigInteger.TEN, new byte[] {1, 2}, BigInteger.ONE, BigInteger.TWO);
        EthTransaction back = EthTransaction.decodeUnsigned(t.encodeForSigning());
        assertArrayEquals(t.encodeForSigning(), back.encodeForSigning());
        assertEquals(t.chainId(), back.chainId());
        var e = assertThrows(EthException.InvalidInputException.class, () -> EthTransaction.decodeUnsigned(Hex.decode("03c0", "x")));
        assertTrue(e.getMessage().contains("unsupported transaction type 0x3"), e.getMessage());
    }
}
