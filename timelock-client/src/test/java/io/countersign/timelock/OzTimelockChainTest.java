package io.countersign.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.eth.testing.TestChain;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schedule → wait → execute, batch, cancel and the event list on a real OpenZeppelin TimelockController. */
class OzTimelockChainTest {
    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final long MIN_DELAY = 3_600;

    private static Anvil anvil;
    private static EthRpc rpc;
    private static Address admin;
    private static Address proposer;
    private static Address executor;
    private static Address timelockAddress;
    private static OzTimelock timelock;

    @BeforeAll
    static void deploy() {
        anvil = TestChain.start();
        rpc = anvil.rpc();
        List<Address> accounts = anvil.accounts();
        admin = accounts.get(0);
        proposer = accounts.get(1);
        executor = accounts.get(2);
        timelockAddress = Fixtures.deployOz(anvil, admin, MIN_DELAY, List.of(proposer), List.of(executor), admin);
        timelock = new OzTimelock(rpc, timelockAddress);
        anvil.send(admin, timelockAddress, ETH.multiply(BigInteger.TEN), new byte[0]);
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    private static long blockTimestamp(BigInteger block) {
        return EthRpc.quantity(rpc.client().call("eth_getBlockByNumber", "0x" + block.toString(16), false).get("timestamp"))
                .longValueExact();
    }

    @Test
    void readsMinDelayAndRoles() {
        assertEquals(BigInteger.valueOf(MIN_DELAY), timelock.minDelay());
        assertTrue(timelock.hasRole(TimelockRole.PROPOSER, proposer));
        assertTrue(timelock.hasRole(TimelockRole.CANCELLER, proposer), "OZ 5.x makes each proposer a canceller");
        assertTrue(timelock.hasRole(TimelockRole.EXECUTOR, executor));
        assertFalse(timelock.hasRole(TimelockRole.PROPOSER, executor));
        assertFalse(timelock.isOpenExecutor());
    }

    @Test
    void singleTransferWaitsThenExecutes() {
        Address recipient = Address.parse("0x00000000000000000000000000000000000A11CE");
        TimelockOperation op = TimelockOperation.single(new TimelockCall(recipient, ETH, new byte[0]), OperationId.ZERO,
                Salt.random());
        PreparedCall schedule = timelock.prepareSchedule(op, BigInteger.valueOf(MIN_DELAY), proposer);
        assertEquals(timelockAddress, schedule.call().to());
        assertEquals(Fixtures.contractHash(rpc, timelockAddress, op), schedule.id());
        assertEquals(OperationState.UNSET, timelock.state(op.id()));

        EthRpc.Receipt scheduled = anvil.send(proposer, timelockAddress, BigInteger.ZERO, schedule.call().data());
        long expectedReadyAt = blockTimestamp(scheduled.blockNumber()) + MIN_DELAY;
        OperationStatus waiting = timelock.status(op.id());
        assertEquals(OperationState.WAITING, waiting.state());
        assertEquals(1, Fixtures.contractState(rpc, timelockAddress, op.id()));
        assertEquals(expectedReadyAt, waiting.readyAt());
        TimelockException.NotReadyException early =
                assertThrows(TimelockException.NotReadyException.class, () -> timelock.prepareExecute(op, executor));
        assertEquals(expectedReadyAt, early.readyAt());

        anvil.increaseTime(MIN_DELAY);
        assertEquals(OperationState.READY, timelock.state(op.id()));
        assertEquals(2, Fixtures.contractState(rpc, timelockAddress, op.id()));

        PreparedCall execute = timelock.prepareExecute(op, executor);
        anvil.send(executor, timelockAddress, BigInteger.ZERO, execute.call().data());
        assertEquals(OperationState.DONE, timelock.state(op.id()));
        assertEquals(3, Fixtures.contractState(rpc, timelockAddress, op.id()));
        assertTrue(timelock.isOperationDone(op.id()));
        assertEquals(ETH, rpc.balance(recipient));

        ScheduledOperation listed = timelock.operations().stream().filter(o -> o.id().equals(op.id())).findFirst().orElseThrow();
        assertEquals(op, listed.operation());
        assertEquals(OperationState.DONE, listed.state());
        assertEquals(expectedReadyAt, listed.readyAt());
        assertEquals(BigInteger.valueOf(MIN_DELAY), listed.delay());
        assertFalse(listed.cancelled());
    }

    @Test
    void batchOfTokenAndEtherTransfersExecutesAtomically() {
        Address token = Fixtures.deployToken(anvil, admin);
        BigInteger amount = BigInteger.valueOf(12_345);
        anvil.send(admin, token, BigInteger.ZERO, Fixtures.transfer(timelockAddress, amount));
        Address recipient = Address.parse("0x00000000000000000000000000000000000b0b0b");
        TimelockOperation op = TimelockOperation.batch(List.of(
                new TimelockCall(token, BigInteger.ZERO, Fixtures.transfer(recipient, amount)),
                new TimelockCall(recipient, ETH.multiply(BigInteger.TWO), new byte[0])), OperationId.ZERO, Salt.random());
        long delay = MIN_DELAY * 2;
        PreparedCall schedule = timelock.prepareSchedule(op, BigInteger.valueOf(delay), proposer);
        assertEquals(Fixtures.contractHash(rpc, timelockAddress, op), schedule.id());
        anvil.send(proposer, timelockAddress, BigInteger.ZERO, schedule.call().data());
        assertEquals(OperationState.WAITING, timelock.state(op.id()));
        assertTrue(timelock.pendingOperations().stream().anyMatch(o -> o.id().equals(op.id())));

        anvil.increaseTime(delay);
        anvil.send(executor, timelockAddress, BigInteger.ZERO, timelock.prepareExecute(op, executor).call().data());
        assertEquals(OperationState.DONE, timelock.state(op.id()));
        assertEquals(amount, Fixtures.tokenBalance(rpc, token, recipient));
        assertEquals(ETH.multiply(BigInteger.TWO), rpc.balance(recipient));

        ScheduledOperation listed = timelock.operations().stream().filter(o -> o.id().equals(op.id())).findFirst().orElseThrow();
        assertTrue(listed.operation().batch());
        assertEquals(op.calls(), listed.operation().calls());
        assertFalse(timelock.pendingOperations().stream().anyMatch(o -> o.id().equals(op.id())));
    }

    @Test
    void oneCallBatchIsListedAsABatchAndZeroSaltAsZero() {
        Address recipient = Address.parse("0x0000000000000000000000000000000000000C0C");
        TimelockOperation op = TimelockOperation.batch(List.of(new TimelockCall(recipient, BigInteger.ONE, new byte[0])),
                OperationId.ZERO, Salt.ZERO);
        anvil.send(proposer, timelockAddress, BigInteger.ZERO,
                timelock.prepareSchedule(op, BigInteger.valueOf(MIN_DELAY), proposer).call().data());
        ScheduledOperation listed = timelock.operations().stream().filter(o -> o.id().equals(op.id())).findFirst().orElseThrow();
        assertEquals(op, listed.operation());
        assertEquals(Fixtures.contractHash(rpc, timelockAddress, op), listed.id());
    }

    @Test
    void cancelUnsetsAndTheListShowsItCancelled() {
        Address recipient = Address.parse("0x0000000000000000000000000000000000000D0D");
        TimelockOperation op = TimelockOperation.single(new TimelockCall(recipient, ETH, new byte[0]), OperationId.ZERO,
                Salt.random());
        anvil.send(proposer, timelockAddress, BigInteger.ZERO,
                timelock.prepareSchedule(op, BigInteger.valueOf(MIN_DELAY), proposer).call().data());
        PreparedCall cancel = timelock.prepareCancel(op.id(), proposer);
        assertEquals(op.id(), cancel.id());
        anvil.send(proposer, timelockAddress, BigInteger.ZERO, cancel.call().data());
        assertEquals(OperationState.UNSET, timelock.state(op.id()));
        assertEquals(0, Fixtures.contractState(rpc, timelockAddress, op.id()));

        ScheduledOperation listed = timelock.operations().stream().filter(o -> o.id().equals(op.id())).findFirst().orElseThrow();
        assertTrue(listed.cancelled());
        assertEquals(OperationState.UNSET, listed.state());
        anvil.increaseTime(MIN_DELAY);
        assertThrows(TimelockException.NotScheduledException.class, () -> timelock.prepareExecute(op, executor));
        assertEquals(BigInteger.ZERO, rpc.balance(recipient));
    }

    @Test
    void preparedCalldataDecodesBackToTheSameOperation() {
        TimelockOperation op = TimelockOperation.single(new TimelockCall(admin, BigInteger.TWO, new byte[] {1, 2, 3}),
                OperationId.ZERO, Salt.random());
        PreparedCall schedule = timelock.prepareSchedule(op, BigInteger.valueOf(MIN_DELAY), proposer);
        TimelockAction decoded = TimelockDecoder.decode(schedule.call().data()).orElseThrow();
        assertEquals(new TimelockAction.Schedule(op, BigInteger.valueOf(MIN_DELAY)), decoded);
        assertEquals(schedule.action(), decoded);
    }
}
