package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.ETH;
import static io.countersign.app.policy.PolicyTestbed.account;
import static io.countersign.app.policy.PolicyTestbed.policyYaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeSignatures;
import io.countersign.multisig.SafeState;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Safe-management workflows of the command line, end to end on anvil with the official Safe
 * 1.4.1 artifacts and an installed signed policy (no --dev-mode): a rejection that replaces a
 * pending nonce, owner and threshold changes through the gate's privileged tier, and a nested
 * Safe that approves a child request with {@code approveHash}. The chain is the oracle:
 * {@code getOwners}, {@code getThreshold}, {@code nonce}, {@code approvedHashes}, balances, and
 * the Safe's own {@code checkNSignatures} reverting a voided request.
 */
class SafeAdminWorkflowsCliTest {
    @TempDir
    static Path dir;

    static PolicyTestbed bed;

    static final Address PAYEE = account(13);
    static final Address EIGHT = account(8);
    static final Address NINE = account(9);

    /**
     * Transfers to the payee only; above 1 ETH two officers; the highest tier (level 2) asks for
     * three, so a privileged change needs three approvals where a 2 ETH transfer needs two.
     */
    static final String RULES = """
              - id: eth-limits
                kind: limit
                asset: native
                perTransaction: "10"
                perDay: "100"
              - id: payees
                kind: recipient-allow
                recipients: ["%s"]
              - id: two-officers
                kind: tier
                level: 1
                asset: native
                above: "1"
                require: {approvals: 2}
              - id: owner-changes
                kind: tier
                level: 2
                asset: native
                above: "50"
                require: {approvals: 3}
            """.formatted(PAYEE);

    @BeforeAll
    static void chain() {
        bed = new PolicyTestbed(dir);
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    static SafeState chain(Address safe) {
        return SafeState.read(bed.anvil.rpc(), safe);
    }

    static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    static Path propose(CliRunner cli, Address safe, String file, String... form) {
        java.util.List<String> args = new java.util.ArrayList<>(List.of("safe", "propose", "--safe", safe.toString(),
                "--out", bed.file(file).toString()));
        args.addAll(List.of(form));
        ok(cli.run(args.toArray(String[]::new)));
        return bed.file(file);
    }

    static void signBy(CliRunner cli, Path request, int... owners) {
        for (int o : owners) {
            ok(bed.sign(cli, request, o));
        }
    }

    static void execOk(CliRunner cli, Path request) {
        CliRunner.Result e = ok(bed.exec(cli, request));
        assertTrue(e.json().get("success").asBoolean(), e.toString());
    }

    @Test
    void aRejectionReplacesAPendingNonceAndTheOriginalCanNoLongerExecute() throws Exception {
        String name = "reject";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.TEN));
        bed.install(cli, name, policyYaml(1, safe, RULES));
        BigInteger payeeBefore = bed.anvil.rpc().balance(PAYEE);

        Path pay = bed.proposeTransfer(cli, safe, "pay.json", PAYEE, ETH.multiply(BigInteger.TWO));
        signBy(cli, pay, 5, 7);
        SafeRequest signedPay = RequestFile.read(pay);
        assertEquals(BigInteger.ZERO, signedPay.tx().nonce());

        CliRunner.Result r = ok(cli.run("safe", "propose", "--safe", safe.toString(), "--reject", "--nonce", "0",
                "--out", bed.file("reject.json").toString()));
        Path reject = bed.file("reject.json");
        SafeRequest rq = RequestFile.read(reject);
        // Safe{Wallet}'s rejection: the Safe calls itself with nothing
        assertEquals(safe, rq.tx().to());
        assertEquals(BigInteger.ZERO, rq.tx().value());
        assertEquals(0, rq.tx().data().length);
        assertEquals(0, rq.tx().operation().code());
        assertEquals(BigInteger.ZERO, rq.tx().nonce());
        assertEquals("Rejection of nonce 0", rq.description());
        JsonNode competing = r.json().get("competing");
        assertEquals(1, competing.size(), r.toString());
        assertEquals(signedPay.hashes().safeTxHashHex(), competing.get(0).get("safeTxHash").asString());
        assertTrue(r.err().contains("only one of them can execute"), r.err());

        // the recipient-allow list does not name the Safe, yet the rejection pays nobody
        signBy(cli, reject, 5, 6);
        JsonNode decision = bed.journal(name, EntryKind.DECISION).getLast().payload();
        assertEquals("allow", decision.get("decision").asString(), decision.toString());
        execOk(cli, reject);
        assertEquals(BigInteger.ONE, chain(safe).nonce());

