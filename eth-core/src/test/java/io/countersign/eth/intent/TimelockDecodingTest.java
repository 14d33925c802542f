package io.countersign.eth.intent;

import static io.countersign.eth.intent.IntentDecodingTest.BOB;
import static io.countersign.eth.intent.IntentDecodingTest.TIMELOCK;
import static io.countersign.eth.intent.IntentDecodingTest.USDC;
import static io.countersign.eth.intent.IntentDecodingTest.decode;
import static io.countersign.eth.intent.IntentDecodingTest.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelockDecodingTest {
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
        assertEquals(TimelockStep.Flavor.OPENZEPPELIN, step.flavor());
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
        assertEquals(TimelockStep.Flavor.COMPOUND, step.flavor());
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
    }
}
