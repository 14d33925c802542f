package io.countersign.timelock;

import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.CallDecoder;
import io.countersign.eth.intent.ContractCall;
import io.countersign.eth.intent.DecodeContext;
import io.countersign.eth.intent.DecodedArg;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TimelockStep;
import io.countersign.eth.intent.TimelockStep.Action;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.eth.intent.MalformedCall;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one decoder of timelock calls: every call {@link TimelockDecoder} recognises (OpenZeppelin
 * {@code TimelockController} schedule, scheduleBatch, execute, executeBatch, cancel, updateDelay;
 * Compound {@code Timelock} queueTransaction, executeTransaction, cancelTransaction, setDelay) on
 * any target becomes a {@link TimelockStep} intent whose inner calls are decoded through
 * {@link DecodeContext#decodeInner(Call)}, so a transfer inside a schedule is a transfer. Compound
 * steps carry their transaction hash as {@code operationId}; {@code updateDelay}/{@code setDelay}
 * are named contract calls. A known selector with non-canonical arguments is a
 * {@link MalformedCall}. Register it: {@code DecoderRegistry.standard().withFirst(List.of(new TimelockCallDecoder()))}.
 * Pure: no network, no clock.
 */
public final class TimelockCallDecoder implements CallDecoder {

    @Override
    public Optional<List<Intent>> decode(Call call, DecodeContext ctx) {
        byte[] data = call.data();
        if (!TimelockDecoder.handles(data)) {
            return Optional.empty();
        }
        TimelockAction action;
        try {
            action = TimelockDecoder.decode(data).orElseThrow();
        } catch (TimelockException.MalformedCalldataException e) {
            return Optional.of(List.of(MalformedCall.of(call, TimelockDecoder.signatureOf(data), e.getMessage())));
        }
        return Optional.of(List.of(toIntent(call, action, ctx)));
    }

    private static Intent toIntent(Call call, TimelockAction action, DecodeContext ctx) {
        return switch (action) {
            case TimelockAction.Schedule s -> new TimelockStep(call, call.to(), TimelockFlavor.OPENZEPPELIN, Action.SCHEDULE,
                    inner(s.calls(), ctx), Optional.of(s.delay()), Optional.empty(), Optional.of(s.id().toString()));
            case TimelockAction.Execute e -> new TimelockStep(call, call.to(), TimelockFlavor.OPENZEPPELIN, Action.EXECUTE,
                    inner(e.calls(), ctx), Optional.empty(), Optional.empty(), Optional.of(e.id().toString()));
            case TimelockAction.Cancel c -> new TimelockStep(call, call.to(), TimelockFlavor.OPENZEPPELIN, Action.CANCEL,
                    List.of(), Optional.empty(), Optional.empty(), Optional.of(c.id().toString()));
            case TimelockAction.CompoundStep c -> new TimelockStep(call, call.to(), TimelockFlavor.COMPOUND, switch (c.kind()) {
                case QUEUE_TRANSACTION -> Action.SCHEDULE;
                case EXECUTE_TRANSACTION -> Action.EXECUTE;
                default -> Action.CANCEL;
            }, inner(c.calls(), ctx), Optional.empty(), Optional.of(c.transaction().eta()),
                    Optional.of(c.txHash().toString()));
            case TimelockAction.UpdateDelay u -> delayChange(call, OzTimelockAbi.UPDATE_DELAY, u.newDelay());
            case TimelockAction.SetDelay s -> delayChange(call, CompoundTransaction.SET_DELAY, s.newDelay());
        };
    }

    private static List<Intent> inner(List<TimelockCall> calls, DecodeContext ctx) {
        List<Intent> out = new ArrayList<>();
        for (TimelockCall c : calls) {
            out.addAll(ctx.decodeInner(c.toCall()));
        }
        return out;
    }

    private static ContractCall delayChange(Call call, String signature, BigInteger newDelay) {
        return new ContractCall(call, call.to(), Hex.encode(Abi.selector(signature)), signature,
                List.of(new DecodedArg("newDelay", "uint256", newDelay.toString())));
    }
}
