package io.countersign.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our ids against the contract's own hashOperation / hashOperationBatch, for seeded random operations. */
class OperationIdContractTest {
    private static Anvil anvil;
    private static Address timelock;

    @BeforeAll
    static void deploy() {
        anvil = TestChain.start();
        Address admin = anvil.accounts().getFirst();
        timelock = Fixtures.deployOz(anvil, admin, 60, List.of(admin), List.of(admin), admin);
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static TimelockCall call(Random random) {
        // Data lengths straddle the 32-byte word boundary; values span 0 to 2^256-1.
        int length = random.nextInt(4) == 0 ? 0 : random.nextInt(100);
        BigInteger value = switch (random.nextInt(3)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE);
            default -> new BigInteger(256, random);
        };
        return new TimelockCall(Address.of(bytes(random, 20)), value, bytes(random, length));
    }

    private static OperationId predecessor(Random random) {
        return random.nextBoolean() ? OperationId.ZERO : new OperationId(bytes(random, 32));
    }

    @Test
    void fiftyRandomSingleOperationsHashLikeTheContract() {
        Random random = new Random(20261121L);
        for (int i = 0; i < 50; i++) {
            TimelockOperation op = TimelockOperation.single(call(random), predecessor(random), new Salt(bytes(random, 32)));
            assertEquals(Fixtures.contractHash(anvil.rpc(), timelock, op), op.id(), "operation " + i + ": " + op);
        }
    }

    @Test
    void fiftyRandomBatchesHashLikeTheContract() {
        Random random = new Random(6L);
        for (int i = 0; i < 50; i++) {
            List<TimelockCall> calls = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int j = 0; j < n; j++) {
                calls.add(call(random));
            }
            TimelockOperation op = TimelockOperation.batch(calls, predecessor(random), new Salt(bytes(random, 32)));
            assertEquals(Fixtures.contractHash(anvil.rpc(), timelock, op), op.id(), "batch " + i + ": " + op);
        }
    }

    @Test
    void aOneCallBatchIsADifferentOperationThanTheSingleForm() {
        Random random = new Random(7L);
        TimelockCall c = call(random);
        Salt salt = new Salt(bytes(random, 32));
        TimelockOperation single = TimelockOperation.single(c, OperationId.ZERO, salt);
        TimelockOperation batch = TimelockOperation.batch(List.of(c), OperationId.ZERO, salt);
        assertEquals(Fixtures.contractHash(anvil.rpc(), timelock, batch), batch.id());
        assertNotEquals(single.id(), batch.id());
    }

    @Test
    void randomSaltsAre32FreshBytes() {
        Salt a = Salt.random();
        Salt b = Salt.random();
        assertEquals(32, a.bytes().length);
        assertNotEquals(a, b);
        assertTrue(!a.equals(Salt.ZERO) && !b.equals(Salt.ZERO));
    }
}
