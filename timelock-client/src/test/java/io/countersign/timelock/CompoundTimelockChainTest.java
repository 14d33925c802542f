package io.countersign.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.eth.testing.TestChain;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;

/** Queue → wait → execute, expiry, cancel and every check on a real Compound Timelock (@uniswap/governance). */
class CompoundTimelockChainTest {
    private static final long DAY = 86_400;
    private static final long DELAY = 2 * DAY;
    private static final BigInteger ETH = BigInteger.TEN.pow(18);

    private static Anvil anvil;
    private static EthRpc rpc;
    private static Address admin;
    private static Address outsider;
    private static Address address;
    private static CompoundTimelock timelock;

    @BeforeAll
    static void deploy() {
        anvil = TestChain.start();
        rpc = anvil.rpc();
        admin = anvil.accounts().get(0);
        outsider = anvil.accounts().get(3);
        address = Fixtures.deployCompound(anvil, admin, DELAY);
        timelock = new CompoundTimelock(rpc, address);
        anvil.send(admin, address, ETH.multiply(BigInteger.TEN), new byte[0]);
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    private static BigInteger eta(long margin) {
        return BigInteger.valueOf(timelock.now() + DELAY + margin);
    }

    private static CompoundTransaction etherTo(String recipient, BigInteger eta) {
        return new CompoundTransaction(Address.parse(recipient), ETH, "", new byte[0], eta);
    }

    private static EthRpc.Receipt queue(CompoundTransaction tx) {
        return anvil.send(admin, address, BigInteger.ZERO, timelock.prepareQueue(tx, admin).call().data());
    }

    private static void assertReverts(Address from, byte[] calldata, String reason) {
        String revert = Fixtures.revertOf(anvil, from, address, calldata);
        assertNotNull(revert, "the contract would have accepted the call");
        assertTrue(revert.contains(reason), "expected '" + reason + "' in: " + revert);
    }

    @Test
    void readsDelayBoundsAndAdmin() {
        assertEquals(BigInteger.valueOf(DELAY), timelock.delay());
        assertEquals(BigInteger.valueOf(14 * DAY), timelock.gracePeriod());
        assertEquals(BigInteger.valueOf(2 * DAY), timelock.minimumDelay());
        assertEquals(BigInteger.valueOf(30 * DAY), timelock.maximumDelay());
        assertEquals(admin, timelock.admin());
        assertEquals(Address.ZERO, timelock.pendingAdmin());
    }

    @Test
    void tokenTransferQueuedWaitsThenExecutes() {
        Address token = Fixtures.deployToken(anvil, admin);
        Address recipient = Address.parse("0x00000000000000000000000000000000000C0FFE");
        BigInteger amount = BigInteger.valueOf(777);
        anvil.send(admin, token, BigInteger.ZERO, Fixtures.transfer(address, amount));
        byte[] args = Hex.decode(FunctionEncoder.encodeConstructor(List.of(Fixtures.w3(recipient), new Uint256(amount))), "args");
        CompoundTransaction tx = new CompoundTransaction(token, BigInteger.ZERO, "transfer(address,uint256)", args, eta(60));

        PreparedCall queued = timelock.prepareQueue(tx, admin);
        EthRpc.Receipt receipt = anvil.send(admin, address, BigInteger.ZERO, queued.call().data());
        byte[] eventTxHash = receipt.logs().getFirst().topics().get(1);
        assertEquals(new OperationId(eventTxHash), tx.txHash(), "txHash as the contract's QueueTransaction event names it");
        assertTrue(Fixtures.contractQueued(rpc, address, tx.txHash()));
        assertEquals(CompoundState.WAITING, timelock.status(tx).state());
        var early = assertThrows(TimelockException.NotReadyException.class, () -> timelock.prepareExecute(tx, admin));
        assertEquals(tx.eta().longValueExact(), early.readyAt());
        assertReverts(admin, tx.executeCalldata(), "hasn't surpassed time lock");

        anvil.increaseTime(DELAY + 60);
        assertEquals(CompoundState.READY, timelock.status(tx).state());
        anvil.send(admin, address, BigInteger.ZERO, timelock.prepareExecute(tx, admin).call().data());
        assertEquals(amount, Fixtures.tokenBalance(rpc, token, recipient));
        assertEquals(CompoundState.DONE, timelock.status(tx).state());
        assertTrue(timelock.transactions().stream().anyMatch(s -> s.transaction().equals(tx) && s.state() == CompoundState.DONE));
        assertThrows(TimelockException.AlreadyDoneException.class, () -> timelock.prepareExecute(tx, admin));
    }

    @Test
    void transactionPastGracePeriodIsExpiredAndCanBeCancelled() {
        CompoundTransaction tx = etherTo("0x0000000000000000000000000000000000000E0E", eta(60));
        queue(tx);
        anvil.increaseTime(DELAY + 60 + 14 * DAY + 60);
        CompoundStatus status = timelock.status(tx);
        assertEquals(CompoundState.EXPIRED, status.state());
        assertEquals(tx.eta().longValueExact() + 14 * DAY, status.expiresAt());
        var e = assertThrows(TimelockException.ExpiredException.class, () -> timelock.prepareExecute(tx, admin));
        assertEquals(status.expiresAt(), e.expiredAt());
        assertReverts(admin, tx.executeCalldata(), "Transaction is stale");
        assertTrue(timelock.transactions().stream().anyMatch(s -> s.transaction().equals(tx) && s.state() == CompoundState.EXPIRED));

        anvil.send(admin, address, BigInteger.ZERO, timelock.prepareCancel(tx, admin).call().data());
        assertEquals(CompoundState.CANCELLED, timelock.status(tx).state());
        assertEquals(false, Fixtures.contractQueued(rpc, address, tx.txHash()));
        assertThrows(TimelockException.NotScheduledException.class, () -> timelock.prepareExecute(tx, admin));
    }

    @Test
    void etaEarlierThanNowPlusDelayIsRefused() {
        long now = timelock.now();
        CompoundTransaction tx = etherTo("0x0000000000000000000000000000000000000F0F", BigInteger.valueOf(now + DELAY - 10));
        var e = assertThrows(TimelockException.EtaTooEarlyException.class, () -> timelock.prepareQueue(tx, admin));
        assertEquals(now + DELAY, e.earliest());
        assertReverts(admin, tx.queueCalldata(), "Estimated execution block must satisfy delay");
    }

    @Test
    void onlyTheAdminMayQueueExecuteOrCancel() {
        CompoundTransaction tx = etherTo("0x0000000000000000000000000000000000001010", eta(60));
        var e = assertThrows(TimelockException.MissingRoleException.class, () -> timelock.prepareQueue(tx, outsider));
        assertEquals(TimelockRole.ADMIN, e.role());
        assertTrue(e.getMessage().contains(admin.toString()), e.getMessage());
        assertThrows(TimelockException.MissingRoleException.class, () -> timelock.prepareExecute(tx, outsider));
        assertThrows(TimelockException.MissingRoleException.class, () -> timelock.prepareCancel(tx, outsider));
        assertReverts(outsider, tx.queueCalldata(), "Call must come from admin");
    }

    @Test
    void notQueuedCannotBeExecutedOrCancelled() {
        CompoundTransaction tx = etherTo("0x0000000000000000000000000000000000001111", eta(60));
        assertEquals(CompoundState.UNSET, timelock.status(tx).state());
        var e = assertThrows(TimelockException.NotScheduledException.class, () -> timelock.prepareExecute(tx, admin));
        assertEquals(tx.txHash(), e.id());
        assertThrows(TimelockException.NotScheduledException.class, () -> timelock.prepareCancel(tx, admin));
        assertReverts(admin, tx.executeCalldata(), "hasn't been queued");
    }

    @Test
    void queueingTwiceIsRefused() {
        CompoundTransaction tx = etherTo("0x0000000000000000000000000000000000001212", eta(3_600));
        queue(tx);
        assertThrows(TimelockException.AlreadyScheduledException.class, () -> timelock.prepareQueue(tx, admin));
        // Stricter than the contract, which would simply set queuedTransactions[txHash] again.
        assertNull(Fixtures.revertOf(anvil, admin, address, tx.queueCalldata()));
    }

    @Test
    void setDelayOutsideTheBoundsIsRefusedAndInsideThemTakesEffect() {
        Address own = Fixtures.deployCompound(anvil, admin, DELAY);
        CompoundTimelock other = new CompoundTimelock(rpc, own);
        BigInteger eta = BigInteger.valueOf(other.now() + DELAY + 60);
        var low = assertThrows(TimelockException.DelayTooShortException.class,
                () -> other.prepareQueue(CompoundTransaction.setDelay(own, BigInteger.valueOf(DAY), eta), admin));
        assertEquals(BigInteger.valueOf(DAY), low.delay());
        assertEquals(BigInteger.valueOf(2 * DAY), low.minDelay());
        var high = assertThrows(TimelockException.DelayTooLongException.class,
                () -> other.prepareQueue(CompoundTransaction.setDelay(own, BigInteger.valueOf(31 * DAY), eta), admin));
        assertEquals(BigInteger.valueOf(30 * DAY), high.maximumDelay());

        CompoundTransaction ok = CompoundTransaction.setDelay(own, BigInteger.valueOf(3 * DAY), eta);
        anvil.send(admin, own, BigInteger.ZERO, other.prepareQueue(ok, admin).call().data());
        anvil.increaseTime(DELAY + 60);
        anvil.send(admin, own, BigInteger.ZERO, other.prepareExecute(ok, admin).call().data());
        assertEquals(BigInteger.valueOf(3 * DAY), other.delay());
    }
}
