package io.countersign.app.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * {@code timelock hash} (offline) against the deployed TimelockController's own
 * {@code hashOperation}/{@code hashOperationBatch}, by eth_call, for random operations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("rawtypes")
class TimelockHashContractTest {
    @TempDir
    static Path dir;

    TimelockTestbed bed;
    Address timelock;
    final Random random = new Random(6);

    @BeforeAll
    void chain() {
        bed = new TimelockTestbed(dir);
        timelock = bed.deployOz(60, List.of(bed.owners.getFirst()), List.of(Address.ZERO));
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    BigInteger value() {
        return switch (random.nextInt(3)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE);
            default -> new BigInteger(256, random);
        };
    }

    /** The CLI offline: no --rpc, --offline, so the id is a pure function of the inputs. */
    String cliHash(String... args) {
        List<String> all = new ArrayList<>(List.of("timelock", "hash"));
        all.addAll(List.of(args));
        all.add("--offline");
        all.add("--json");
        var r = new io.countersign.app.CliRunner(dir.resolve("data")).run(all.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return r.json().get("id").asString();
    }

    String contract(String function, List<Type> args) {
        return Hex.encode(bed.anvil.rpc().call(timelock, TimelockTestbed.encode(function, args)));
    }

    @Test
    void fiftyRandomSingleOperationsMatchHashOperation() {
        for (int i = 0; i < 50; i++) {
            Address target = Address.of(bytes(20));
            BigInteger value = value();
            byte[] data = bytes(random.nextInt(5) == 0 ? 0 : random.nextInt(200));
            byte[] predecessor = random.nextBoolean() ? new byte[32] : bytes(32);
            byte[] salt = bytes(32);
            String expected = contract("hashOperation", List.of(TimelockTestbed.w3(target), new Uint256(value), new DynamicBytes(data),
                    new Bytes32(predecessor), new Bytes32(salt)));
            assertEquals(expected, cliHash("--target", target.toString(), "--value", value.toString(), "--data", Hex.encode(data),
                    "--predecessor", Hex.encode(predecessor), "--salt", Hex.encode(salt)), "operation " + i);
        }
    }

    @Test
    void tenRandomBatchesMatchHashOperationBatch() throws Exception {
        for (int i = 0; i < 10; i++) {
            int n = 1 + random.nextInt(4);
            List<Address> targets = new ArrayList<>();
            List<Uint256> values = new ArrayList<>();
            List<DynamicBytes> payloads = new ArrayList<>();
            StringBuilder json = new StringBuilder("[");
            for (int k = 0; k < n; k++) {
                Address t = Address.of(bytes(20));
                BigInteger v = value();
                byte[] d = bytes(random.nextInt(100));
                targets.add(t);
                values.add(new Uint256(v));
                payloads.add(new DynamicBytes(d));
                json.append(k == 0 ? "" : ",").append("{\"target\":\"").append(t).append("\",\"value\":\"").append(v)
                        .append("\",\"data\":\"").append(Hex.encode(d)).append("\"}");
            }
            Path file = dir.resolve("batch-" + i + ".json");
            Files.writeString(file, json.append("]").toString());
            byte[] salt = bytes(32);
            String expected = contract("hashOperationBatch", List.of(TimelockTestbed.w3(targets), new DynamicArray<>(Uint256.class, values),
                    new DynamicArray<>(DynamicBytes.class, payloads), new Bytes32(new byte[32]), new Bytes32(salt)));
            assertEquals(expected, cliHash("--batch", file.toString(), "--salt", Hex.encode(salt)), "batch " + i);
        }
    }

    @Test
    void saltDefaultsToZeroForHash() {
        Address target = Address.of(bytes(20));
        String expected = contract("hashOperation", List.of(TimelockTestbed.w3(target), new Uint256(0), new DynamicBytes(new byte[0]),
                new Bytes32(new byte[32]), new Bytes32(new byte[32])));
        assertEquals(expected, cliHash("--target", target.toString(), "--value", "0", "--data", "0x"));
    }
}
