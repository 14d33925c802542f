package io.countersign.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code safe import} online against a real Safe 1.4.1 on anvil: the node is the oracle for the
 * Safe's facts, and a fact given on the command line that contradicts it is refused naming both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafeImportOnlineCliTest {
    Anvil anvil;
    SafeDeployment safes;
    Address safe;
    List<Address> owners;

    @TempDir
    Path dir;

    @BeforeAll
    void chain() {
        anvil = TestChain.start();
        safes = SafeDeployment.deploy(anvil);
        owners = List.of(account(5), account(6), account(7));
        safe = safes.createSafe(owners, 2, BigInteger.valueOf(System.nanoTime()));
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    static Address account(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + index), "t").address();
    }

    Path batch() throws Exception {
        Path f = dir.resolve("batch.json");
        Files.writeString(f, """
            {"version":"1.0","chainId":"31337","createdAt":1700000000000,"meta":{"name":"Pay","createdFromSafeAddress":"%s"},
             "transactions":[{"to":"0x000000000000000000000000000000000000dEaD","value":"5","data":null}]}""".formatted(safe));
        return f;
    }

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--rpc", anvil.url(), "--json");
    }

    @Test
    void givenFactsThatContradictTheNodeAreRefusedNamingBoth() throws Exception {
        Path out = dir.resolve("req.json");
        CliRunner.Result r = cli().run("safe", "import", batch().toString(), "--safe", safe.toString(), "--out", out.toString(),
                "--threshold", "3");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("--threshold 3 does not match the node, which says 2"), r.toString());
        assertFalse(Files.exists(out));
        CliRunner.Result chain = cli().run("safe", "import", batch().toString(), "--safe", safe.toString(), "--out", out.toString(),
                "--chain-id", "1");
        assertEquals(1, chain.code(), chain.toString());
        assertTrue(chain.err().contains("--chain-id 1 does not match the node, which says 31337"), chain.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void matchingFactsAndTheNodesNonceImport() throws Exception {
        Path out = dir.resolve("ok.json");
        String ownerList = owners.reversed().stream().map(Address::toString).collect(Collectors.joining(","));
        CliRunner.Result r = cli().run("safe", "import", batch().toString(), "--safe", safe.toString(), "--out", out.toString(),
                "--chain-id", "31337", "--safe-version", "1.4.1", "--owners", ownerList, "--threshold", "2");
        assertEquals(0, r.code(), r.toString());
        assertEquals("0", r.json().get("nonce").asString(), "the next free nonce of a new Safe");
        assertTrue(Files.exists(out));
    }
}
