package io.countersign.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.eth.testing.TestChain;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every pre-signing check on a real TimelockController. Each negative case asserts the typed error
 * and its fields, and that the contract itself reverts the same call with the matching custom error,
 * so the check refuses for the reason the chain would.
 */
class OzTimelockChecksTest {
    private static final long MIN_DELAY = 3_600;
    private static final BigInteger DELAY = BigInteger.valueOf(MIN_DELAY);
    private static final String ROLE_ERROR = Fixtures.errorSelector("AccessControlUnauthorizedAccount(address,bytes32)");
    private static final String STATE_ERROR = Fixtures.errorSelector("TimelockUnexpectedOperationState(bytes32,bytes32)");

    private static Anvil anvil;
    private static Address proposer;
    private static Address executor;
    private static Address outsider;
    private static Address address;
    private static OzTimelock timelock;
    private static final Random RANDOM = new Random(42);

    @BeforeAll
    static void deploy() {
        anvil = TestChain.start();
        List<Address> a = anvil.accounts();
        proposer = a.get(1);
        executor = a.get(2);
        outsider = a.get(3);
        address = Fixtures.deployOz(anvil, a.get(0), MIN_DELAY, List.of(proposer), List.of(executor), Address.ZERO);
        timelock = new OzTimelock(anvil.rpc(), address);
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    private static TimelockOperation newOp(OperationId predecessor) {
        byte[] target = new byte[20];
        RANDOM.nextBytes(target);
        return TimelockOperation.single(new TimelockCall(Address.of(target), BigInteger.ZERO, new byte[0]), predecessor);
    }

    private static EthRpc.Receipt schedule(TimelockOperation op, BigInteger delay) {
        return anvil.send(proposer, address, BigInteger.ZERO, timelock.prepareSchedule(op, delay, proposer).call().data());
    }

    private static void assertReverts(Address from, byte[] calldata, String errorSelector) {
        String revert = Fixtures.revertOf(anvil, from, address, calldata);
        assertNotNull(revert, "the contract would have accepted the call");
        assertTrue(revert.contains(errorSelector), "expected custom error 0x" + errorSelector + " in: " + revert);
    }

    @Test
    void delayBelowMinDelayNamesBoth() {
        TimelockOperation op = newOp(OperationId.ZERO);
        var e = assertThrows(TimelockException.DelayTooShortException.class,
                () -> timelock.prepareSchedule(op, DELAY.subtract(BigInteger.ONE), proposer));
        assertEquals(BigInteger.valueOf(3_599), e.delay());
        assertEquals(DELAY, e.minDelay());
        assertTrue(e.getMessage().contains("3599 s") && e.getMessage().contains("3600 s"), e.getMessage());
        assertReverts(proposer, OzTimelockAbi.schedule(op, BigInteger.valueOf(3_599)),
                Fixtures.errorSelector("TimelockInsufficientDelay(uint256,uint256)"));
        assertNull(Fixtures.revertOf(anvil, proposer, address, OzTimelockAbi.schedule(op, DELAY)), "control: min delay is accepted");
    }

    @Test
    void proposerWithoutProposerRoleIsRefused() {
        TimelockOperation op = newOp(OperationId.ZERO);
        var e = assertThrows(TimelockException.MissingRoleException.class, () -> timelock.prepareSchedule(op, DELAY, outsider));
        assertEquals(outsider, e.account());
        assertEquals(TimelockRole.PROPOSER, e.role());
        assertTrue(e.getMessage().contains("PROPOSER_ROLE"), e.getMessage());
        assertReverts(outsider, OzTimelockAbi.schedule(op, DELAY), ROLE_ERROR);
    }

    @Test
    void cancellerWithoutCancellerRoleIsRefused() {
        TimelockOperation op = newOp(OperationId.ZERO);
        schedule(op, DELAY);
        var e = assertThrows(TimelockException.MissingRoleException.class, () -> timelock.prepareCancel(op.id(), executor));
        assertEquals(TimelockRole.CANCELLER, e.role());
        assertReverts(executor, OzTimelockAbi.cancel(op.id()), ROLE_ERROR);
    }

    @Test
    void executorWithoutExecutorRoleIsRefusedWhenTheRoleIsClosed() {
        TimelockOperation op = newOp(OperationId.ZERO);
        schedule(op, DELAY);
        anvil.increaseTime(MIN_DELAY);
        var e = assertThrows(TimelockException.MissingRoleException.class, () -> timelock.prepareExecute(op, outsider));
        assertEquals(TimelockRole.EXECUTOR, e.role());
        assertTrue(e.getMessage().contains("not open"), e.getMessage());
        assertReverts(outsider, OzTimelockAbi.execute(op), ROLE_ERROR);
    }

    @Test
    void openExecutorLetsAnyoneExecute() {
        Address open = Fixtures.deployOz(anvil, proposer, MIN_DELAY, List.of(proposer), List.of(Address.ZERO), Address.ZERO);
        OzTimelock openTimelock = new OzTimelock(anvil.rpc(), open);
        assertTrue(openTimelock.isOpenExecutor());
        TimelockOperation op = newOp(OperationId.ZERO);
        anvil.send(proposer, open, BigInteger.ZERO, openTimelock.prepareSchedule(op, DELAY, proposer).call().data());
        anvil.increaseTime(MIN_DELAY);
        PreparedCall execute = openTimelock.prepareExecute(op, outsider);
        anvil.send(outsider, open, BigInteger.ZERO, execute.call().data());
        assertEquals(OperationState.DONE, openTimelock.state(op.id()));
    }

    @Test
    void predecessorNotDoneBlocksExecute() {
        TimelockOperation first = newOp(OperationId.ZERO);
        schedule(first, DELAY.multiply(BigInteger.TWO));
        TimelockOperation second = newOp(first.id());
        schedule(second, DELAY);
        anvil.increaseTime(MIN_DELAY);
        assertEquals(OperationState.READY, timelock.state(second.id()));
        var e = assertThrows(TimelockException.PredecessorNotDoneException.class, () -> timelock.prepareExecute(second, executor));
        assertEquals(first.id(), e.predecessor());
        assertEquals(OperationState.WAITING, e.state());
        assertReverts(executor, OzTimelockAbi.execute(second), Fixtures.errorSelector("TimelockUnexecutedPredecessor(bytes32)"));

        anvil.increaseTime(MIN_DELAY);
        anvil.send(executor, address, BigInteger.ZERO, timelock.prepareExecute(first, executor).call().data());
        anvil.send(executor, address, BigInteger.ZERO, timelock.prepareExecute(second, executor).call().data());
        assertEquals(OperationState.DONE, timelock.state(second.id()));
    }

    @Test
    void predecessorThatWasNeverScheduledIsRefusedAtSchedule() {
        byte[] unknown = new byte[32];
        RANDOM.nextBytes(unknown);
        TimelockOperation op = newOp(new OperationId(unknown));
        var e = assertThrows(TimelockException.PredecessorNotDoneException.class, () -> timelock.prepareSchedule(op, DELAY, proposer));
        assertEquals(OperationState.UNSET, e.state());
        // Stricter than the contract, which only checks the predecessor at execute: such an
        // operation could be scheduled but never executed until someone schedules the predecessor.
        assertNull(Fixtures.revertOf(anvil, proposer, address, OzTimelockAbi.schedule(op, DELAY)));
    }

    @Test
    void executingBeforeReadyAtSaysWhenInUtcAndAsACountdown() {
        TimelockOperation op = newOp(OperationId.ZERO);
        EthRpc.Receipt r = schedule(op, DELAY);
        long scheduledAt = EthRpc.quantity(anvil.rpc().client().call("eth_getBlockByNumber",
                "0x" + r.blockNumber().toString(16), false).get("timestamp")).longValueExact();
        long readyAt = scheduledAt + MIN_DELAY;
        var e = assertThrows(TimelockException.NotReadyException.class, () -> timelock.prepareExecute(op, executor));
        assertEquals(readyAt, e.readyAt());
        String utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(readyAt));
        assertTrue(e.getMessage().contains(utc + " UTC"), e.getMessage());
        assertTrue(e.getMessage().contains("in 1 h ") || e.getMessage().contains("in 59 min"), e.getMessage());
        assertReverts(executor, OzTimelockAbi.execute(op), STATE_ERROR);
    }

