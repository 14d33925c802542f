package io.countersign.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.DecoderRegistry;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.MalformedCall;
import io.countersign.eth.intent.NativeTransfer;
import io.countersign.eth.intent.Selectors;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.eth.intent.TimelockStep;
import io.countersign.eth.intent.TokenInfo;
import io.countersign.eth.intent.TokenRegistry;
import io.countersign.eth.intent.TokenTransfer;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The timelock calls as intents, through the one timelock decoder ({@link TimelockCallDecoder}) in a registry. */
class TimelockCallDecodingTest {
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");
    static final Address USDC = Address.parse("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    static final Address BOB = Address.parse("0x000000000000000000000000000000000000b0b0");
    static final Address TIMELOCK = Address.parse("0x2222222222222222222222222222222222222222");
    static final TokenRegistry TOKENS = TokenRegistry.of(List.of(new TokenInfo(USDC, "USDC", 6)));
    static final DecoderRegistry REGISTRY = DecoderRegistry.standard().withFirst(List.of(new TimelockCallDecoder()));

    static String word(String hexNoPrefix) {
        return "0".repeat(64 - hexNoPrefix.length()) + hexNoPrefix;
    }

    static List<Intent> decode(Call call) {
        return REGISTRY.decode(call, BigInteger.ONE, SAFE, TOKENS);
    }

    /** transfer(0x…b0b0, 1_500_000): 68 bytes. */
    static final String TRANSFER = "a9059cbb" + word("b0b0") + word("16e360");

    /** The 68-byte transfer as ABI `bytes` tail: length word then data padded to 96 bytes. */
    static String bytesTail() {
        return word("44") + TRANSFER + "0".repeat(56);
    }

    @Test
    void openZeppelinScheduleDecodesItsInnerTransferAndDelay() {
        // schedule(target, value, data, predecessor, salt, delay): head of 6 words, data at offset 0xc0
        String calldata = "01d5062a" + word(USDC.toLowerHex().substring(2)) + word("0") + word("c0")
                + word("0") + word("0") + word("015180") + bytesTail();
        TimelockStep step = assertInstanceOf(TimelockStep.class,
                decode(Call.of(TIMELOCK, BigInteger.ZERO, Hex.decode(calldata, "data"))).getFirst());
        assertEquals(TimelockStep.Action.SCHEDULE, step.action());
        assertEquals(TimelockFlavor.OPENZEPPELIN, step.flavor());
        assertEquals(Optional.of(BigInteger.valueOf(86_400)), step.delaySeconds());
        TokenTransfer inner = assertInstanceOf(TokenTransfer.class, step.inner().getFirst());
        assertEquals(BOB, inner.to());
        assertEquals(BigInteger.valueOf(1_500_000), inner.amount());
        assertEquals(66, step.operationId().orElseThrow().length());
    }

    @Test
    void openZeppelinScheduleBatchDecodesEveryInnerCall() {
        // scheduleBatch(address[] targets, uint256[] values, bytes[] payloads, predecessor, salt, delay)
        // head: 6 words (0xc0 bytes); targets at 0xc0 (len 2 + 2 words = 0x60), values at 0x120 (0x60),
        // payloads at 0x180: len 2, two offsets (0x40, 0x40 + 0x20 + 0x60 = 0xc0)... second payload is empty
        String calldata = "8f2a0bb0" + word("c0") + word("120") + word("180") + word("0") + word("0") + word("3c")
                + word("2") + word(USDC.toLowerHex().substring(2)) + word("b0b0")
                + word("2") + word("0") + word("7")
                + word("2") + word("40") + word("c0") + bytesTail() + word("0");
        TimelockStep step = assertInstanceOf(TimelockStep.class,
                decode(Call.of(TIMELOCK, BigInteger.ZERO, Hex.decode(calldata, "data"))).getFirst());
        assertEquals(2, step.inner().size());
        assertInstanceOf(TokenTransfer.class, step.inner().get(0));
        NativeTransfer n = assertInstanceOf(NativeTransfer.class, step.inner().get(1));
        assertEquals(BigInteger.valueOf(7), n.amountWei());
        assertEquals(Optional.of(BigInteger.valueOf(60)), step.delaySeconds());
    }

    @Test
    void compoundQueueBuildsCalldataFromTheSignature() {
        // queueTransaction(target, value, string signature, bytes data, eta)
        // head 5 words (0xa0); signature at 0xa0: "transfer(address,uint256)" (25 bytes = 0x19), 2 words;
        // data at 0xe0: 64 bytes of arguments
        String sig = Hex.encodeBare("transfer(address,uint256)".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String calldata = "3a66f901" + word(USDC.toLowerHex().substring(2)) + word("0") + word("a0") + word("e0")
                + word("6553f100") + word("19") + sig + "0".repeat(64 - sig.length())
                + word("40") + word("b0b0") + word("16e360");
        TimelockStep step = assertInstanceOf(TimelockStep.class,
                decode(Call.of(TIMELOCK, BigInteger.ZERO, Hex.decode(calldata, "data"))).getFirst());
        assertEquals(TimelockFlavor.COMPOUND, step.flavor());
        assertEquals(Optional.of(BigInteger.valueOf(0x6553f100L)), step.eta());
        TokenTransfer inner = assertInstanceOf(TokenTransfer.class, step.inner().getFirst());
        assertEquals(BigInteger.valueOf(1_500_000), inner.amount());
        assertEquals(Hex.decode(TRANSFER, "t").length, inner.call().data().length);
    }

    @Test
    void cancelNamesTheOperationById() {
        String id = "ab".repeat(32);
        TimelockStep step = assertInstanceOf(TimelockStep.class,
                decode(Call.of(TIMELOCK, BigInteger.ZERO, Hex.decode("c4d252f5" + id, "d"))).getFirst());
        assertEquals(TimelockStep.Action.CANCEL, step.action());
        assertEquals(Optional.of("0x" + id), step.operationId());
        assertEquals(List.of(), step.inner());
        // cancel(id) carries no calls: the officer reads which operation, not "cancel 0 calls"
        assertEquals("timelock " + TIMELOCK + ": cancel operation 0x" + id, step.describe());
    }

    @Test
    void selectorsMatchTheKnownValues() {
        assertEquals("0x01d5062a", Selectors.of(OzTimelockAbi.SCHEDULE));
        assertEquals("0x8f2a0bb0", Selectors.of(OzTimelockAbi.SCHEDULE_BATCH));
        assertEquals("0x134008d3", Selectors.of(OzTimelockAbi.EXECUTE));
        assertEquals("0xe38335e5", Selectors.of(OzTimelockAbi.EXECUTE_BATCH));
        assertEquals("0xc4d252f5", Selectors.of(OzTimelockAbi.CANCEL));
        assertEquals("0x3a66f901", Selectors.of(CompoundTransaction.QUEUE));
        assertEquals("0x0825f38f", Selectors.of(CompoundTransaction.EXECUTE));
        assertEquals("0x591fcdfe", Selectors.of(CompoundTransaction.CANCEL));
    }

    static String schedule() {
        return "01d5062a" + word(USDC.toLowerHex().substring(2)) + word("0") + word("c0")
                + word("0") + word("0") + word("015180") + bytesTail();
    }

    static String queue(String selector) {
        String sig = Hex.encodeBare("transfer(address,uint256)".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return selector + word(USDC.toLowerHex().substring(2)) + word("0") + word("a0") + word("e0")
                + word("6553f100") + word("19") + sig + "0".repeat(64 - sig.length())
                + word("40") + word("b0b0") + word("16e360");
    }

    static String scheduleBatch() {
        return "8f2a0bb0" + word("c0") + word("120") + word("180") + word("0") + word("0") + word("3c")
                + word("2") + word(USDC.toLowerHex().substring(2)) + word("b0b0")
                + word("2") + word("0") + word("7")
                + word("2") + word("40") + word("c0") + bytesTail() + word("0");
    }

    /** Every timelock selector, canonical: decodes to a step. Padded by one word (Solidity ignores it): malformed. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"schedule", "scheduleBatch", "queueTransaction",
            "executeTransaction", "cancelTransaction", "cancel"})
    void aPaddedTimelockCallIsMalformedNotUnknown(String which) {
        String good = switch (which) {
            case "schedule" -> schedule();
            case "scheduleBatch" -> scheduleBatch();
            case "queueTransaction" -> queue("3a66f901");
            case "executeTransaction" -> queue("0825f38f");
            case "cancelTransaction" -> queue("591fcdfe");
            default -> "c4d252f5" + "ab".repeat(32);
        };
        assertInstanceOf(TimelockStep.class, decode(Call.of(TIMELOCK, BigInteger.ZERO, Hex.decode(good, "d"))).getFirst());
        MalformedCall m = assertInstanceOf(MalformedCall.class,
                decode(Call.of(TIMELOCK, BigInteger.ZERO, Hex.decode(good + word("0"), "d"))).getFirst());
        assertEquals(which, m.signature().substring(0, m.signature().indexOf('(')));
        assertEquals(TIMELOCK, m.target());
    }

    @Test
    void aScheduleWithDirtyAddressBitsIsMalformed() {
        String dirty = "01d5062a" + "ff".repeat(12) + USDC.toLowerHex().substring(2) + schedule().substring(8 + 64);
        MalformedCall m = assertInstanceOf(MalformedCall.class,
                decode(Call.of(TIMELOCK, BigInteger.ZERO, Hex.decode(dirty, "d"))).getFirst());
        assertEquals("schedule(address,uint256,bytes,bytes32,bytes32,uint256)", m.signature());
    }

    @Test
    void aScheduleNestingAPaddedTransferCarriesTheMalformedInnerCall() {
        // the inner transfer carries one extra zero byte: 69 bytes instead of 68
        String inner = TRANSFER + "00";
        String calldata = "01d5062a" + word(USDC.toLowerHex().substring(2)) + word("0") + word("c0")
                + word("0") + word("0") + word("015180") + word("45") + inner + "0".repeat(192 - inner.length());
        TimelockStep step = assertInstanceOf(TimelockStep.class,
                decode(Call.of(TIMELOCK, BigInteger.ZERO, Hex.decode(calldata, "d"))).getFirst());
        assertInstanceOf(MalformedCall.class, step.inner().getFirst());
    }
}
