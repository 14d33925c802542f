package io.countersign.eth.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntentDecodingTest {
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");
    static final Address USDC = Address.parse("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    static final Address BOB = Address.parse("0x000000000000000000000000000000000000b0b0");
    static final Address TIMELOCK = Address.parse("0x2222222222222222222222222222222222222222");
    static final TokenRegistry TOKENS = TokenRegistry.of(List.of(new TokenInfo(USDC, "USDC", 6)));
    static final BigInteger CHAIN = BigInteger.ONE;

    static String word(String hexNoPrefix) {
        return "0".repeat(64 - hexNoPrefix.length()) + hexNoPrefix;
    }

    static List<Intent> decode(Call call) {
        return DecoderRegistry.standard().decode(call, CHAIN, SAFE, TOKENS);
    }

    @Test
    void emptyCalldataIsANativeTransfer() {
        List<Intent> intents = decode(Call.of(BOB, new BigInteger("1000000000000000000"), new byte[0]));
        NativeTransfer t = assertInstanceOf(NativeTransfer.class, intents.getFirst());
        assertEquals(1, intents.size());
        assertEquals(BOB, t.to());
        assertEquals(new BigInteger("1000000000000000000"), t.amountWei());
    }

    @Test
    void erc20TransferOfAKnownTokenHasTokenUnits() {
        // transfer(address,uint256) = 0xa9059cbb; 1_500_000 = 0x16e360
        byte[] data = Hex.decode("a9059cbb" + word("b0b0") + word("16e360"), "data");
        TokenTransfer t = assertInstanceOf(TokenTransfer.class, decode(Call.of(USDC, BigInteger.ZERO, data)).getFirst());
        assertEquals(BOB, t.to());
        assertEquals(BigInteger.valueOf(1_500_000), t.amount());
        assertEquals(Optional.of(new BigDecimal("1.5")), t.tokenUnits());
        assertEquals("transfer 1.5 USDC to " + BOB, t.describe());
    }

    @Test
    void erc20OnAnUnknownTokenStaysInBaseUnits() {
        Address other = Address.parse("0x3333333333333333333333333333333333333333");
        byte[] data = Hex.decode("095ea7b3" + word("b0b0") + "f".repeat(64), "data");
        TokenApprove a = assertInstanceOf(TokenApprove.class, decode(Call.of(other, BigInteger.ZERO, data)).getFirst());
        assertEquals(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), a.amount());
        assertEquals(Optional.empty(), a.tokenUnits());
        assertEquals(BOB, a.spender());
    }

    @Test
    void transferFromAndIncreaseAllowanceDecode() {
        byte[] tf = Hex.decode("23b872dd" + word("1111111111111111111111111111111111111111") + word("b0b0") + word("0a"), "d");
        TokenTransferFrom t = assertInstanceOf(TokenTransferFrom.class, decode(Call.of(USDC, BigInteger.ZERO, tf)).getFirst());
        assertEquals(SAFE, t.from());
        assertEquals(BigInteger.TEN, t.amount());
        byte[] ia = Hex.decode("39509351" + word("b0b0") + word("64"), "d");
        TokenIncreaseAllowance i = assertInstanceOf(TokenIncreaseAllowance.class,
                decode(Call.of(USDC, BigInteger.ZERO, ia)).getFirst());
        assertEquals(BigInteger.valueOf(100), i.amount());
    }

    @Test
    void dirtyAddressBitsAreNotDecodedAsATransfer() {
        // the address word has a non-zero 12th byte: not a canonical ABI encoding
        byte[] data = Hex.decode("a9059cbb" + "00000000000000000000000100000000000000000000000000000000000000b0b0".substring(2)
                + word("01"), "data");
        MalformedCall m = assertInstanceOf(MalformedCall.class, decode(Call.of(USDC, BigInteger.ZERO, data)).getFirst());
        assertEquals("0xa9059cbb", m.selector());
        assertEquals("transfer(address,uint256)", m.signature());
        assertTrue(m.why().contains("not the canonical ABI encoding"), m.why());
        assertTrue(m.flagged());
    }

    /** A known ERC-20 or Safe selector with one extra word (Solidity ignores it, the call still runs): malformed, never unknown. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "a9059cbb | 2 | transfer(address,uint256)",
            "095ea7b3 | 2 | approve(address,uint256)",
            "23b872dd | 3 | transferFrom(address,address,uint256)",
            "39509351 | 2 | increaseAllowance(address,uint256)",
            "0d582f13 | 2 | addOwnerWithThreshold(address,uint256)",
            "694e80c3 | 1 | changeThreshold(uint256)",
            "610b5925 | 1 | enableModule(address)"})
    void aPaddedKnownSelectorIsMalformed(String selector, int words, String signature) {
        Address target = signature.startsWith("addOwner") || signature.startsWith("change") || signature.startsWith("enable")
                ? SAFE : USDC;
        String canonical = selector + word("b0b0").repeat(words);
        Intent good = decode(Call.of(target, BigInteger.ZERO, Hex.decode(canonical, "d"))).getFirst();
        assertTrue(!(good instanceof MalformedCall) && !(good instanceof UnknownCall), good.describe());
        for (String bad : List.of(canonical + word("0"), canonical + "00", canonical.substring(0, canonical.length() - 2))) {
            MalformedCall m = assertInstanceOf(MalformedCall.class,
                    decode(Call.of(target, BigInteger.ZERO, Hex.decode(bad, "d"))).getFirst(), bad);
            assertEquals(signature, m.signature());
        }
    }

    @Test
    void nestingDeeperThanTheLimitIsMalformed() {
        DecoderRegistry nesting = DecoderRegistry.standard().withFirst(List.of((call, ctx) ->
                call.data().length > 4 && call.data()[0] == (byte) 0xee
                        ? java.util.Optional.of(ctx.decodeInner(Call.of(call.to(), BigInteger.ZERO, call.data())))
                        : java.util.Optional.empty()));
        Intent i = nesting.decode(Call.of(BOB, BigInteger.ZERO, Hex.decode("ee000000ff", "d")), CHAIN, SAFE, TOKENS).getFirst();
        MalformedCall m = assertInstanceOf(MalformedCall.class, i);
        assertTrue(m.why().contains("nested more than " + DecodeContext.MAX_DEPTH), m.why());
    }

    @Test
    void unknownSelectorIsFlaggedWithRawArgs() {
        byte[] data = Hex.decode("deadbeef" + word("2a"), "data");
        Intent i = decode(Call.of(BOB, BigInteger.ZERO, data)).getFirst();
        UnknownCall u = assertInstanceOf(UnknownCall.class, i);
        assertEquals("0xdeadbeef", u.selector());
        assertEquals("0x" + word("2a"), u.argsHex());
        assertTrue(u.flagged());
    }

    @Test
    void valueWithCalldataAlsoYieldsANativeTransfer() {
        byte[] data = Hex.decode("deadbeef", "data");
        List<Intent> intents = decode(Call.of(BOB, BigInteger.valueOf(5), data));
        assertEquals(2, intents.size());
        assertInstanceOf(UnknownCall.class, intents.get(0));
        assertEquals(BigInteger.valueOf(5), assertInstanceOf(NativeTransfer.class, intents.get(1)).amountWei());
    }

    @Test
    void safeSelfCallsArePrivileged() {
        // changeThreshold(uint256) = 0x694e80c3
        byte[] data = Hex.decode("694e80c3" + word("03"), "data");
        SafeSelfCall s = assertInstanceOf(SafeSelfCall.class, decode(Call.of(SAFE, BigInteger.ZERO, data)).getFirst());
        assertEquals(SafeChange.CHANGE_THRESHOLD, s.change());
        assertEquals("3", s.args().getFirst().value());
        assertTrue(s.flagged());
        // addOwnerWithThreshold = 0x0d582f13
        byte[] add = Hex.decode("0d582f13" + word("b0b0") + word("02"), "data");
        SafeSelfCall a = assertInstanceOf(SafeSelfCall.class, decode(Call.of(SAFE, BigInteger.ZERO, add)).getFirst());
        assertEquals(SafeChange.ADD_OWNER_WITH_THRESHOLD, a.change());
        assertEquals(BOB.toString(), a.args().getFirst().value());
    }

    @Test
    void theSameSelectorOnAnotherContractIsNotASafeChange() {
        byte[] data = Hex.decode("694e80c3" + word("03"), "data");
        assertInstanceOf(UnknownCall.class, decode(Call.of(BOB, BigInteger.ZERO, data)).getFirst());
    }

    @Test
    void selectorsMatchTheKnownValues() {
        assertEquals("0xe318b52b", SafeChange.SWAP_OWNER.selector());
        assertEquals("0xf8dc5dd9", SafeChange.REMOVE_OWNER.selector());
        assertEquals("0x610b5925", SafeChange.ENABLE_MODULE.selector());
        assertEquals("0xe009cfde", SafeChange.DISABLE_MODULE.selector());
        assertEquals("0xe19a9dd9", SafeChange.SET_GUARD.selector());
        assertEquals("0xf08a0323", SafeChange.SET_FALLBACK_HANDLER.selector());
    }

    @Test
    void delegatecallIsWrappedAndFlagged() {
        byte[] data = Hex.decode("a9059cbb" + word("b0b0") + word("01"), "data");
        DelegateCall d = assertInstanceOf(DelegateCall.class,
                decode(new Call(BOB, BigInteger.ZERO, data, Operation.DELEGATECALL)).getFirst());
        assertTrue(d.flagged());
        assertInstanceOf(TokenTransfer.class, d.inner().getFirst());
    }
}