    @Test
    void schedulingTwiceIsRefused() {
        TimelockOperation op = newOp(OperationId.ZERO);
        schedule(op, DELAY);
        var e = assertThrows(TimelockException.AlreadyScheduledException.class, () -> timelock.prepareSchedule(op, DELAY, proposer));
        assertEquals(op.id(), e.id());
        assertReverts(proposer, OzTimelockAbi.schedule(op, DELAY), STATE_ERROR);
    }

    @Test
    void doneOperationCannotBeScheduledExecutedOrCancelledAgain() {
        TimelockOperation op = newOp(OperationId.ZERO);
        schedule(op, DELAY);
        anvil.increaseTime(MIN_DELAY);
        anvil.send(executor, address, BigInteger.ZERO, timelock.prepareExecute(op, executor).call().data());
        assertThrows(TimelockException.AlreadyDoneException.class, () -> timelock.prepareSchedule(op, DELAY, proposer));
        assertThrows(TimelockException.AlreadyDoneException.class, () -> timelock.prepareExecute(op, executor));
        assertThrows(TimelockException.AlreadyDoneException.class, () -> timelock.prepareCancel(op.id(), proposer));
        assertReverts(proposer, OzTimelockAbi.schedule(op, DELAY), STATE_ERROR);
        assertReverts(executor, OzTimelockAbi.execute(op), STATE_ERROR);
        assertReverts(proposer, OzTimelockAbi.cancel(op.id()), STATE_ERROR);
    }

    @Test
    void unknownOperationCannotBeExecutedOrCancelled() {
        TimelockOperation op = newOp(OperationId.ZERO);
        var e = assertThrows(TimelockException.NotScheduledException.class, () -> timelock.prepareExecute(op, executor));
        assertEquals(op.id(), e.id());
        assertThrows(TimelockException.NotScheduledException.class, () -> timelock.prepareCancel(op.id(), proposer));
        assertReverts(executor, OzTimelockAbi.execute(op), STATE_ERROR);
        assertReverts(proposer, OzTimelockAbi.cancel(op.id()), STATE_ERROR);
    }
}
