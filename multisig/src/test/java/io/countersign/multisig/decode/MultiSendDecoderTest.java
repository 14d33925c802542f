package io.countersign.multisig.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.intent.ContractCall;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.MalformedCall;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.NativeTransfer;
import io.countersign.eth.intent.SafeSelfCall;
import io.countersign.eth.intent.TokenInfo;
import io.countersign.eth.intent.TokenRegistry;
import io.countersign.eth.intent.TokenTransfer;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiSendDecoderTest {
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");
    static final Address MULTISEND = Address.parse("0x40a2accbd92bca938b02010e17a5b8929b49130d");
    static final Address USDC = Address.parse("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    static final String BOB = "000000000000000000000000000000000000b0b0";

    static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex;
    }

    static List<Intent> decode(String calldataHex) {
        Call call = new Call(MULTISEND, BigInteger.ZERO, Hex.decode(calldataHex, "data"), Operation.DELEGATECALL);
        return SafeDecoders.registry().decode(call, BigInteger.ONE, SAFE,
                TokenRegistry.of(List.of(new TokenInfo(USDC, "USDC", 6))));
    }

    /** multiSend(bytes) = 0x8d80ff0a, offset 0x20, length, packed bytes padded to 32. */
    static String multiSend(String packed) {
        int len = packed.length() / 2;
        int padded = (len + 31) / 32 * 32;
        return "8d80ff0a" + word("20") + word(Integer.toHexString(len)) + packed + "00".repeat(padded - len);
    }

    /** Leg 1: CALL 1 ETH to bob, no data. Leg 2: CALL USDC transfer(bob, 1.5 USDC). Leg 3: changeThreshold(2) on the Safe. */
    static String threeLegs() {
        String transfer = "a9059cbb" + word(BOB) + word("16e360");
        String threshold = "694e80c3" + word("2");
        return "00" + BOB + word("de0b6b3a7640000") + word("0")
                + "00" + USDC.toLowerHex().substring(2) + word("0") + word("44") + transfer
                + "00" + SAFE.toLowerHex().substring(2) + word("0") + word("24") + threshold;
    }

    @Test
    void everyLegOfABatchBecomesIntents() {
        DelegateCall d = assertInstanceOf(DelegateCall.class, decode(multiSend(threeLegs())).getFirst());
        assertEquals(3, d.inner().size());
        NativeTransfer eth = assertInstanceOf(NativeTransfer.class, d.inner().get(0));
        assertEquals(new BigInteger("1000000000000000000"), eth.amountWei());
        TokenTransfer usdc = assertInstanceOf(TokenTransfer.class, d.inner().get(1));
        assertEquals(BigInteger.valueOf(1_500_000), usdc.amount());
        assertEquals(Address.parse("0x" + BOB), usdc.to());
        assertInstanceOf(SafeSelfCall.class, d.inner().get(2));
    }

    @Test
    void aDelegatecallLegIsADelegatecall() {
        String leg = "01" + BOB + word("0") + word("4") + "deadbeef";
        DelegateCall outer = assertInstanceOf(DelegateCall.class, decode(multiSend(leg)).getFirst());
        DelegateCall inner = assertInstanceOf(DelegateCall.class, outer.inner().getFirst());
        assertEquals(Address.parse("0x" + BOB), inner.target());
    }

    @Test
    void aTruncatedLegIsMalformed() {
        String legs = threeLegs();
        String cut = legs.substring(0, legs.length() - 2);
        MalformedCall m = assertInstanceOf(MalformedCall.class,
                assertInstanceOf(DelegateCall.class, decode(multiSend(cut)).getFirst()).inner().getFirst());
        assertTrue(m.why().contains("do not split exactly into legs"), m.why());
        assertEquals("multiSend(bytes)", m.signature());
    }

    @Test
    void aCreateLegIsRefused() {
        String leg = "02" + BOB + word("0") + word("0");
        MalformedCall m = assertInstanceOf(MalformedCall.class,
                assertInstanceOf(DelegateCall.class, decode(multiSend(leg)).getFirst()).inner().getFirst());
        assertEquals("0x8d80ff0a", m.selector());
    }

    @Test
    void aNonCanonicalOffsetIsMalformed() {
        // offset 0x40 with a spare word: web3j would read it, the canonical re-encoding differs
        String packed = "00" + BOB + word("1") + word("0");
        String odd = "8d80ff0a" + word("40") + word("0") + word(Integer.toHexString(packed.length() / 2)) + packed
                + "00".repeat(32 - (packed.length() / 2) % 32);
        Intent i = assertInstanceOf(DelegateCall.class, decode(odd).getFirst()).inner().getFirst();
        assertInstanceOf(MalformedCall.class, i);
    }

    @Test
    void multiSendCalldataOnACallIsAContractCallOnItsTargetNotLegs() {
        Call call = Call.of(MULTISEND, BigInteger.ZERO, Hex.decode(multiSend(threeLegs()), "data"));
        List<Intent> intents = SafeDecoders.registry().decode(call, BigInteger.ONE, SAFE, TokenRegistry.empty());
        assertEquals(1, intents.size());
        ContractCall c = assertInstanceOf(ContractCall.class, intents.getFirst());
        assertEquals(MULTISEND, c.target());
        assertEquals("0x8d80ff0a", c.selector());
        assertEquals("multiSend(bytes)", c.signature());
    }

    @Test
    void aMultiSendLegThatCallsMultiSendIsAContractCallToo() {
        String inner = multiSend(threeLegs());
        String leg = "00" + MULTISEND.toLowerHex().substring(2) + word("0") + word(Integer.toHexString(inner.length() / 2)) + inner;
        DelegateCall outer = assertInstanceOf(DelegateCall.class, decode(multiSend(leg)).getFirst());
        assertEquals(1, outer.inner().size());
        assertInstanceOf(ContractCall.class, outer.inner().getFirst());
    }

    @Test
    void paddedMultiSendCalldataIsMalformedOnCallAndDelegatecall() {
        String padded = multiSend(threeLegs()) + word("0");
        assertInstanceOf(MalformedCall.class, assertInstanceOf(DelegateCall.class, decode(padded).getFirst()).inner().getFirst());
        Call call = Call.of(MULTISEND, BigInteger.ZERO, Hex.decode(padded, "data"));
        assertInstanceOf(MalformedCall.class,
                SafeDecoders.registry().decode(call, BigInteger.ONE, SAFE, TokenRegistry.empty()).getFirst());
    }
}
