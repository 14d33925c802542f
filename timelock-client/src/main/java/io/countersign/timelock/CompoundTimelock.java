package io.countersign.timelock;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.rpc.EthRpc;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import tools.jackson.databind.JsonNode;

/**
 * A Compound {@code Timelock} (as shipped in {@code @uniswap/governance}) over JSON-RPC: its delay
 * and bounds, admin, queued transactions and their states, and checked queue/execute/cancel calls.
 * Only {@code admin} may queue, execute and cancel. "Now" is the latest block's timestamp.
 */
@SuppressWarnings("rawtypes") // web3j's ABI codec speaks List<Type>
public final class CompoundTimelock {
    private static final byte[] QUEUED = Abi.keccak(CompoundTransaction.QUEUE_EVENT);
    private static final byte[] EXECUTED = Abi.keccak(CompoundTransaction.EXECUTE_EVENT);
    private static final byte[] CANCELLED = Abi.keccak(CompoundTransaction.CANCEL_EVENT);

    private final EthRpc rpc;
    private final Address address;

    /** @param address the timelock contract */
    public CompoundTimelock(EthRpc rpc, Address address) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.address = Objects.requireNonNull(address, "address");
    }

    public Address address() {
        return address;
    }

    /** {@code delay()}: the minimum time between queueing and eta, seconds. */
    public BigInteger delay() {
        return Abi.toUint(read("delay()", List.of(), Abi.UINT256));
    }

    /** {@code GRACE_PERIOD()}: how long after eta a transaction stays executable, seconds. */
    public BigInteger gracePeriod() {
        return Abi.toUint(read("GRACE_PERIOD()", List.of(), Abi.UINT256));
    }

    /** {@code MINIMUM_DELAY()}, seconds. */
    public BigInteger minimumDelay() {
        return Abi.toUint(read("MINIMUM_DELAY()", List.of(), Abi.UINT256));
    }

    /** {@code MAXIMUM_DELAY()}, seconds. */
    public BigInteger maximumDelay() {
        return Abi.toUint(read("MAXIMUM_DELAY()", List.of(), Abi.UINT256));
    }

    /** {@code admin()}: the only account that may queue, execute and cancel. */
    public Address admin() {
        return Abi.toAddress(read("admin()", List.of(), Abi.ADDRESS));
    }

    /** {@code pendingAdmin()}: {@link Address#ZERO} when none. */
    public Address pendingAdmin() {
        return Abi.toAddress(read("pendingAdmin()", List.of(), Abi.ADDRESS));
    }

    /** {@code queuedTransactions(txHash)}. */
    public boolean isQueued(OperationId txHash) {
        return Abi.toBool(read("queuedTransactions(bytes32)", List.of(Abi.bytes32(txHash.bytes())), Abi.BOOL));
    }

    /** The latest block's timestamp, seconds since the epoch. */
    public long now() {
        return rpc.latestTimestamp().longValueExact();
    }

    /**
     * The transaction's state: from {@code queuedTransactions} and the clock while queued (WAITING,
     * READY, EXPIRED when now &gt; eta + GRACE_PERIOD), else from its execute/cancel events.
     */
    public CompoundStatus status(CompoundTransaction tx) {
        long now = now();
        long eta = tx.eta().longValueExact();
        long expiresAt = eta + gracePeriod().longValueExact();
        CompoundState state;
        if (isQueued(tx.txHash())) {
            state = now < eta ? CompoundState.WAITING : now <= expiresAt ? CompoundState.READY : CompoundState.EXPIRED;
        } else {
            state = lastOutcome(tx.txHash());
        }
        return new CompoundStatus(tx, state, eta, expiresAt, now);
    }

    /**
     * A checked {@code queueTransaction} for {@code sender} to send.
     *
     * @param sender the account (usually the Safe) that will call the timelock
     * @throws TimelockException.MissingRoleException if {@code sender} is not {@code admin}
     * @throws TimelockException.DelayTooShortException / {@link TimelockException.DelayTooLongException}
     *     if the transaction is a {@code setDelay} on this timelock outside MINIMUM_DELAY..MAXIMUM_DELAY
     * @throws TimelockException.EtaTooEarlyException if eta &lt; now + delay
     * @throws TimelockException.AlreadyScheduledException if it is already queued
     */
    public PreparedCall prepareQueue(CompoundTransaction tx, Address sender) {
        requireAdmin(sender);
        checkSetDelayBounds(tx);
        BigInteger delay = delay();
        long earliest = now() + delay.longValueExact();
        if (tx.eta().compareTo(BigInteger.valueOf(earliest)) < 0) {
            throw new TimelockException.EtaTooEarlyException(tx.eta().longValueExact(), earliest, delay);
        }
        if (isQueued(tx.txHash())) {
            throw new TimelockException.AlreadyScheduledException(tx.txHash(), "queued, eta " + TimeText.utc(tx.eta().longValueExact()));
        }
        return step(tx.queueCalldata(), TimelockAction.Kind.QUEUE_TRANSACTION, tx);
    }

    /**
     * A checked {@code executeTransaction} for {@code sender} to send. It carries no value: the
     * timelock pays {@code value} from its own balance.
     *
     * @throws TimelockException.MissingRoleException if {@code sender} is not {@code admin}
     * @throws TimelockException.AlreadyDoneException if it was executed
     * @throws TimelockException.NotScheduledException if it is not queued
     * @throws TimelockException.NotReadyException if now &lt; eta
     * @throws TimelockException.ExpiredException if now &gt; eta + GRACE_PERIOD
     */
    public PreparedCall prepareExecute(CompoundTransaction tx, Address sender) {
        requireAdmin(sender);
        CompoundStatus s = status(tx);
        switch (s.state()) {
            case UNSET -> throw new TimelockException.NotScheduledException(tx.txHash(), "never queued");
            case CANCELLED -> throw new TimelockException.NotScheduledException(tx.txHash(), "cancelled");
            case DONE -> throw new TimelockException.AlreadyDoneException(tx.txHash());
            case WAITING -> throw new TimelockException.NotReadyException(tx.txHash(), s.eta(), s.now());
            case EXPIRED -> throw new TimelockException.ExpiredException(tx.txHash(), s.eta(), s.expiresAt(), s.now());
            case READY -> { }
        }
        return step(tx.executeCalldata(), TimelockAction.Kind.EXECUTE_TRANSACTION, tx);
    }

    /**
     * A checked {@code cancelTransaction} for {@code sender} to send (an expired transaction may
     * and should be cancelled).
     *
     * @throws TimelockException.MissingRoleException if {@code sender} is not {@code admin}
     * @throws TimelockException.NotScheduledException if it is not queued
     */
    public PreparedCall prepareCancel(CompoundTransaction tx, Address sender) {
        requireAdmin(sender);
        if (!isQueued(tx.txHash())) {
            throw new TimelockException.NotScheduledException(tx.txHash(), "not queued: never queued, executed or cancelled");
        }
        return step(tx.cancelCalldata(), TimelockAction.Kind.CANCEL_TRANSACTION, tx);
    }

    /** Every transaction from the timelock's {@code QueueTransaction} events since block 0, with its state. */
    public List<CompoundStatus> transactions() {
        Map<OperationId, CompoundTransaction> byHash = new LinkedHashMap<>();
        for (EthRpc.Log log : rpc.logs(address, BigInteger.ZERO)) {
            if (!log.topics().isEmpty() && Arrays.equals(log.topics().getFirst(), QUEUED)) {
                List<Type> f = Abi.decode(log.data(), List.of(Abi.UINT256, Abi.STRING, Abi.BYTES, Abi.UINT256));
                Address target = Address.of(Arrays.copyOfRange(log.topics().get(2), 12, 32));
                CompoundTransaction tx = new CompoundTransaction(target, Abi.toUint(f.get(0)), Abi.toText(f.get(1)),
                        Abi.toBytes(f.get(2)), Abi.toUint(f.get(3)));
                byHash.putIfAbsent(tx.txHash(), tx);
            }
        }
        List<CompoundStatus> out = new ArrayList<>();
        for (CompoundTransaction tx : byHash.values()) {
            out.add(status(tx));
        }
        return out;
    }

    /** Compound's {@code setDelay} requires MINIMUM_DELAY &lt;= delay &lt;= MAXIMUM_DELAY. */
    private void checkSetDelayBounds(CompoundTransaction tx) {
        TimelockCall call = tx.call();
        byte[] data = call.data();
        if (!call.target().equals(address) || data.length < 4
                || !Arrays.equals(Arrays.copyOf(data, 4), Abi.selector(CompoundTransaction.SET_DELAY))) {
            return;
        }
        TimelockAction action = TimelockDecoder.decode(data).orElseThrow();
        BigInteger newDelay = ((TimelockAction.SetDelay) action).newDelay();
        BigInteger min = minimumDelay();
        BigInteger max = maximumDelay();
        if (newDelay.compareTo(min) < 0) {
            throw new TimelockException.DelayTooShortException(newDelay, min);
        }
        if (newDelay.compareTo(max) > 0) {
            throw new TimelockException.DelayTooLongException(newDelay, max);
        }
    }

    /** DONE or CANCELLED from the last execute/cancel event naming the hash, else UNSET. */
    private CompoundState lastOutcome(OperationId txHash) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("address", address.toLowerHex());
        filter.put("fromBlock", "0x0");
        filter.put("toBlock", "latest");
        filter.put("topics", List.of(List.of(Hex.encode(EXECUTED), Hex.encode(CANCELLED)), txHash.toString()));
        CompoundState state = CompoundState.UNSET;
        for (JsonNode log : rpc.client().call("eth_getLogs", filter)) {
            byte[] topic0 = Hex.decode(log.path("topics").get(0).asString(), "topic", 32);
            state = Arrays.equals(topic0, EXECUTED) ? CompoundState.DONE : CompoundState.CANCELLED;
        }
        return state;
    }

    private void requireAdmin(Address sender) {
        Address admin = admin();
        if (!admin.equals(sender)) {
            throw new TimelockException.MissingRoleException(address, sender, TimelockRole.ADMIN,
                    "is not the admin (the admin is " + admin + ")");
        }
    }

    private PreparedCall step(byte[] calldata, TimelockAction.Kind kind, CompoundTransaction tx) {
        return new PreparedCall(Call.of(address, BigInteger.ZERO, calldata), new TimelockAction.CompoundStep(kind, tx));
    }

    private Type<?> read(String signature, List<Type> args, TypeReference<?> returns) {
        byte[] out = rpc.call(address, Abi.call(signature, args));
        List<Type> decoded = Abi.decode(out, List.of(returns));
        if (decoded.isEmpty()) {
            throw new TimelockException.MalformedCalldataException(signature + " on " + address + " returned "
                    + Hex.encode(out) + ": is it a Compound Timelock?");
        }
        return decoded.getFirst();
    }
}
