package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.TimelockStep.Action;
import io.countersign.eth.intent.TimelockStep.Flavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;

/**
 * OpenZeppelin {@code TimelockController} (schedule, scheduleBatch, execute, executeBatch,
 * cancel) and Compound {@code Timelock} (queueTransaction, executeTransaction,
 * cancelTransaction), recognised by selector on any target. Inner calls are decoded through
 * {@link DecodeContext#decodeInner(Call)}, so a transfer inside a schedule is a transfer.
 */
public final class TimelockDecoder implements CallDecoder {
    static final AbiFunction SCHEDULE = AbiFunction.parse(
            "schedule(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt, uint256 delay)");
    static final AbiFunction SCHEDULE_BATCH = AbiFunction.parse(
            "scheduleBatch(address[] targets, uint256[] values, bytes[] payloads, bytes32 predecessor, bytes32 salt, uint256 delay)");
    static final AbiFunction EXECUTE = AbiFunction.parse(
            "execute(address target, uint256 value, bytes payload, bytes32 predecessor, bytes32 salt)");
    static final AbiFunction EXECUTE_BATCH = AbiFunction.parse(
            "executeBatch(address[] targets, uint256[] values, bytes[] payloads, bytes32 predecessor, bytes32 salt)");
    static final AbiFunction CANCEL = AbiFunction.parse("cancel(bytes32 id)");
    static final AbiFunction QUEUE = AbiFunction.parse(
            "queueTransaction(address target, uint256 value, string signature, bytes data, uint256 eta)");
    static final AbiFunction EXECUTE_TX = AbiFunction.parse(
            "executeTransaction(address target, uint256 value, string signature, bytes data, uint256 eta)");
    static final AbiFunction CANCEL_TX = AbiFunction.parse(
            "cancelTransaction(address target, uint256 value, string signature, bytes data, uint256 eta)");

    private static final List<AbiFunction> ALL =
            List.of(SCHEDULE, SCHEDULE_BATCH, EXECUTE, EXECUTE_BATCH, CANCEL, QUEUE, EXECUTE_TX, CANCEL_TX);

    @Override
    public Optional<List<Intent>> decode(Call call, DecodeContext ctx) {
        byte[] data = call.data();
        for (AbiFunction f : ALL) {
            if (f.matches(data)) {
                Intent intent = f.decode(data).map(v -> toStep(f, call, v, ctx))
                        .orElseGet(() -> UnknownCall.of(call, "timelock " + f.signature() + " with malformed arguments"));
                return Optional.of(List.of(intent));
            }
        }
        return Optional.empty();
    }

    private static Intent toStep(AbiFunction f, Call call, List<Type> v, DecodeContext ctx) {
        Address timelock = call.to();
        if (f == CANCEL) {
            return new TimelockStep(call, timelock, Flavor.OPENZEPPELIN, Action.CANCEL, List.of(),
                    Optional.empty(), Optional.empty(), Optional.of(Hex.encode(AbiFunction.bytes(v.get(0)))));
        }
        if (f == QUEUE || f == EXECUTE_TX || f == CANCEL_TX) {
            Action action = f == QUEUE ? Action.SCHEDULE : f == EXECUTE_TX ? Action.EXECUTE : Action.CANCEL;
            Call inner = Call.of(AbiFunction.address(v.get(0)), AbiFunction.uint(v.get(1)),
                    compoundCalldata((String) v.get(2).getValue(), AbiFunction.bytes(v.get(3))));
            return new TimelockStep(call, timelock, Flavor.COMPOUND, action, ctx.decodeInner(inner),
                    Optional.empty(), Optional.of(AbiFunction.uint(v.get(4))), Optional.empty());
        }
        boolean batch = f == SCHEDULE_BATCH || f == EXECUTE_BATCH;
        boolean schedule = f == SCHEDULE || f == SCHEDULE_BATCH;
        List<Call> calls = batch ? batchCalls(v) : List.of(Call.of(AbiFunction.address(v.get(0)),
                AbiFunction.uint(v.get(1)), AbiFunction.bytes(v.get(2))));
        if (calls == null) {
            return UnknownCall.of(call, "timelock " + f.signature() + " with arrays of different lengths");
        }
        List<Intent> inner = new ArrayList<>();
        calls.forEach(c -> inner.addAll(ctx.decodeInner(c)));
        String id = Hex.encode(Hash.sha3(Hex.decode(FunctionEncoder.encodeConstructor(v.subList(0, 5)), "id")));
        return new TimelockStep(call, timelock, Flavor.OPENZEPPELIN, schedule ? Action.SCHEDULE : Action.EXECUTE,
                inner, schedule ? Optional.of(AbiFunction.uint(v.get(5))) : Optional.empty(), Optional.empty(),
                Optional.of(id));
    }

    private static List<Call> batchCalls(List<Type> v) {
        List<Type> targets = AbiFunction.elements(v.get(0));
        List<Type> values = AbiFunction.elements(v.get(1));
        List<Type> payloads = AbiFunction.elements(v.get(2));
        if (targets.size() != values.size() || targets.size() != payloads.size()) {
            return null;
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            calls.add(Call.of(AbiFunction.address(targets.get(i)), AbiFunction.uint(values.get(i)),
                    AbiFunction.bytes(payloads.get(i))));
        }
        return calls;
    }

    /** Compound: an empty signature means {@code data} is the whole calldata; else selector(signature) ++ data. */
    static byte[] compoundCalldata(String signature, byte[] data) {
        if (signature.isEmpty()) {
            return data;
        }
        byte[] selector = Hex.decode(Selectors.of(signature), "selector");
        byte[] all = new byte[4 + data.length];
        System.arraycopy(selector, 0, all, 0, 4);
        System.arraycopy(data, 0, all, 4, data.length);
        return all;
    }
}
