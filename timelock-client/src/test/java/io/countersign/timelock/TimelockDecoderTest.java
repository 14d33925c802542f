package io.countersign.timelock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.DecoderRegistry;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.eth.intent.TimelockStep;
import io.countersign.eth.intent.TokenRegistry;
import io.countersign.eth.intent.TokenTransfer;
import io.countersign.eth.intent.MalformedCall;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/** Calldata built with web3j's own Function encoder, decoded back into the fields it was built from. */
@SuppressWarnings("rawtypes") // web3j's encoder API takes List<Type>
class TimelockDecoderTest {
    private static final Address TIMELOCK = Address.parse("0x1111111111111111111111111111111111111111");
    private static final Address TOKEN = Address.parse("0x2222222222222222222222222222222222222222");
    private static final Address BOB = Address.parse("0x3333333333333333333333333333333333333333");
    private static final byte[] SALT = fill(0x5a);
    private static final byte[] PREDECESSOR = fill(0x07);
    private static final byte[] TRANSFER = Fixtures.transfer(BOB, BigInteger.valueOf(1_000));

    private static byte[] fill(int b) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) b);
        return out;
    }

    private static byte[] scheduleSingle() {
        return Fixtures.encode("schedule", List.of(Fixtures.w3(TOKEN), new Uint256(0), new DynamicBytes(TRANSFER),
                new Bytes32(PREDECESSOR), new Bytes32(SALT), new Uint256(86_400)));
    }

    private static List<Type> batchArgs(int values) {
        return List.of(Fixtures.w3(List.of(TOKEN, BOB)),
                new DynamicArray<>(Uint256.class, values == 2 ? List.of(new Uint256(0), new Uint256(5)) : List.of(new Uint256(0))),
                new DynamicArray<>(DynamicBytes.class, List.of(new DynamicBytes(TRANSFER), new DynamicBytes(new byte[0]))),
                new Bytes32(new byte[32]), new Bytes32(SALT));
    }

    private static List<Type> compoundArgs() {
        byte[] args = Arrays.copyOfRange(TRANSFER, 4, TRANSFER.length);
        return List.of(Fixtures.w3(TOKEN), new Uint256(0), new Utf8String("transfer(address,uint256)"), new DynamicBytes(args),
                new Uint256(1_900_000_000L));
    }

    @Test
    void scheduleDecodesToItsCallsDelayPredecessorAndSalt() {
        var s = assertInstanceOf(TimelockAction.Schedule.class, TimelockDecoder.decode(scheduleSingle()).orElseThrow());
        assertEquals(TimelockAction.Kind.SCHEDULE, s.kind());
        assertEquals(List.of(new TimelockCall(TOKEN, BigInteger.ZERO, TRANSFER)), s.calls());
        assertEquals(BigInteger.valueOf(86_400), s.delay());
        assertArrayEquals(PREDECESSOR, s.operation().predecessor().bytes());
        assertArrayEquals(SALT, s.operation().salt().bytes());
        assertTrue(s.describe().contains("86400 s (1 d)"), s.describe());
    }

    @Test
    void batchFormsDecodeInOrder() {
        List<Type> args = new java.util.ArrayList<>(batchArgs(2));
        var execute = assertInstanceOf(TimelockAction.Execute.class,
                TimelockDecoder.decode(Fixtures.encode("executeBatch", args)).orElseThrow());
        assertEquals(TimelockAction.Kind.EXECUTE_BATCH, execute.kind());
        assertEquals(List.of(new TimelockCall(TOKEN, BigInteger.ZERO, TRANSFER), new TimelockCall(BOB, BigInteger.valueOf(5), new byte[0])),
                execute.calls());
        assertTrue(execute.operation().batch());
        args.add(new Uint256(7_200));
        var schedule = assertInstanceOf(TimelockAction.Schedule.class,
                TimelockDecoder.decode(Fixtures.encode("scheduleBatch", args)).orElseThrow());
        assertEquals(TimelockAction.Kind.SCHEDULE_BATCH, schedule.kind());
        assertEquals(execute.operation(), schedule.operation());
    }

    @Test
    void cancelAndUpdateDelayDecode() {
        var cancel = assertInstanceOf(TimelockAction.Cancel.class,
                TimelockDecoder.decode(Fixtures.encode("cancel", List.of(new Bytes32(SALT)))).orElseThrow());
        assertArrayEquals(SALT, cancel.id().bytes());
        var update = assertInstanceOf(TimelockAction.UpdateDelay.class,
                TimelockDecoder.decode(Fixtures.encode("updateDelay", List.of(new Uint256(42)))).orElseThrow());
        assertEquals(BigInteger.valueOf(42), update.newDelay());
    }

    @Test
    void compoundStepsDecodeWithSelectorPrefixedInnerCall() {
        for (String name : List.of("queueTransaction", "executeTransaction", "cancelTransaction")) {
            var step = assertInstanceOf(TimelockAction.CompoundStep.class,
                    TimelockDecoder.decode(Fixtures.encode(name, compoundArgs())).orElseThrow());
            assertEquals(name, switch (step.kind()) {
                case QUEUE_TRANSACTION -> "queueTransaction";
                case EXECUTE_TRANSACTION -> "executeTransaction";
                default -> "cancelTransaction";
            });
            assertEquals(List.of(new TimelockCall(TOKEN, BigInteger.ZERO, TRANSFER)), step.calls());
            assertEquals(BigInteger.valueOf(1_900_000_000L), step.transaction().eta());
        }
        var setDelay = assertInstanceOf(TimelockAction.SetDelay.class,
                TimelockDecoder.decode(Fixtures.encode("setDelay", List.of(new Uint256(259_200)))).orElseThrow());
        assertEquals(BigInteger.valueOf(259_200), setDelay.newDelay());
    }

    @Test
    void otherCalldataIsNotATimelockCall() {
        assertEquals(Optional.empty(), TimelockDecoder.decode(TRANSFER));
        assertEquals(Optional.empty(), TimelockDecoder.decode(new byte[] {1, 2}));
        assertEquals(Optional.empty(), TimelockDecoder.decode(new byte[0]));
    }

    @Test
    void truncatedTrailingOrMismatchedCalldataIsRefused() {
        byte[] good = scheduleSingle();
        var truncated = assertThrows(TimelockException.MalformedCalldataException.class,
                () -> TimelockDecoder.decode(Arrays.copyOf(good, good.length - 32)));
        assertTrue(truncated.getMessage().startsWith(OzTimelockAbi.SCHEDULE), truncated.getMessage());
        var trailing = assertThrows(TimelockException.MalformedCalldataException.class,
                () -> TimelockDecoder.decode(Fixtures.concat(good, new byte[] {0})));
        assertTrue(trailing.getMessage().contains("canonical"), trailing.getMessage());
        var mismatch = assertThrows(TimelockException.MalformedCalldataException.class,
                () -> TimelockDecoder.decode(Fixtures.encode("executeBatch", batchArgs(1))));
        assertTrue(mismatch.getMessage().contains("2 targets, 1 values and 2 payloads"), mismatch.getMessage());
    }

    @Test
    void callDecoderTurnsInnerCallsIntoIntents() {
        DecoderRegistry registry = DecoderRegistry.standard().withFirst(List.of(new TimelockCallDecoder()));
        List<Intent> intents = registry.decode(Call.of(TIMELOCK, BigInteger.ZERO, scheduleSingle()), BigInteger.ONE, null,
                TokenRegistry.empty());
        var step = assertInstanceOf(TimelockStep.class, intents.getFirst());
        assertEquals(TimelockStep.Action.SCHEDULE, step.action());
        assertEquals(Optional.of(BigInteger.valueOf(86_400)), step.delaySeconds());
        var transfer = assertInstanceOf(TokenTransfer.class, step.inner().getFirst());
        assertEquals(BOB, transfer.to());
        assertEquals(BigInteger.valueOf(1_000), transfer.amount());
        TimelockOperation op = TimelockOperation.single(new TimelockCall(TOKEN, BigInteger.ZERO, TRANSFER),
                new OperationId(PREDECESSOR), new Salt(SALT));
        assertEquals(Optional.of(op.id().toString()), step.operationId());

        var queue = assertInstanceOf(TimelockStep.class, registry.decode(Call.of(TIMELOCK, BigInteger.ZERO,
                Fixtures.encode("queueTransaction", compoundArgs())), BigInteger.ONE, null, TokenRegistry.empty()).getFirst());
        assertEquals(TimelockFlavor.COMPOUND, queue.flavor());
        assertEquals(Optional.of(BigInteger.valueOf(1_900_000_000L)), queue.eta());
        assertInstanceOf(TokenTransfer.class, queue.inner().getFirst());
        assertTrue(queue.operationId().isPresent());

        byte[] trailing = Fixtures.concat(scheduleSingle(), new byte[] {0});
        var malformed = assertInstanceOf(MalformedCall.class,
                registry.decode(Call.of(TIMELOCK, BigInteger.ZERO, trailing), BigInteger.ONE, null, TokenRegistry.empty()).getFirst());
        assertTrue(malformed.flagged());
        assertTrue(malformed.why().contains("canonical"), malformed.why());
        assertEquals(Hex.encode(Arrays.copyOf(trailing, 4)), malformed.selector());
        assertEquals(OzTimelockAbi.SCHEDULE, malformed.signature());
    }
}
