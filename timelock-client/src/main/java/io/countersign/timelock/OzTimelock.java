package io.countersign.timelock;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.rpc.EthRpc;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;

/**
 * An OpenZeppelin {@code TimelockController} (contracts 5.x) over JSON-RPC: reads its delay, roles
 * and operation states, lists operations from its events, and builds checked
 * schedule/execute/cancel calls. "Now" is always the latest block's timestamp, not the wall clock.
 */
@SuppressWarnings("rawtypes") // web3j's ABI codec speaks List<Type>
public final class OzTimelock {
    private final EthRpc rpc;
    private final Address address;

    /** @param address the timelock contract */
    public OzTimelock(EthRpc rpc, Address address) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.address = Objects.requireNonNull(address, "address");
    }

    public Address address() {
        return address;
    }

    /** {@code getMinDelay()}: the minimum delay for new operations, seconds. */
    public BigInteger minDelay() {
        return Abi.toUint(read("getMinDelay()", List.of(), Abi.UINT256));
    }

    /** {@code getTimestamp(id)}: seconds since the epoch; 0 for unset, 1 for done. */
    public BigInteger timestamp(OperationId id) {
        return Abi.toUint(read("getTimestamp(bytes32)", List.of(Abi.bytes32(id.bytes())), Abi.UINT256));
    }

    /** {@code getOperationState(id)}. */
    public OperationState state(OperationId id) {
        return OperationState.ofOrdinal(Abi.toUint(read("getOperationState(bytes32)", List.of(Abi.bytes32(id.bytes())),
                Abi.UINT256)).intValueExact());
    }

    /** State and readyAt (seconds since the epoch; 0 when unset or done). */
    public OperationStatus status(OperationId id) {
        OperationState state = state(id);
        BigInteger ts = timestamp(id);
        return new OperationStatus(id, state, ts.compareTo(BigInteger.ONE) > 0 ? ts.longValueExact() : 0);
    }

    /** {@code isOperationDone(id)}. */
    public boolean isOperationDone(OperationId id) {
        return Abi.toBool(read("isOperationDone(bytes32)", List.of(Abi.bytes32(id.bytes())), Abi.BOOL));
    }

    /** {@code hasRole(role, account)}; {@code role} must not be ADMIN. */
    public boolean hasRole(TimelockRole role, Address account) {
        return Abi.toBool(read("hasRole(bytes32,address)", List.of(Abi.bytes32(role.roleId()), Abi.address(account)),
                Abi.BOOL));
    }

    /** True when {@code address(0)} holds EXECUTOR_ROLE: anyone may execute a ready operation. */
    public boolean isOpenExecutor() {
        return hasRole(TimelockRole.EXECUTOR, Address.ZERO);
    }

    /** The latest block's timestamp, seconds since the epoch. */
    public long now() {
        return rpc.latestTimestamp().longValueExact();
    }

    /**
     * A checked {@code schedule}/{@code scheduleBatch} call for {@code proposer} to send.
     *
     * @param delay seconds; at least {@link #minDelay()}
     * @param proposer the account (usually the Safe) that will call the timelock
     * @throws TimelockException.MissingRoleException if {@code proposer} lacks PROPOSER_ROLE
     * @throws TimelockException.DelayTooShortException if {@code delay < minDelay}
     * @throws TimelockException.AlreadyScheduledException if the id is waiting or ready
     * @throws TimelockException.AlreadyDoneException if the id is done
     * @throws TimelockException.PredecessorNotDoneException if the predecessor was never scheduled
     */
    public PreparedCall prepareSchedule(TimelockOperation op, BigInteger delay, Address proposer) {
        requireRole(TimelockRole.PROPOSER, proposer);
        BigInteger minDelay = minDelay();
        if (delay.compareTo(minDelay) < 0) {
            throw new TimelockException.DelayTooShortException(delay, minDelay);
        }
        OperationStatus status = status(op.id());
        switch (status.state()) {
            case WAITING, READY -> throw new TimelockException.AlreadyScheduledException(op.id(),
                    status.state().name().toLowerCase(java.util.Locale.ROOT) + ", ready at " + TimeText.utc(status.readyAt()));
            case DONE -> throw new TimelockException.AlreadyDoneException(op.id());
            case UNSET -> { }
        }
        if (!op.predecessor().isZero()) {
            OperationState p = state(op.predecessor());
            if (p == OperationState.UNSET) {
                throw new TimelockException.PredecessorNotDoneException(op.predecessor(), p);
            }
        }
        return step(OzTimelockAbi.schedule(op, delay), new TimelockAction.Schedule(op, delay));
    }

    /**
     * A checked {@code execute}/{@code executeBatch} call for {@code executor} to send. The call
     * carries no value: the timelock pays the calls' values ({@link TimelockOperation#totalValue()})
     * from its own balance.
     *
     * @throws TimelockException.MissingRoleException if {@code executor} lacks EXECUTOR_ROLE and the
     *     role is not open
     * @throws TimelockException.NotScheduledException if the id is unset
     * @throws TimelockException.AlreadyDoneException if the id is done
     * @throws TimelockException.NotReadyException if readyAt is after the latest block's time
     * @throws TimelockException.PredecessorNotDoneException if the predecessor is not done
     */
    public PreparedCall prepareExecute(TimelockOperation op, Address executor) {
        if (!isOpenExecutor()) {
            requireRole(TimelockRole.EXECUTOR, executor);
        }
        OperationId id = op.id();
        OperationStatus status = status(id);
        switch (status.state()) {
            case UNSET -> throw new TimelockException.NotScheduledException(id, "never scheduled, or cancelled");
            case DONE -> throw new TimelockException.AlreadyDoneException(id);
            case WAITING -> throw new TimelockException.NotReadyException(id, status.readyAt(), now());
            case READY -> { }
        }
        if (!op.predecessor().isZero()) {
            OperationState p = state(op.predecessor());
            if (p != OperationState.DONE) {
                throw new TimelockException.PredecessorNotDoneException(op.predecessor(), p);
            }
        }
        return step(OzTimelockAbi.execute(op), new TimelockAction.Execute(op));
    }

    /**
     * A checked {@code cancel(id)} call for {@code canceller} to send.
     *
     * @throws TimelockException.MissingRoleException if {@code canceller} lacks CANCELLER_ROLE
     * @throws TimelockException.NotScheduledException if the id is unset
     * @throws TimelockException.AlreadyDoneException if the id is done
     */
    public PreparedCall prepareCancel(OperationId id, Address canceller) {
        requireRole(TimelockRole.CANCELLER, canceller);
        switch (state(id)) {
            case UNSET -> throw new TimelockException.NotScheduledException(id, "never scheduled, or already cancelled");
            case DONE -> throw new TimelockException.AlreadyDoneException(id);
            case WAITING, READY -> { }
        }
        return step(OzTimelockAbi.cancel(id), new TimelockAction.Cancel(id));
    }

    /** Every operation in the timelock's events since block 0, in order of first scheduling. */
    public List<ScheduledOperation> operations() {
        return operations(BigInteger.ZERO);
    }

    /** Every operation scheduled since {@code fromBlock}, with its current state. */
    public List<ScheduledOperation> operations(BigInteger fromBlock) {
        return OzTimelockEvents.scan(this, rpc, fromBlock);
    }

    /** The operations that are WAITING or READY. */
    public List<ScheduledOperation> pendingOperations() {
        return operations().stream().filter(o -> o.state().isPending()).toList();
    }

    private void requireRole(TimelockRole role, Address account) {
        if (!hasRole(role, account)) {
            String detail = "lacks " + role.contractName()
                    + (role == TimelockRole.EXECUTOR ? " (and the executor role is not open to address(0))" : "");
            throw new TimelockException.MissingRoleException(address, account, role, detail);
        }
    }

    private PreparedCall step(byte[] calldata, TimelockAction action) {
        return new PreparedCall(Call.of(address, BigInteger.ZERO, calldata), action);
    }

    private Type<?> read(String signature, List<Type> args, TypeReference<?> returns) {
        byte[] out = rpc.call(address, Abi.call(signature, args));
        List<Type> decoded = Abi.decode(out, List.of(returns));
        if (decoded.isEmpty()) {
            throw new TimelockException.MalformedCalldataException(signature + " on " + address + " returned "
                    + Hex.encode(out) + ": is it an OpenZeppelin TimelockController?");
        }
        return decoded.getFirst();
    }
}
