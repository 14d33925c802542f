package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.ETH;
import static io.countersign.app.policy.PolicyTestbed.policyYaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeState;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The policy gate (docs/policy.md) through the real command line on anvil, with a signed policy (written here
 * as YAML, signed by two of three admins with `policy sign`, installed with `policy install`)
 * and no --dev-mode: limits per transaction and per rolling day counted from the journal,
 * a timelock tier, an approvals tier on a 2-of-3 Safe, and the fail-closed paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyGateCliTest {
    static final Address PAYEE = Address.parse("0x000000000000000000000000000000000000b0b0");
    static final String NINE_ETH = "9000000000000000000";
    static final String EIGHT_ETH = "8000000000000000000";

    /** 10 ETH per transaction, 8 ETH per rolling day: a 9 ETH transfer passes the first and fails the second. */
    static final String DAY_LIMIT_RULES = """
              - id: eth-limits
                kind: limit
                asset: native
                perTransaction: "10"
                perDay: "8"
            """;

    @TempDir
    static Path dir;

    PolicyTestbed bed;

    @BeforeAll
    void chain() {
        bed = new PolicyTestbed(dir);
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    static JsonNode lastDecision(List<JournalEntry> decisions) {
        return decisions.getLast().payload();
    }

    @Test
    void transferOverTheDayLimitExitsThreeWithTheReasonAddsNoSignatureAndJournalsTheDenial() {
        String name = "day-limit";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.valueOf(20)));
        bed.install(cli, name, policyYaml(1, safe, DAY_LIMIT_RULES));
        Path req = bed.proposeTransfer(cli, safe, "over-day.json", PAYEE, ETH.multiply(BigInteger.valueOf(9)));
        byte[] before = PolicyTestbed.bytes(req);

        CliRunner.Result r = bed.sign(cli, req, 5);

        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("[eth-limits] DENY") && r.err().contains(NINE_ETH + " exceeds the limit of " + EIGHT_ETH),
                "rule id and both numbers:\n" + r.err());
        assertTrue(r.err().contains("24 h"), "says which limit:\n" + r.err());
        assertArrayEquals(before, PolicyTestbed.bytes(req), "the request file is byte for byte unchanged");
        assertEquals(0, RequestFile.read(req).signatures().size());
        JsonNode decision = lastDecision(bed.journal(name, EntryKind.DECISION));
        assertEquals("deny", decision.get("decision").asString());
        assertEquals(RequestFile.read(req).hashes().safeTxHashHex(), decision.get("safeTxHash").asString());
        assertTrue(decision.get("reasons").toString().contains(NINE_ETH), decision.toString());
        assertTrue(bed.journal(name, EntryKind.SIGNATURE).stream().noneMatch(e -> e.payload().has("safeTxHash")
                && e.payload().get("safeTxHash").asString().equals(decision.get("safeTxHash").asString())), "no SIGNATURE entry");
    }

    @Test
    void safeSignNamesTheRecipientFromThePolicysAddressBookBeforeTheDeviceIsAsked() {
        String name = "address-book";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.valueOf(20)));
        bed.install(cli, name, policyYaml(1, safe, DAY_LIMIT_RULES)
                + "addressBook:\n  - {address: \"" + PAYEE + "\", label: Payroll}\n");
        Path req = bed.proposeTransfer(cli, safe, "named.json", PAYEE, ETH);

        CliRunner.Result r = bed.sign(cli, req, 5);

        assertEquals(0, r.code(), r.toString());
        String err = r.err();
        int named = err.indexOf("to Payroll (");
        assertTrue(named >= 0, "the decoded call names the address book's label, as policy check and the console do:\n" + err);
        int prompt = err.indexOf("Signing with");
        assertTrue(prompt < 0 || named < prompt, "named before the signer is asked:\n" + err);
    }

    @Test
    void spendAccumulatesAcrossRequestsFromTheJournal() {
        String name = "accumulate";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.valueOf(20)));
        bed.install(cli, name, policyYaml(1, safe, DAY_LIMIT_RULES));
        Address payee = Address.parse("0x00000000000000000000000000000000000acc01");

        // 5 ETH, signed by one officer: journalled with its spend
        Path first = bed.proposeTransfer(cli, safe, "acc-5.json", payee, ETH.multiply(BigInteger.valueOf(5)), "--nonce", "0");
        CliRunner.Result signed = bed.sign(cli, first, 5);
        assertEquals(0, signed.code(), signed.toString());

        // 4 ETH fits the 10 ETH per-transaction limit, but 5 + 4 = 9 ETH in 24 h exceeds 8
        Path second = bed.proposeTransfer(cli, safe, "acc-4.json", payee, ETH.multiply(BigInteger.valueOf(4)), "--nonce", "1");
        byte[] before = PolicyTestbed.bytes(second);
        CliRunner.Result denied = bed.sign(cli, second, 5);
        assertEquals(3, denied.code(), denied.toString());
        assertTrue(denied.err().contains("[eth-limits] DENY") && denied.err().contains(NINE_ETH + " exceeds the limit of " + EIGHT_ETH),
                denied.err());
        assertTrue(!denied.err().contains("4000000000000000000 exceeds"), "the per-transaction limit is not what failed:\n" + denied.err());
        assertArrayEquals(before, PolicyTestbed.bytes(second));

        // 3 ETH brings the day to exactly 8 ETH: at the limit is allowed
        Path third = bed.proposeTransfer(cli, safe, "acc-3.json", payee, ETH.multiply(BigInteger.valueOf(3)), "--nonce", "1");
        CliRunner.Result atLimit = bed.sign(cli, third, 5);
        assertEquals(0, atLimit.code(), atLimit.toString());
        assertEquals("allow", lastDecision(bed.journal(name, EntryKind.DECISION)).get("decision").asString());
    }

    /**
     * The second officer's signature and the execution must not count the request's own spend
     * again: 5 ETH under an 8 ETH day limit is co-signed and executed. Today both are refused
     * ("10000000000000000000 exceeds the limit of 8000000000000000000") because the policy step
     * is not told which safeTxHash it is deciding, so the journal's spend for this very request
     * is added to it. Needs the session change described in PolicyStep (safeTxHash passed to the
     * gate; GatePolicyStep already excludes it when given).
     */
    @Test
    void coSigningOneRequestCountsItsSpendOnce() {
        String name = "co-sign-once";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.valueOf(20)));
        bed.install(cli, name, policyYaml(1, safe, DAY_LIMIT_RULES));
        Address payee = Address.parse("0x00000000000000000000000000000000000acc02");
        Path req = bed.proposeTransfer(cli, safe, "once-5.json", payee, ETH.multiply(BigInteger.valueOf(5)), "--nonce", "0");
        bed.signTwiceAndExecute(cli, req);
        assertEquals(ETH.multiply(BigInteger.valueOf(5)), bed.anvil.rpc().balance(payee));
        Path next = bed.proposeTransfer(cli, safe, "once-4.json", payee, ETH.multiply(BigInteger.valueOf(4)), "--nonce", "1");
        CliRunner.Result denied = bed.sign(cli, next, 5);
        assertEquals(3, denied.code(), denied.toString());
        assertTrue(denied.err().contains(NINE_ETH + " exceeds the limit of " + EIGHT_ETH), denied.err());
    }

    @Test
    void aDirectTransferAboveTheTierNeedsATimelockAndTheSameAmountScheduledWithEnoughDelayIsSigned() throws Exception {
        String name = "timelock-tier";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.valueOf(20)));
        Address timelock = bed.deployOzTimelock(600, safe);
        bed.install(cli, name, policyYaml(1, safe, """
                  - id: eth-limits
                    kind: limit
                    asset: native
                    perTransaction: "10"
                    perDay: "50"
                  - id: our-timelock
                    kind: contract-allow
                    contracts:
                      - {contract: "%s", selectors: ["*"]}
                  - id: big-eth
                    kind: tier
                    level: 1
                    asset: native
                    above: "3"
                    require: {timelockDelay: 3600}
                """.formatted(timelock)));
        BigInteger four = ETH.multiply(BigInteger.valueOf(4));

        Path direct = bed.proposeTransfer(cli, safe, "tier-direct.json", PAYEE, four, "--nonce", "0");
        byte[] before = PolicyTestbed.bytes(direct);
        CliRunner.Result r = bed.sign(cli, direct, 5);
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("require-timelock"), r.err());
        assertTrue(r.err().contains("[big-eth]") && r.err().contains("at least 3600 s"), r.err());
        assertArrayEquals(before, PolicyTestbed.bytes(direct));
        assertEquals("require-timelock", lastDecision(bed.journal(name, EntryKind.DECISION)).get("decision").asString());

        // through the timelock with too short a delay: still require-timelock
        Path shortDelay = schedule(cli, timelock, safe, four, 1800, "tier-short.json");
        CliRunner.Result tooShort = bed.sign(cli, shortDelay, 5);
        assertEquals(3, tooShort.code(), tooShort.toString());
        assertTrue(tooShort.err().contains("require-timelock") && tooShort.err().contains("1800 s"), tooShort.err());

        // the same 4 ETH scheduled with 7200 s: allowed, co-signed and executed on chain
        Path scheduled = schedule(cli, timelock, safe, four, 7200, "tier-scheduled.json");
        bed.signTwiceAndExecute(cli, scheduled);
        assertEquals("allow", lastDecision(bed.journal(name, EntryKind.DECISION)).get("decision").asString());
        String id = RequestFile.read(scheduled).meta().get("timelock").get("id").asString();
        CliRunner.Result status = cli.run("timelock", "status", "--timelock", timelock.toString(), "--id", id);
        assertEquals(0, status.code(), status.toString());
        assertEquals("waiting", status.json().get("state").asString());
    }

    private Path schedule(CliRunner cli, Address timelock, Address safe, BigInteger wei, long delay, String name) {
        Path out = bed.file(name);
        CliRunner.Result r = cli.run("timelock", "schedule", "--timelock", timelock.toString(), "--target", PAYEE.toString(),
                "--value", wei.toString(), "--data", "0x", "--delay", Long.toString(delay), "--via-safe", safe.toString(),
                "--nonce", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    @Test
    void aTierRequiringThreeOfficersLetsTwoSignButExecutesOnlyAfterTheThird() {
        String name = "approvals";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.valueOf(10)));
        bed.install(cli, name, policyYaml(1, safe, """
                  - id: eth-limits
                    kind: limit
                    asset: native
                    perTransaction: "10"
                    perDay: "100"
                  - id: three-officers
                    kind: tier
                    level: 1
                    asset: native
                    above: "1"
                    require: {approvals: 3}
                """));
        Address payee = PolicyTestbed.account(9);
        BigInteger payeeBefore = bed.anvil.rpc().balance(payee);
        Path req = bed.proposeTransfer(cli, safe, "three.json", payee, ETH.multiply(BigInteger.TWO));

        for (int owner : new int[] {5, 6}) {
            CliRunner.Result s = bed.sign(cli, req, owner);
            assertEquals(0, s.code(), s.toString());
            assertEquals("require-approval", lastDecision(bed.journal(name, EntryKind.DECISION)).get("decision").asString());
        }
        assertEquals(2, RequestFile.read(req).signatures().size(), "the Safe's threshold of 2 is met");

        CliRunner.Result early = bed.exec(cli, req);
        assertEquals(3, early.code(), early.toString());
        assertTrue(early.err().contains("require-approval") && early.err().contains("3 distinct officers"), early.err());
        assertEquals(BigInteger.ZERO, SafeState.read(bed.anvil.rpc(), safe).nonce(), "nothing executed");
        assertEquals(payeeBefore, bed.anvil.rpc().balance(payee));

        CliRunner.Result third = bed.sign(cli, req, 7);
        assertEquals(0, third.code(), third.toString());
        assertEquals("allow", lastDecision(bed.journal(name, EntryKind.DECISION)).get("decision").asString());
        CliRunner.Result done = bed.exec(cli, req);
        assertEquals(0, done.code(), done.toString());
        assertTrue(done.json().get("success").asBoolean(), done.toString());
        assertEquals(payeeBefore.add(ETH.multiply(BigInteger.TWO)), bed.anvil.rpc().balance(payee));

        // the journal of this whole flow is intact and holds the broadcast
        CliRunner.Result verify = cli.run("audit", "verify");
        assertEquals(0, verify.code(), verify.toString());
        List<JournalEntry> entries = bed.journal(name);
        assertEquals(entries.size(), verify.json().get("entries").asLong());
        assertEquals(1, bed.journal(name, EntryKind.BROADCAST).size());
        assertEquals(List.of("require-approval", "require-approval", "allow"), bed.journal(name, EntryKind.DECISION).stream()
                .filter(e -> e.payload().get("step").asString().equals("sign"))
                .map(e -> e.payload().get("decision").asString()).toList(), "the decisions of the three signatures");
        assertEquals(List.of("require-approval", "allow"), bed.journal(name, EntryKind.DECISION).stream()
                .filter(e -> e.payload().get("step").asString().equals("execute"))
                .map(e -> e.payload().get("decision").asString()).toList(), "the refused and the accepted execution");
    }

    @Test
    void withNoPolicyInstalledAndNoDevModeNothingIsSignedAndTheMessageSaysHowToInstallOne() {
        String name = "no-policy";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH);
        Path req = bed.proposeTransfer(cli, safe, "no-policy.json", PAYEE, BigInteger.ONE);
        byte[] before = PolicyTestbed.bytes(req);

        CliRunner.Result r = bed.sign(cli, req, 5);

        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("no signed policy is installed") && r.err().contains("countersign policy install FILE"), r.err());
        assertArrayEquals(before, PolicyTestbed.bytes(req));
        assertEquals("deny", lastDecision(bed.journal(name, EntryKind.DECISION)).get("decision").asString());
        assertTrue(bed.journal(name, EntryKind.SIGNATURE).isEmpty());
    }

    @Test
    void aTamperedInstalledBundleMakesSigningFailClosed() throws Exception {
        String name = "tampered-installed";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH);
        bed.install(cli, name, policyYaml(1, safe, DAY_LIMIT_RULES));
        Path req = bed.proposeTransfer(cli, safe, "tampered-installed.json", PAYEE, BigInteger.ONE);
        // a control: the intact policy allows this request
        assertEquals(0, cli.run("policy", "check", req.toString()).code());

        Path installed = bed.dataDir(name).resolve("policy").resolve("bundle.json");
        String text = Files.readString(installed);
        // one byte of the signed YAML: the day limit 8 becomes 9
        String edited = text.replace("perDay: \\\"8\\\"", "perDay: \\\"9\\\"");
        assertEquals(text.length(), edited.length());
        assertTrue(!text.equals(edited), "the edit applied");
        Files.writeString(installed, edited);
        byte[] before = PolicyTestbed.bytes(req);

        CliRunner.Result r = bed.sign(cli, req, 5);

        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("the installed policy is refused") && r.err().contains("changed after signing"), r.err());
        assertArrayEquals(before, PolicyTestbed.bytes(req));
        assertTrue(bed.journal(name, EntryKind.SIGNATURE).stream().noneMatch(e -> e.payload().has("safeTxHash")));
        CliRunner.Result show = cli.run("policy", "show");
        assertEquals(1, show.code(), show.toString());
        assertTrue(show.err().contains("changed after signing"), show.err());
    }
}
