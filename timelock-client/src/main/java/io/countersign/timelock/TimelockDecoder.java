package io.countersign.timelock;

import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;

/**
 * Reads calldata sent to a timelock: OpenZeppelin {@code schedule}, {@code scheduleBatch},
 * {@code execute}, {@code executeBatch}, {@code cancel}, {@code updateDelay}; Compound
 * {@code queueTransaction}, {@code executeTransaction}, {@code cancelTransaction},
 * {@code setDelay}. The result names the operation id and the inner calls, so each inner call can be
 * decoded in turn. Calldata must be canonical: it is decoded, encoded again, and any difference
 * (trailing bytes, odd offsets) is rejected, so what is shown is exactly what is signed.
 */
@SuppressWarnings("rawtypes") // web3j's ABI codec speaks List<Type>
public final class TimelockDecoder {
    private TimelockDecoder() {}

    private static final List<TypeReference<?>> SINGLE = List.of(Abi.ADDRESS, Abi.UINT256, Abi.BYTES, Abi.BYTES32, Abi.BYTES32);
    private static final List<TypeReference<?>> BATCH = List.of(Abi.ADDRESS_ARRAY, Abi.UINT256_ARRAY, Abi.BYTES_ARRAY,
            Abi.BYTES32, Abi.BYTES32);
    private static final List<TypeReference<?>> COMPOUND = List.of(Abi.ADDRESS, Abi.UINT256, Abi.STRING, Abi.BYTES, Abi.UINT256);

    private static final Map<String, String> BY_SELECTOR = Map.of(
            sel(OzTimelockAbi.SCHEDULE), OzTimelockAbi.SCHEDULE,
            sel(OzTimelockAbi.SCHEDULE_BATCH), OzTimelockAbi.SCHEDULE_BATCH,
            sel(OzTimelockAbi.EXECUTE), OzTimelockAbi.EXECUTE,
            sel(OzTimelockAbi.EXECUTE_BATCH), OzTimelockAbi.EXECUTE_BATCH,
            sel(OzTimelockAbi.CANCEL), OzTimelockAbi.CANCEL,
            sel(OzTimelockAbi.UPDATE_DELAY), OzTimelockAbi.UPDATE_DELAY,
            sel(CompoundTransaction.QUEUE), CompoundTransaction.QUEUE,
            sel(CompoundTransaction.EXECUTE), CompoundTransaction.EXECUTE,
            sel(CompoundTransaction.CANCEL), CompoundTransaction.CANCEL,
            sel(CompoundTransaction.SET_DELAY), CompoundTransaction.SET_DELAY);

    /** The canonical signature of the timelock function the calldata's selector names; {@code handles(calldata)} first. */
    public static String signatureOf(byte[] calldata) {
        return BY_SELECTOR.get(HexFormat.of().formatHex(calldata, 0, 4));
    }

    /** True when the first 4 bytes select one of the timelock functions above. */
    public static boolean handles(byte[] calldata) {
        return calldata != null && calldata.length >= 4 && BY_SELECTOR.containsKey(HexFormat.of().formatHex(calldata, 0, 4));
    }