        // the original, fully signed, is void: our check refuses it, and so does the Safe itself
        CliRunner.Result e = bed.exec(cli, pay);
        assertEquals(1, e.code(), e.toString());
        assertTrue(e.err().contains("nonce 0 was already used"), e.toString());
        byte[] data = SafeAbi.execTransaction(signedPay.tx(), SafeSignatures.pack(signedPay.signatures()));
        EthException.RpcException revert = assertThrows(EthException.RpcException.class, () -> bed.anvil.rpc().client().call(
                "eth_call", Map.of("from", bed.owners.get(0).toLowerHex(), "to", safe.toLowerHex(), "data", Hex.encode(data)), "latest"));
        assertTrue(revert.getMessage().contains("GS026"), "at nonce 1 the signatures no longer match: " + revert.getMessage());
        assertEquals(payeeBefore, bed.anvil.rpc().balance(PAYEE));
        assertEquals(ETH.multiply(BigInteger.TEN), bed.anvil.rpc().balance(safe));
    }

    @Test
    void anOwnerIsAddedAndTheThresholdChangedThroughThePrivilegedTier() {
        String name = "add-owner";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH);
        bed.install(cli, name, policyYaml(1, safe, RULES));

        Path add = propose(cli, safe, "add.json", "--add-owner", EIGHT.toString(), "--threshold", "3");
        assertEquals("Add owner " + EIGHT + ", threshold 3", RequestFile.read(add).description());
        signBy(cli, add, 5, 7);
        // the Safe's threshold (2) is met, but an owner change is privileged: the highest tier wants 3
        CliRunner.Result denied = bed.exec(cli, add);
        assertEquals(3, denied.code(), denied.toString());
        assertTrue(denied.err().contains("owner-changes") && denied.err().contains("privileged"), denied.toString());
        assertEquals(List.of(bed.owners.get(0), bed.owners.get(1), bed.owners.get(2)), chain(safe).owners());

        signBy(cli, add, 6);
        execOk(cli, add);
        SafeState after = chain(safe);
        // OwnerManager.addOwnerWithThreshold puts the new owner at the head of the list
        assertEquals(List.of(EIGHT, bed.owners.get(0), bed.owners.get(1), bed.owners.get(2)), after.owners());
        assertEquals(3, after.threshold());

        Path lower = propose(cli, safe, "threshold.json", "--change-threshold", "2");
        signBy(cli, lower, 5, 8, 6);
        execOk(cli, lower);
        assertEquals(2, chain(safe).threshold());
        assertEquals(4, chain(safe).owners().size());
    }

    @Test
    void anOwnerIsSwappedAndAnotherRemovedOfflineWithThePreviousOwnerFromTheList() {
        String name = "swap-remove";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH);
        bed.install(cli, name, policyYaml(1, safe, RULES));
        Address five = bed.owners.get(0);
        Address six = bed.owners.get(1);
        Address seven = bed.owners.get(2);

        // the middle owner: its previous owner is five
        Path swap = propose(cli, safe, "swap.json", "--swap-owner", six.toString(), "--new-owner", NINE.toString());
        signBy(cli, swap, 5, 6, 7);
        execOk(cli, swap);
        assertEquals(List.of(five, NINE, seven), chain(safe).owners());
        assertEquals(2, chain(safe).threshold());

        // offline, from --owners in getOwners order: the first owner's previous is the sentinel
        CliRunner offline = bed.cli(name).global("--offline");
        CliRunner.Result r = ok(offline.run("safe", "propose", "--safe", safe.toString(), "--remove-owner", five.toString(),
                "--threshold", "1", "--chain-id", "31337", "--safe-version", "1.4.1", "--owners",
                five + "," + NINE + "," + seven, "--safe-threshold", "2", "--nonce", "1", "--out", bed.file("remove.json").toString()));
        Path remove = bed.file("remove.json");
        SafeRequest rr = RequestFile.read(remove);
        assertEquals(2, rr.threshold(), "the request carries the Safe's current threshold for counting signatures");
        assertEquals("0xf8dc5dd9" + "0".repeat(63) + "1" + "0".repeat(24) + five.toLowerHex().substring(2) + "0".repeat(63) + "1",
                Hex.encode(rr.tx().data()), r.toString());
        signBy(cli, remove, 5, 9, 7);
        execOk(cli, remove);
        assertEquals(List.of(NINE, seven), chain(safe).owners());
        assertEquals(1, chain(safe).threshold());
    }

    @Test
    void ownerChangesTheContractWouldRevertAreRefusedBeforeAFileIsWritten() {
        String name = "refused";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(BigInteger.ZERO);
        for (String[] form : new String[][] {
                {"--add-owner", bed.owners.get(1).toString()},
                {"--remove-owner", EIGHT.toString()},
                {"--add-owner", EIGHT.toString(), "--threshold", "5"},
                {"--change-threshold", "4"},
                {"--swap-owner", bed.owners.get(0).toString(), "--new-owner", safe.toString()},
                {"--swap-owner", bed.owners.get(0).toString()},
                {"--reject"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(List.of("safe", "propose", "--safe", safe.toString(),
                    "--out", bed.file("refused.json").toString()));
            args.addAll(List.of(form));
            CliRunner.Result r = cli.run(args.toArray(String[]::new));
            assertTrue(r.code() == 1 || r.code() == 2, String.join(" ", form) + ": " + r);
            assertTrue(!java.nio.file.Files.exists(bed.file("refused.json")), String.join(" ", form) + " wrote a file");
        }
    }

    @Test
    void aNestedSafeApprovesAChildRequestThatThenExecutes() {
        String name = "nested";
        CliRunner cli = bed.cli(name);
        Address parent = bed.newFundedSafe(BigInteger.ZERO);
        Address child = bed.safes.createSafe(List.of(bed.owners.get(0), parent), 2, BigInteger.valueOf(System.nanoTime()));
        bed.anvil.send(bed.safes.deployer(), child, ETH.multiply(BigInteger.TEN), new byte[0]);
        String approveHash = "approveHash(bytes32)";
        String rules = RULES + """
                  - id: nested-approvals
                    kind: contract-allow
                    contracts:
                      - {contract: "%s", selectors: ["%s"]}
                """.formatted(child, approveHash);
        String yaml = policyYaml(1, child, rules).replace("safes: [\"" + child + "\"]", "safes: [\"" + child + "\", \"" + parent + "\"]");
        bed.install(cli, name, yaml);
        BigInteger payeeBefore = bed.anvil.rpc().balance(PAYEE);

        Path req = bed.proposeTransfer(cli, child, "child.json", PAYEE, ETH.multiply(BigInteger.TWO));
        signBy(cli, req, 5);
        SafeRequest childReq = RequestFile.read(req);
        CliRunner.Result early = bed.exec(cli, req);
        assertEquals(1, early.code(), "one of two signatures: " + early);

        CliRunner.Result a = ok(cli.run("safe", "approve", req.toString(), "--via-safe", parent.toString(),
                "--out", bed.file("parent.json").toString()));
        Path parentReq = bed.file("parent.json");
        SafeRequest pr = RequestFile.read(parentReq);
        assertEquals(parent, pr.safe());
        assertEquals(child, pr.tx().to());
        assertArrayEquals(SafeAbi.approveHash(childReq.hashes().safeTxHash()), pr.tx().data());
        assertEquals(childReq.hashes().safeTxHashHex(), a.json().get("approves").asString());
        assertEquals(childReq.hashes().safeTxHashHex(), pr.meta().path("approves").path("safeTxHash").asString());

        signBy(cli, parentReq, 6, 7);
        execOk(cli, parentReq);
        byte[] approved = bed.anvil.rpc().call(child, SafeAbi.approvedHashes(parent, childReq.hashes().safeTxHash()));
        assertEquals(BigInteger.ONE, new BigInteger(1, approved));

        // calldata carries the parent's approved-hash signature: r = parent, s = 0, v = 1
        CliRunner.Result cd = ok(cli.run("safe", "calldata", req.toString()));
        String sig = "0".repeat(24) + parent.toLowerHex().substring(2) + "0".repeat(64) + "01";
        assertTrue(cd.json().get("data").asString().contains(sig), cd.toString());
        assertTrue(cd.err().contains("owner " + parent + " approved"), cd.toString());

        execOk(cli, req);
        assertEquals(payeeBefore.add(ETH.multiply(BigInteger.TWO)), bed.anvil.rpc().balance(PAYEE));
        assertEquals(ETH.multiply(BigInteger.valueOf(8)), bed.anvil.rpc().balance(child));
        JsonNode decision = bed.journal(name, EntryKind.DECISION).getLast().payload();
        assertEquals(2, decision.get("approvals").get("verified").asInt(), decision.toString());
    }

    @Test
    void anApprovalThroughASafeThatIsNotAnOwnerIsRefused() {
        String name = "not-owner";
        CliRunner cli = bed.cli(name).global("--dev-mode");
        Address safe = bed.newFundedSafe(ETH);
        Address stranger = bed.newFundedSafe(BigInteger.ZERO);
        Path req = bed.proposeTransfer(cli, safe, "stranger-child.json", PAYEE, ETH);
        CliRunner.Result r = cli.run("safe", "approve", req.toString(), "--via-safe", stranger.toString(),
                "--out", bed.file("stranger.json").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("is not an owner of Safe " + safe), r.toString());
        assertTrue(!java.nio.file.Files.exists(bed.file("stranger.json")));
    }
}
