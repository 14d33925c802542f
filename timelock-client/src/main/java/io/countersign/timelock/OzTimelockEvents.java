package io.countersign.timelock;

import io.countersign.eth.rpc.EthRpc;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.abi.datatypes.Type;

/**
 * Rebuilds OpenZeppelin operations from {@code CallScheduled}, {@code CallSalt}, {@code Cancelled}
 * and {@code CallExecuted} events: calls grouped by id and ordered by index, and whether the
 * operation was a single one or a batch, found by which form's hash equals the event's id.
 */
@SuppressWarnings("rawtypes") // web3j's ABI codec speaks List<Type>
final class OzTimelockEvents {
    private static final byte[] SCHEDULED = Abi.keccak(OzTimelockAbi.CALL_SCHEDULED);
    private static final byte[] SALT = Abi.keccak(OzTimelockAbi.CALL_SALT);
    private static final byte[] CANCELLED = Abi.keccak(OzTimelockAbi.CANCELLED);

    private OzTimelockEvents() {}

    private static final class Pending {
        final TreeMap<Integer, TimelockCall> calls = new TreeMap<>();
        Salt salt = Salt.ZERO;
        OperationId predecessor = OperationId.ZERO;
        BigInteger delay = BigInteger.ZERO;
        BigInteger block = BigInteger.ZERO;
        boolean cancelled;
    }

    static List<ScheduledOperation> scan(OzTimelock timelock, EthRpc rpc, BigInteger fromBlock) {
        Map<OperationId, Pending> byId = new LinkedHashMap<>();
        for (EthRpc.Log log : rpc.logs(timelock.address(), fromBlock)) {
            if (log.topics().isEmpty()) {
                continue;
            }
            byte[] topic0 = log.topics().getFirst();
            if (Arrays.equals(topic0, SCHEDULED)) {
                OperationId id = new OperationId(log.topics().get(1));
                int index = new BigInteger(1, log.topics().get(2)).intValueExact();
                List<Type> f = Abi.decode(log.data(), List.of(Abi.ADDRESS, Abi.UINT256, Abi.BYTES, Abi.BYTES32, Abi.UINT256));
                Pending p = byId.computeIfAbsent(id, k -> new Pending());
                if (p.cancelled || !p.block.equals(log.blockNumber())) {
                    p.cancelled = false;
                    if (index == 0) {
                        p.calls.clear();
                    }
                }
                p.calls.put(index, new TimelockCall(Abi.toAddress(f.get(0)), Abi.toUint(f.get(1)), Abi.toBytes(f.get(2))));
                p.predecessor = new OperationId(Abi.toBytes(f.get(3)));
                p.delay = Abi.toUint(f.get(4));
                p.block = log.blockNumber();
            } else if (Arrays.equals(topic0, SALT)) {
                OperationId id = new OperationId(log.topics().get(1));
                byId.computeIfAbsent(id, k -> new Pending()).salt = new Salt(Arrays.copyOf(log.data(), 32));
            } else if (Arrays.equals(topic0, CANCELLED)) {
                Pending p = byId.get(new OperationId(log.topics().get(1)));
                if (p != null) {
                    p.cancelled = true;
                }
            }
        }
        Map<BigInteger, Long> blockTimes = new HashMap<>();
        List<ScheduledOperation> out = new ArrayList<>();
        for (Map.Entry<OperationId, Pending> e : byId.entrySet()) {
            Pending p = e.getValue();
            if (p.calls.isEmpty()) {
                continue;
            }
            TimelockOperation op = identify(e.getKey(), p);
            long scheduledAt = blockTimes.computeIfAbsent(p.block, b -> blockTimestamp(rpc, b));
            OperationState state = timelock.state(e.getKey());
            out.add(new ScheduledOperation(op, p.delay, state, scheduledAt + p.delay.longValueExact(),
                    p.cancelled && state == OperationState.UNSET, p.block));
        }
        return out;
    }

    /** The single or batch form whose id is the event's id. */
    private static TimelockOperation identify(OperationId id, Pending p) {
        List<TimelockCall> calls = List.copyOf(p.calls.values());
        if (calls.size() == 1) {
            TimelockOperation single = TimelockOperation.single(calls.getFirst(), p.predecessor, p.salt);
            if (single.id().equals(id)) {
                return single;
            }
        }
        TimelockOperation batch = TimelockOperation.batch(calls, p.predecessor, p.salt);
        if (!batch.id().equals(id)) {
            throw new TimelockException.MalformedCalldataException("the events of operation " + id
                    + " do not hash to its id (calls " + calls.size() + ", salt " + p.salt + "): is the contract an "
                    + "OpenZeppelin TimelockController 5.x?");
        }
        return batch;
    }

    private static long blockTimestamp(EthRpc rpc, BigInteger block) {
        return EthRpc.quantity(rpc.client().call("eth_getBlockByNumber", "0x" + block.toString(16), false)
                .get("timestamp")).longValueExact();
    }
}
