package io.countersign.eth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * EIP-2930 (type 1) and access lists against web3j's own encoder, and legacy transactions
 * without a chain id, which are decoded only when the caller asks for it.
 */
class TypedAndUnprotectedTransactionTest {
    @Test
    void eip2930WithAnAccessListMatchesWeb3jsEncoding() {
        RawTransaction raw = RawTransaction.createTransaction(3L, BigInteger.valueOf(6), BigInteger.valueOf(5_000_000_000L),
                BigInteger.valueOf(21000), "0xb2bb2b958afa2e96dab3f3ce7162b87daea39017", BigInteger.valueOf(10_000_000_000_000_000L), "0x",
                List.of(new AccessListObject("0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae",
                        List.of("0x0000000000000000000000000000000000000000000000000000000000000003"))));
        byte[] web3j = TransactionEncoder.encode(raw);
        assertEquals(0x01, web3j[0]);
        EthTransaction ours = EthTransaction.decodeUnsigned(web3j);
        assertEquals(EthTransaction.Type.EIP2930, ours.type());
        assertEquals(BigInteger.valueOf(3), ours.chainId());
        assertArrayEquals(web3j, ours.encodeForSigning());
        SignedTransaction signed = SoftwareSigner.fromPrivateKey(Hex.decode("0x" + "42".repeat(32), "k"), "t").signTransaction(ours);
        assertEquals(0x01, signed.raw()[0]);
        assertTrue(signed.v().intValueExact() == 0 || signed.v().intValueExact() == 1, "typed transactions carry y-parity");
    }

    @Test
    void eip1559WithAnAccessListMatchesWeb3jsEncoding() {
        RawTransaction raw = RawTransaction.createTransaction(1L, BigInteger.ONE, BigInteger.valueOf(50000),
                "0x1d1c328764a41bda0492b66baa30c4a339ff85ef", BigInteger.TEN, "0xabcd", BigInteger.ONE, BigInteger.TWO,
                List.of(new AccessListObject("0x1d1c328764a41bda0492b66baa30c4a339ff85ef", List.of())));
        byte[] web3j = TransactionEncoder.encode(raw);
        assertArrayEquals(web3j, EthTransaction.decodeUnsigned(web3j).encodeForSigning());
    }

    @Test
    void aLegacyTransactionWithoutChainIdIsDecodedOnlyOnRequest() {
        // ledgerjs Eth.test.ts "signTransaction": a 6-field legacy transaction.
        byte[] raw = Hex.decode("e8018504e3b292008252089428ee52a8f3d6e5d15f8b131996950d7f296c7952872bd72a2487400080", "raw");
        var refused = assertThrows(EthException.InvalidInputException.class, () -> EthTransaction.decodeUnsigned(raw));
        assertTrue(refused.getMessage().contains("--allow-replayable"), refused.getMessage());
        EthTransaction t = EthTransaction.decodeUnsigned(raw, BigInteger.ONE);
        assertEquals(EthTransaction.Type.LEGACY_UNPROTECTED, t.type());
        assertArrayEquals(raw, t.encodeForSigning());
        SignedTransaction signed = SoftwareSigner.fromPrivateKey(Hex.decode("0x" + "42".repeat(32), "k"), "t").signTransaction(t);
        assertTrue(signed.v().intValueExact() == 27 || signed.v().intValueExact() == 28, "pre-EIP-155 v is 27 or 28");
    }
}