    /**
     * Decodes calldata sent to a timelock.
     *
     * @param calldata the whole calldata, selector first
     * @return the action, or empty when the selector is not a timelock function
     * @throws TimelockException.MalformedCalldataException when the selector is a timelock function
     *     but the arguments are truncated, not canonical, or batch arrays of different lengths
     */
    public static Optional<TimelockAction> decode(byte[] calldata) {
        if (!handles(calldata)) {
            return Optional.empty();
        }
        String signature = BY_SELECTOR.get(HexFormat.of().formatHex(calldata, 0, 4));
        byte[] body = Arrays.copyOfRange(calldata, 4, calldata.length);
        TimelockAction action;
        byte[] again;
        try {
            switch (signature) {
                case OzTimelockAbi.SCHEDULE, OzTimelockAbi.SCHEDULE_BATCH -> {
                    boolean batch = signature.equals(OzTimelockAbi.SCHEDULE_BATCH);
                    List<TypeReference<?>> types = new ArrayList<>(batch ? BATCH : SINGLE);
                    types.add(Abi.UINT256);
                    List<Type> f = decodeBody(signature, body, types);
                    TimelockOperation op = operation(signature, f, batch);
                    BigInteger delay = Abi.toUint(f.get(5));
                    action = new TimelockAction.Schedule(op, delay);
                    again = OzTimelockAbi.schedule(op, delay);
                }
                case OzTimelockAbi.EXECUTE, OzTimelockAbi.EXECUTE_BATCH -> {
                    boolean batch = signature.equals(OzTimelockAbi.EXECUTE_BATCH);
                    List<Type> f = decodeBody(signature, body, batch ? BATCH : SINGLE);
                    TimelockOperation op = operation(signature, f, batch);
                    action = new TimelockAction.Execute(op);
                    again = OzTimelockAbi.execute(op);
                }
                case OzTimelockAbi.CANCEL -> {
                    OperationId id = new OperationId(Abi.toBytes(decodeBody(signature, body, List.of(Abi.BYTES32)).getFirst()));
                    action = new TimelockAction.Cancel(id);
                    again = OzTimelockAbi.cancel(id);
                }
                case OzTimelockAbi.UPDATE_DELAY -> {
                    BigInteger delay = Abi.toUint(decodeBody(signature, body, List.of(Abi.UINT256)).getFirst());
                    action = new TimelockAction.UpdateDelay(delay);
                    again = OzTimelockAbi.updateDelay(delay);
                }
                case CompoundTransaction.SET_DELAY -> {
                    BigInteger delay = Abi.toUint(decodeBody(signature, body, List.of(Abi.UINT256)).getFirst());
                    action = new TimelockAction.SetDelay(delay);
                    again = Abi.call(CompoundTransaction.SET_DELAY, List.of(Abi.uint(delay)));
                }
                default -> {
                    List<Type> f = decodeBody(signature, body, COMPOUND);
                    CompoundTransaction tx = new CompoundTransaction(Abi.toAddress(f.get(0)), Abi.toUint(f.get(1)),
                            Abi.toText(f.get(2)), Abi.toBytes(f.get(3)), Abi.toUint(f.get(4)));
                    TimelockAction.Kind kind = switch (signature) {
                        case CompoundTransaction.QUEUE -> TimelockAction.Kind.QUEUE_TRANSACTION;
                        case CompoundTransaction.EXECUTE -> TimelockAction.Kind.EXECUTE_TRANSACTION;
                        default -> TimelockAction.Kind.CANCEL_TRANSACTION;
                    };
                    action = new TimelockAction.CompoundStep(kind, tx);
                    again = Abi.call(signature, tx.arguments());
                }
            }
        } catch (TimelockException.MalformedCalldataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TimelockException.MalformedCalldataException(signature + " calldata does not decode ("
                    + e.getMessage() + "): do not sign it", e);
        }
        if (!Arrays.equals(again, calldata)) {
            throw new TimelockException.MalformedCalldataException(signature + " calldata is not in canonical ABI "
                    + "encoding (" + calldata.length + " bytes, canonical " + again.length
                    + "): it may hide extra bytes; do not sign it");
        }
        return Optional.of(action);
    }

    private static List<Type> decodeBody(String signature, byte[] body, List<TypeReference<?>> types) {
        List<Type> f = Abi.decode(body, types);
        if (f.size() != types.size()) {
            throw new TimelockException.MalformedCalldataException(signature + " calldata is truncated ("
                    + body.length + " argument bytes: " + Hex.encode(Arrays.copyOf(body, Math.min(body.length, 16)))
                    + "…): do not sign it");
        }
        return f;
    }

    private static TimelockOperation operation(String signature, List<Type> f, boolean batch) {
        OperationId predecessor = new OperationId(Abi.toBytes(f.get(3)));
        Salt salt = new Salt(Abi.toBytes(f.get(4)));
        if (!batch) {
            return TimelockOperation.single(new TimelockCall(Abi.toAddress(f.get(0)), Abi.toUint(f.get(1)),
                    Abi.toBytes(f.get(2))), predecessor, salt);
        }
        List<Type> targets = Abi.toList(f.get(0));
        List<Type> values = Abi.toList(f.get(1));
        List<Type> payloads = Abi.toList(f.get(2));
        if (targets.size() != values.size() || targets.size() != payloads.size()) {
            throw new TimelockException.MalformedCalldataException(signature + " has " + targets.size() + " targets, "
                    + values.size() + " values and " + payloads.size()
                    + " payloads: the timelock would revert (TimelockInvalidOperationLength); do not sign it");
        }
        List<TimelockCall> calls = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            calls.add(new TimelockCall(Abi.toAddress(targets.get(i)), Abi.toUint(values.get(i)), Abi.toBytes(payloads.get(i))));
        }
        return TimelockOperation.batch(calls, predecessor, salt);
    }

    private static String sel(String signature) {
        return Hex.encodeBare(Abi.selector(signature));
    }
}
