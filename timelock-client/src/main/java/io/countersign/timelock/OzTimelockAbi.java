package io.countersign.timelock;

import io.countersign.eth.Address;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;

/**
 * Calldata and hashes of OpenZeppelin's {@code TimelockController} (contracts 5.x; the 4.x
 * functions used here have the same signatures). Pure functions: no RPC.
 */
@SuppressWarnings("rawtypes") // web3j's ABI codec speaks List<Type>
public final class OzTimelockAbi {
    private OzTimelockAbi() {}

    public static final String SCHEDULE = "schedule(address,uint256,bytes,bytes32,bytes32,uint256)";
    public static final String SCHEDULE_BATCH = "scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)";
    public static final String EXECUTE = "execute(address,uint256,bytes,bytes32,bytes32)";
    public static final String EXECUTE_BATCH = "executeBatch(address[],uint256[],bytes[],bytes32,bytes32)";
    public static final String CANCEL = "cancel(bytes32)";
    public static final String UPDATE_DELAY = "updateDelay(uint256)";
    public static final String HASH_OPERATION = "hashOperation(address,uint256,bytes,bytes32,bytes32)";
    public static final String HASH_OPERATION_BATCH = "hashOperationBatch(address[],uint256[],bytes[],bytes32,bytes32)";

    /** Event {@code CallScheduled(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data, bytes32 predecessor, uint256 delay)}. */
    public static final String CALL_SCHEDULED = "CallScheduled(bytes32,uint256,address,uint256,bytes,bytes32,uint256)";
    /** Event {@code CallExecuted(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data)}. */
    public static final String CALL_EXECUTED = "CallExecuted(bytes32,uint256,address,uint256,bytes)";
    /** Event {@code CallSalt(bytes32 indexed id, bytes32 salt)}, emitted only for a non-zero salt. */
    public static final String CALL_SALT = "CallSalt(bytes32,bytes32)";
    /** Event {@code Cancelled(bytes32 indexed id)}. */
    public static final String CANCELLED = "Cancelled(bytes32)";

    /** Calldata of {@code schedule} or {@code scheduleBatch}; {@code delay} in seconds. */
    public static byte[] schedule(TimelockOperation op, BigInteger delay) {
        if (delay.signum() < 0) {
            throw new TimelockException.InvalidOperationException("delay must not be negative: " + delay + " s");
        }
        List<Type> args = new java.util.ArrayList<>(arguments(op));
        args.add(Abi.uint(delay));
        return Abi.call(op.batch() ? SCHEDULE_BATCH : SCHEDULE, args);
    }

    /** Calldata of {@code execute} or {@code executeBatch}. */
    public static byte[] execute(TimelockOperation op) {
        return Abi.call(op.batch() ? EXECUTE_BATCH : EXECUTE, arguments(op));
    }

    /** Calldata of {@code cancel(id)}. */
    public static byte[] cancel(OperationId id) {
        return Abi.call(CANCEL, List.of(Abi.bytes32(id.bytes())));
    }

    /**
     * Calldata of {@code updateDelay(newDelay)}, seconds. Only the timelock itself may call it: schedule
     * {@link #updateDelayCall(Address, BigInteger)} as an operation.
     */
    public static byte[] updateDelay(BigInteger newDelay) {
        return Abi.call(UPDATE_DELAY, List.of(Abi.uint(newDelay)));
    }

    /** The call a timelock makes to itself to change its {@code minDelay} (seconds). */
    public static TimelockCall updateDelayCall(Address timelock, BigInteger newDelay) {
        return new TimelockCall(timelock, BigInteger.ZERO, updateDelay(newDelay));
    }

    /** Calldata of the contract's own {@code hashOperation}/{@code hashOperationBatch} view for {@code op}. */
    public static byte[] hashOperationCall(TimelockOperation op) {
        return Abi.call(op.batch() ? HASH_OPERATION_BATCH : HASH_OPERATION, arguments(op));
    }

    /** The operation id: keccak256 of {@code abi.encode} of the hash function's arguments. */
    static OperationId hash(TimelockOperation op) {
        return new OperationId(Hash.sha3(Abi.encode(arguments(op))));
    }

    /** {@code keccak256(name)}: how the contract derives a role id, e.g. {@code "PROPOSER_ROLE"}. */
    public static byte[] roleId(String name) {
        return Abi.keccak(name);
    }

    /** (target, value, data, predecessor, salt) or (targets, values, payloads, predecessor, salt). */
    private static List<Type> arguments(TimelockOperation op) {
        if (op.batch()) {
            return List.of(
                    Abi.addresses(op.calls().stream().map(TimelockCall::target).toList()),
                    Abi.uints(op.calls().stream().map(TimelockCall::value).toList()),
                    Abi.bytesArray(op.calls().stream().map(TimelockCall::data).toList()),
                    Abi.bytes32(op.predecessor().bytes()),
                    Abi.bytes32(op.salt().bytes()));
        }
        TimelockCall c = op.calls().getFirst();
        return List.of(Abi.address(c.target()), Abi.uint(c.value()), Abi.bytes(c.data()),
                Abi.bytes32(op.predecessor().bytes()), Abi.bytes32(op.salt().bytes()));
    }
}
