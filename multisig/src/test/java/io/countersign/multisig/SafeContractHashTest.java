package io.countersign.multisig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.countersign.eth.Address;
import io.countersign.eth.Operation;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For 50 random SafeTx values (every field random, uint256 fields over their whole range) the
 * offline safeTxHash equals the deployed Safe 1.4.1 contract's own {@code getTransactionHash}.
 */
class SafeContractHashTest {

    @Test
    void offlineHashEqualsTheContractsGetTransactionHash() {
        try (Anvil anvil = TestChain.start()) {
            SafeDeployment safes = SafeDeployment.deploy(anvil);
            List<Address> owners = anvil.accounts().subList(1, 4);
            Address safe = safes.createSafe(owners, 2, BigInteger.valueOf(42));
            BigInteger chainId = anvil.rpc().chainId();
            Random random = new Random(20261121);
            for (int i = 0; i < 50; i++) {
                SafeTx tx = new SafeTx(address(random), uint256(random), bytes(random, random.nextInt(300)),
                        random.nextBoolean() ? Operation.CALL : Operation.DELEGATECALL, uint256(random), uint256(random),
                        uint256(random), address(random), address(random), uint256(random));
                byte[] onChain = SafeAbi.decodeBytes32(anvil.rpc().call(safe, SafeAbi.getTransactionHash(tx)));
                byte[] offline = SafeHasher.hash(chainId, safe, SafeVersion.V1_4_1, tx).safeTxHash();
                assertArrayEquals(onChain, offline, "case " + i + ": " + tx);
            }
        }
    }

    static Address address(Random r) {
        return Address.of(bytes(r, 20));
    }

    static BigInteger uint256(Random r) {
        return new BigInteger(r.nextInt(257), r);
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
