package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.ETH;
import static io.countersign.app.policy.PolicyTestbed.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code safe propose --value 1.5USDC}: a token amount in token units, with the symbol of a
 * token in the installed policy's {@code tokens} table, becomes that token's
 * {@code transfer(--to, units × 10^decimals)}, computed exactly; on anvil the executed request
 * moves exactly that many base units. Too many digits after the point, a symbol the policy does
 * not list, a negative amount and a policy whose decimals contradict the token's own are each
 * refused with their reason, and no file is written.
 */
class ValueInTokenUnitsCliTest {
    static final Address PAYEE = Address.parse("0x000000000000000000000000000000000000b0b0");
    /** Not deployed on anvil: a token of the policy known only by its table entry (6 decimals). */
    static final Address USDC = Address.parse("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");

    @TempDir
    static Path dir;

    static PolicyTestbed tb;
    static Address safe;
    /** Safe's test ERC20Token ("TT", OpenZeppelin 3 ERC20: 18 decimals), 10^15 base units in the Safe. */
    static Address token;

    @BeforeAll
    static void chain() {
        tb = new PolicyTestbed(dir);
        safe = tb.newFundedSafe(ETH);
        token = tb.safes.deployToken();
        tb.anvil.send(tb.safes.deployer(), token, BigInteger.ZERO, io.countersign.eth.Erc20.transfer(safe, BigInteger.TEN.pow(15)));
        tb.install(tb.cli("main"), "tokens", policy(18));
    }

    @AfterAll
    static void stop() {
        tb.close();
    }

    static String policy(int ttDecimals) {
        return PolicyTestbed.policyYaml(1, safe, """
                  - {id: tt, kind: limit, asset: TT, perTransaction: "0.0005"}
                  - {id: usdc, kind: limit, asset: USDC, perTransaction: "100"}
                  - {id: known, kind: recipient-allow, recipients: ["%s"]}
                """.formatted(PAYEE)).replace("rules:\n", """
                tokens:
                  - {address: "%s", symbol: TT, decimals: %d}
                  - {address: "%s", symbol: USDC, decimals: 6}
                rules:
                """.formatted(token, ttDecimals, USDC));
    }

    /** balanceOf(holder) read from the chain with a hand-written call (selector 0x70a08231). */
    static BigInteger balanceOf(Address holder) {
        byte[] data = Hex.decode("0x70a08231000000000000000000000000" + holder.toLowerHex().substring(2), "balanceOf");
        return new BigInteger(1, tb.anvil.rpc().call(token, data));
    }

    CliRunner.Result propose(CliRunner cli, String value, Path out, String... more) {
        String[] base = {"safe", "propose", "--safe", safe.toString(), "--to", PAYEE.toString(), "--value", value, "--out", out.toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return cli.run(all);
    }

    @Test
    void eighteenDecimalsAreExactAndTheChainMovesExactlyThoseBaseUnits() {
        CliRunner cli = tb.cli("main");
        Path req = tb.file("tt.json");
        // 18 significant digits after the point: a double would round this amount
        CliRunner.Result p = propose(cli, "0.000123456789012345TT", req);
        assertEquals(0, p.code(), p.toString());
        SafeRequest r = RequestFile.read(req);
        assertEquals(token, r.tx().to(), "the call goes to the token");
        assertEquals(BigInteger.ZERO, r.tx().value());
        // transfer(0x…b0b0, 123456789012345) = 0x7048860ddf79, written out by hand
        assertEquals("0xa9059cbb000000000000000000000000000000000000000000000000000000000000b0b0"
                + "00000000000000000000000000000000000000000000000000007048860ddf79", Hex.encode(r.tx().data()));

        BigInteger safeBefore = balanceOf(safe);
        assertEquals(BigInteger.ZERO, balanceOf(PAYEE));
        tb.signTwiceAndExecute(cli, req);
        assertEquals(new BigInteger("123456789012345"), balanceOf(PAYEE), "the payee received exactly 0.000123456789012345 TT");
        assertEquals(safeBefore.subtract(new BigInteger("123456789012345")), balanceOf(safe));
    }

    @Test
    void tokenUnitsOfASixDecimalTokenOfflineAndCaseInsensitively() {
        CliRunner cli = tb.cli("offline");
        tb.install(cli, "offline", policy(18));
        for (String value : new String[] {"1.5USDC", "1.5 usdc", "1.500000USDC"}) {
            Path req = tb.file("usdc-" + value.replace(' ', '_') + ".json");
            CliRunner.Result p = cli.run("--offline", "safe", "propose", "--safe", safe.toString(), "--to", PAYEE.toString(),
                    "--value", value, "--chain-id", "31337", "--safe-version", "1.4.1", "--owners",
                    account(5) + "," + account(6) + "," + account(7), "--threshold", "2", "--nonce", "40", "--out", req.toString());
            assertEquals(0, p.code(), value + ": " + p);
            SafeRequest r = RequestFile.read(req);
            assertEquals(USDC, r.tx().to());
            // 1.5 USDC = 1,500,000 base units = 0x16e360
            assertEquals("0xa9059cbb000000000000000000000000000000000000000000000000000000000000b0b0"
                    + "000000000000000000000000000000000000000000000000000000000016e360", Hex.encode(r.tx().data()), value);
        }
    }

    @Test
    void refusalsNameWhatIsWrongAndWriteNoFile() throws Exception {
        CliRunner cli = tb.cli("main");
        String[][] cases = {
            {"1.0000001USDC", "--value 1.0000001USDC has 7 digits after the point but USDC has 6 decimals: its smallest amount is 0.000001 USDC"},
            {"0.0000000000000000001TT", "has 19 digits after the point but TT has 18 decimals"},
            {"1.5XYZ", "'XYZ' is neither a native unit (ether, gwei, wei) nor a token of the policy in force (the policy's tokens are TT, USDC)"},
            {"-1.5USDC", "an amount cannot be negative"},
            {"-1", "an amount cannot be negative"},
            {"1.5", "says no unit"},
        };
        for (String[] c : cases) {
            Path out = tb.file("refused-" + Math.abs(c[0].hashCode()) + ".json");
            CliRunner.Result r = propose(cli, c[0], out);
            assertEquals(2, r.code(), c[0] + ": " + r);
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(out), "no file for " + c[0]);
        }
        CliRunner.Result withData = propose(cli, "1USDC", tb.file("with-data.json"), "--data", "0x1234");
        assertEquals(2, withData.code(), withData.toString());
        assertTrue(withData.err().contains("is a token amount: the request is the token's transfer(--to, amount), so give no --data"),
                withData.err());
    }

    @Test
    void withoutAPolicyNoSymbolIsKnown() {
        CliRunner cli = tb.cli("no-policy").global("--dev-mode");
        Path out = tb.file("no-policy.json");
        CliRunner.Result r = propose(cli, "1.5USDC", out);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("no policy with a tokens table is installed, so no token symbol is known); for another token give "
                + "--erc20 TOKEN_ADDRESS --amount 1.5 --to RECIPIENT"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aPolicyWhoseDecimalsContradictTheTokenIsRefusedOnline() {
        CliRunner cli = tb.cli("wrong-decimals");
        tb.install(cli, "wrong-decimals", policy(6));
        Path out = tb.file("wrong-decimals.json");
        CliRunner.Result r = propose(cli, "1.5TT", out);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("the policy says TT (" + token + ") has 6 decimals but the token answers decimals() = 18: "
                + "amounts would be off by 10^12; fix the policy's tokens table"), r.err());
        assertFalse(Files.exists(out));
    }
}
