package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.ETH;
import static io.countersign.app.policy.PolicyTestbed.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.journal.EntryKind;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Checks in the right order and nonces that do not collide, on anvil with Safe 1.4.1 through the
 * real command line (dev mode: these checks come before and apart from the policy): a request for
 * another chain is named as such before any contract is read; an executor without the funds is
 * named with its shortfall before the device is asked; requests written with --out take the next
 * nonces, and a request taking a held nonce is warned about.
 */
class ChecksAndNoncesCliTest {
    static final Address PAYEE = Address.parse("0x000000000000000000000000000000000000b0b0");

    @TempDir
    static Path dir;

    static PolicyTestbed tb;

    @BeforeAll
    static void chain() {
        tb = new PolicyTestbed(dir);
    }

    @AfterAll
    static void stop() {
        tb.close();
    }

    CliRunner cli(String name) {
        return tb.cli(name).global("--dev-mode");
    }

    @Test
    void aRequestForAnotherChainIsNamedBeforeAnyContractIsRead() {
        CliRunner cli = cli("wrong-node");
        Path req = tb.file("chain-138.json");
        // a Safe that exists on no chain the node knows: the contract calls would return no data
        CliRunner.Result p = cli.run("safe", "propose", "--offline", "--safe", "0x16ba000000000000000000000000000000000001", "--to",
                PAYEE.toString(), "--value", "1", "--chain-id", "138", "--safe-version", "1.4.1", "--owners",
                account(5) + "," + account(6), "--threshold", "2", "--nonce", "0", "--out", req.toString());
        assertEquals(0, p.code(), p.toString());
        for (List<String> command : List.of(List.of("safe", "sign", req.toString(), "--signer", PolicyTestbed.signer(5), "--path",
                PolicyTestbed.path(5).toString()), List.of("safe", "exec", req.toString(), "--signer", PolicyTestbed.signer(5), "--path",
                PolicyTestbed.path(5).toString()), List.of("safe", "calldata", req.toString()))) {
            CliRunner.Result r = cli.run(command.toArray(String[]::new));
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("the request is for Defi Oracle Meta Mainnet (138) but the node at --rpc is on Local anvil (31337)"),
                    r.err());
            assertFalse(r.err().contains("returned no data"), r.err());
        }
    }

    @Test
    void anUnfundedExecutorIsNamedWithItsShortfallBeforeTheDeviceIsAsked() {
        CliRunner cli = cli("unfunded");
        Address safe = tb.newFundedSafe(ETH);
        Path req = tb.proposeTransfer(cli, safe, "unfunded.json", PAYEE, BigInteger.ONE);
        for (int owner : new int[] {5, 7}) {
            assertEquals(0, tb.sign(cli, req, owner).code());
        }
        Address executor = account(PolicyTestbed.OUTSIDER);
        assertEquals(BigInteger.ZERO, tb.anvil.rpc().balance(executor), "the chain says the executor holds nothing");
        CliRunner.Result r = cli.run("safe", "exec", req.toString(), "--signer", PolicyTestbed.signer(13), "--path",
                PolicyTestbed.path(13).toString());
        assertEquals(1, r.code(), r.toString());
        Matcher m = Pattern.compile("the executor " + executor + " holds 0 wei but the execution may cost (\\d+) wei \\(gas (\\d+) "
                + "× max fee (\\d+) wei/gas \\+ value 0 wei\\): short by (\\d+) wei").matcher(r.err());
        assertTrue(m.find(), r.err());
        BigInteger need = new BigInteger(m.group(2)).multiply(new BigInteger(m.group(3)));
        assertEquals(need, new BigInteger(m.group(1)));
        assertEquals(need, new BigInteger(m.group(4)), "holding 0, the shortfall is the whole cost");
        assertFalse(r.err().contains("Insufficient funds"), r.err());
        assertFalse(r.err().contains("Signing with") || r.err().contains("Confirm on your device"), "no signer was asked:\n" + r.err());
        assertTrue(tb.journal("unfunded", EntryKind.BROADCAST).isEmpty());
    }

    @Test
    void requestsWrittenWithOutTakeTheNextNoncesAndAHeldNonceIsWarnedAbout() throws Exception {
        CliRunner cli = cli("nonces");
        Address safe = tb.newFundedSafe(ETH);
        List<String> hashes = new java.util.ArrayList<>();
        List<String> nonces = new java.util.ArrayList<>();
        List<CliRunner.Result> results = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = tb.file("nonce-" + i + ".json");
            CliRunner.Result r = cli.run("safe", "propose", "--safe", safe.toString(), "--to", PAYEE.toString(), "--value",
                    Integer.toString(1000 + i), "--out", out.toString());
            assertEquals(0, r.code(), r.toString());
            nonces.add(r.json().get("nonce").asString());
            hashes.add(r.json().get("safeTxHash").asString());
            results.add(r);
        }
        assertEquals(List.of("0", "1", "2"), nonces, "each request takes the next nonce");
        for (CliRunner.Result r : results) {
            assertEquals(0, r.json().get("competing").size(), r.toString());
            assertFalse(r.err().contains("warning"), r.err());
        }
        assertTrue(Files.list(tb.dataDir("nonces").resolve("requests")).findAny().isEmpty(), "none went to the queue");

        CliRunner.Result held = cli.run("safe", "propose", "--safe", safe.toString(), "--to", PAYEE.toString(), "--value", "7",
                "--nonce", "1", "--out", tb.file("nonce-1b.json").toString());
        assertEquals(0, held.code(), held.toString());
        JsonNode competing = held.json().get("competing");
        assertEquals(1, competing.size(), held.toString());
        assertEquals(hashes.get(1), competing.get(0).get("safeTxHash").asString());
        assertEquals(tb.file("nonce-1.json").toAbsolutePath().toString(), competing.get(0).get("file").asString());
        assertTrue(held.err().contains("warning: nonce 1 is also held by pending request " + hashes.get(1)), held.err());
    }
}
