package io.countersign.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.Selectors;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTx;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code safe simulate} and the gate's cross-check of simulated movements (docs/simulation.md), on
 * anvil with Safe 1.4.1 and Safe's test ERC-20 from the official artifacts, through the real
 * command line. Expected movements are the request's own numbers; where a figure only the chain
 * knows is compared (a refund), the request is then executed for real and the chain's balance is
 * the oracle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationCliTest {
    /**
     * A contract that pulls tokens through an allowance, hand-assembled (no compiler in the build):
     *
     * <pre>
     * // pull(address token, address from, address to, uint256 amount), selector not checked:
     * // if (amount == 0) return; IERC20(token).transferFrom(from, to, amount) or revert
     * 60 64 35          CALLDATALOAD(0x64)            amount
     * 80 15 60 3b 57    DUP1 ISZERO PUSH1 stop JUMPI
     * 63 23b872dd 60 e0 1b 60 00 52    MSTORE(0, transferFrom selector << 224)
     * 60 24 35 60 04 52                MSTORE(0x04, from)
     * 60 44 35 60 24 52                MSTORE(0x24, to)
     * 60 44 52                         MSTORE(0x44, amount)
     * 60 20 60 00 60 64 60 00 60 00 60 04 35 5a f1   CALL(gas, token, 0, 0, 0x64, 0, 0x20)
     * 60 39 57 60 00 60 00 fd          JUMPI ok, else REVERT(0, 0)
     * 5b 00  (ok)   5b 00  (stop)
     * </pre>
     * preceded by the init code {@code 60 3d 80 60 0b 60 00 39 60 00 f3} (copy 61 bytes, return them).
     */
    static final String PULLER_CREATION = "603d80600b6000396000f3"
            + "6064358015603b576323b872dd60e01b600052602435600452604435602452604452602060006064600060006004355af1"
            + "60395760006000fd5b005b00";

    @TempDir
    Path dir;

    PolicyTestbed bed;
    Address token;
    Address payee = PolicyTestbed.account(20);
    Address payee2 = PolicyTestbed.account(21);
    Address payee3 = PolicyTestbed.account(22);

    @BeforeAll
    void start(@TempDir Path shared) {
        bed = new PolicyTestbed(shared);
        token = bed.safes.deployToken();
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    /** A 2-of-3 Safe holding 10 ETH and 1,000,000 base units of the token. */
    Address fundedSafe() {
        Address safe = bed.newFundedSafe(BigInteger.TEN.pow(19));
        bed.anvil.send(bed.safes.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, BigInteger.valueOf(1_000_000)));
        return safe;
    }

    CliRunner cli(String name) {
        return bed.cli(name);
    }

    Path propose(CliRunner cli, Address safe, String name, Address to, BigInteger value, byte[] data) {
        Path out = dir.resolve(name);
        CliRunner.Result r = cli.run("safe", "propose", "--safe", safe.toString(), "--to", to.toString(), "--value",
                value.toString(), "--data", Hex.encode(data), "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    static List<String> transfers(JsonNode sim) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : sim.get("transfers")) {
            out.add(t.get("asset").asString() + " " + t.get("from").asString() + " -> " + t.get("to").asString() + " "
                    + t.get("amount").asString());
        }
        return out;
    }

    JsonNode simulate(CliRunner cli, Path req, String... via) {
        List<String> args = new ArrayList<>(List.of("safe", "simulate", req.toString()));
        if (via.length > 0) {
            args.addAll(List.of("--via", via[0]));
        }
        CliRunner.Result r = cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return r.json();
    }

    @Test
    void erc20TransferListsExactlyItsTransferByEveryMethodThatSeesMovements() {
        CliRunner cli = cli("erc20");
        Address safe = fundedSafe();
        Path req = propose(cli, safe, "erc20.json", token, BigInteger.ZERO, Erc20.transfer(payee, BigInteger.valueOf(1234)));
        for (String via : List.of("eth_simulateV1", "debug_traceCall")) {
            JsonNode sim = simulate(cli, req, via);
            assertEquals(via, sim.get("method").asString());
            assertTrue(sim.get("success").asBoolean(), sim.toString());
            assertTrue(sim.get("revertReason").isNull());
            assertEquals(List.of(token + " " + safe + " -> " + payee + " 1234"), transfers(sim), via);
            assertEquals(0, sim.get("approvals").size());
            assertEquals(0, sim.get("safeChanges").size());
            assertTrue(new BigInteger(sim.get("gasUsed").asString()).signum() > 0);
            assertEquals(bed.anvil.rpc().client().call("eth_blockNumber").asString(),
                    "0x" + new BigInteger(sim.get("block").asString()).toString(16));
        }
        JsonNode plain = simulate(cli, req, "eth_call");
        assertTrue(plain.get("success").asBoolean(), plain.toString());
        assertFalse(plain.get("movementsSeen").asBoolean());
        assertTrue(plain.get("gasUsed").isNull());
        assertEquals(0, plain.get("transfers").size());
        // the default is the first method anvil offers
        assertEquals("eth_simulateV1", simulate(cli, req).get("method").asString());
        // journalled
        assertEquals(4, bed.journal("erc20", EntryKind.SIMULATION).size());
    }

    @Test
    void threeLegMultiSendListsExactlyItsThreeMovementsInOrder() throws IOException {
        CliRunner cli = cli("batch");
        Address safe = fundedSafe();
        Path batch = dir.resolve("legs.json");
        Files.writeString(batch, """
                [{"to": "%s", "value": "1000", "data": "0x"},
                 {"to": "%s", "value": "0", "data": "%s"},
                 {"to": "%s", "value": "3000", "data": "0x"}]
                """.formatted(payee, token, Hex.encode(Erc20.transfer(payee2, BigInteger.valueOf(2000))), payee3));
        Path req = dir.resolve("batch.json");
        CliRunner.Result p = cli.run("safe", "propose", "--safe", safe.toString(), "--batch", batch.toString(),
                "--multisend", bed.safes.multiSendCallOnly().toString(), "--out", req.toString());
        assertEquals(0, p.code(), p.toString());
        List<String> expected = List.of("native " + safe + " -> " + payee + " 1000",
                token + " " + safe + " -> " + payee2 + " 2000", "native " + safe + " -> " + payee3 + " 3000");
        for (String via : List.of("eth_simulateV1", "debug_traceCall")) {
            JsonNode sim = simulate(cli, req, via);
            assertTrue(sim.get("success").asBoolean(), sim.toString());
            assertEquals(expected, transfers(sim), via);
        }
    }

    @Test
    void tokenGasRefundAppearsAsTransferToTheRefundReceiverAndMatchesTheChain() {
        CliRunner cli = cli("refund");
        Address safe = fundedSafe();
        Address receiver = PolicyTestbed.account(23);
        SafeRequest proposed = RequestFile.read(propose(cli, safe, "plain.json", payee, BigInteger.valueOf(5), new byte[0]));
        SafeTx t = proposed.tx();
        SafeTx withRefund = new SafeTx(t.to(), t.value(), t.data(), t.operation(), BigInteger.valueOf(60_000),
                BigInteger.valueOf(40_000), BigInteger.ONE, token, receiver, t.nonce());
        Path req = dir.resolve("refund.json");
        RequestFile.write(new SafeRequest(proposed.chainId(), safe, proposed.safeVersion(), withRefund, proposed.owners(),
                proposed.threshold(), List.of(), proposed.meta()), req);
        JsonNode sim = simulate(cli, req);
        assertTrue(sim.get("success").asBoolean(), sim.toString());
        List<String> ts = transfers(sim);
        assertEquals(2, ts.size(), ts.toString());
        assertEquals("native " + safe + " -> " + payee + " 5", ts.get(0));
        assertTrue(ts.get(1).startsWith(token + " " + safe + " -> " + receiver + " "), ts.toString());
        BigInteger simulated = new BigInteger(sim.get("transfers").get(1).get("amount").asString());
        assertTrue(simulated.compareTo(BigInteger.valueOf(40_000)) > 0, "refund covers baseGas and the gas used: " + simulated);

        // the chain is the oracle: execute it for real with the same kind of signatures (owners 5 and 6 approve
        // the hash on chain; owner 5 executes), then read what the receiver got
        Address o5 = PolicyTestbed.account(5);
        Address o6 = PolicyTestbed.account(6);
        byte[] hash = RequestFile.read(req).hashes().safeTxHash();
        bed.anvil.send(o6, safe, BigInteger.ZERO, io.countersign.multisig.SafeAbi.approveHash(hash));
        List<Address> approvers = new ArrayList<>(List.of(o5, o6));
        approvers.sort(java.util.Comparator.comparing(Address::toLowerHex));
        byte[] sigs = new byte[130];
        for (int i = 0; i < 2; i++) {
            System.arraycopy(approvers.get(i).bytes(), 0, sigs, 65 * i + 12, 20);
            sigs[65 * i + 64] = 1;
        }
        bed.anvil.send(o5, safe, BigInteger.ZERO, io.countersign.multisig.SafeAbi.execTransaction(withRefund, sigs));
        byte[] balance = bed.anvil.rpc().call(token, Erc20.balanceOf(receiver));
        assertEquals(new BigInteger(1, balance), simulated);
    }

    @Test
    void revertingCallFailsWithItsReasonAndTheGateDeniesIt() {
        CliRunner cli = cli("revert");
        Address safe = fundedSafe();
        bed.install(cli, "p", PolicyTestbed.policyYaml(1, safe, """
                  - {id: token-limit, kind: limit, asset: "%s", perTransaction: "100000000 base"}
                  - {id: payees, kind: recipient-allow, recipients: ["%s"]}
                """.formatted(token, payee)));
        Path req = propose(cli, safe, "too-much.json", token, BigInteger.ZERO, Erc20.transfer(payee, BigInteger.valueOf(5_000_000)));
        for (String via : List.of("eth_simulateV1", "debug_traceCall")) {
            JsonNode sim = simulate(cli, req, via);
            assertFalse(sim.get("success").asBoolean(), sim.toString());
            assertTrue(sim.get("revertReason").asString().contains("transfer amount exceeds balance"), sim.toString());
            assertEquals(0, sim.get("transfers").size(), sim.toString());
        }
        byte[] before = PolicyTestbed.bytes(req);
        CliRunner.Result s = bed.sign(cli, req, 5);
        assertEquals(3, s.code(), s.toString());
        assertTrue(s.err().contains("[simulation] DENY") && s.err().contains("transfer amount exceeds balance"), s.toString());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, PolicyTestbed.bytes(req));
        // the same request within the balance is allowed: the denial came from the simulation
        Path ok = propose(cli, safe, "fits.json", token, BigInteger.ZERO, Erc20.transfer(payee, BigInteger.valueOf(5_000)));
        CliRunner.Result fine = bed.sign(cli, ok, 5);
        assertEquals(0, fine.code(), fine.toString());
    }

    @Test
    void ownerChangeIsReportedInSafeChanges() {
        CliRunner cli = cli("owner");
        Address safe = fundedSafe();
        Address newOwner = PolicyTestbed.account(24);
        byte[] data = Hex.decode(Selectors.of("addOwnerWithThreshold(address,uint256)") + "000000000000000000000000"
                + newOwner.toLowerHex().substring(2) + "0000000000000000000000000000000000000000000000000000000000000002", "data");
        Path req = propose(cli, safe, "owner.json", safe, BigInteger.ZERO, data);
        JsonNode sim = simulate(cli, req);
        assertTrue(sim.get("success").asBoolean(), sim.toString());
        assertEquals(1, sim.get("safeChanges").size(), sim.toString());
        assertEquals("ownerAdded", sim.get("safeChanges").get(0).get("change").asString());
        assertEquals(newOwner.toString(), sim.get("safeChanges").get(0).get("address").asString());
        // threshold 2 stays 2: the simulation does not override the threshold, so no ChangedThreshold appears
        JsonNode raised = simulate(cli, propose(cli, safe, "owner3.json", safe, BigInteger.ZERO, Hex.decode(
                Selectors.of("addOwnerWithThreshold(address,uint256)") + "000000000000000000000000"
                        + newOwner.toLowerHex().substring(2) + "0000000000000000000000000000000000000000000000000000000000000003",
                "data")));
        assertEquals(2, raised.get("safeChanges").size(), raised.toString());
        assertEquals("thresholdChanged", raised.get("safeChanges").get(1).get("change").asString());
        assertEquals("3", raised.get("safeChanges").get(1).get("threshold").asString());
    }

    @Test
    void allowListedContractThatPullsTheSafesTokensIsDeniedNamingTheTransferAndTheSameCallMovingNothingIsAllowed() {
        CliRunner cli = cli("puller");
        Address safe = fundedSafe();
        Address puller = bed.anvil.deploy(bed.safes.deployer(), Hex.decode("0x" + PULLER_CREATION, "puller"));
        Address thief = PolicyTestbed.account(OUTSIDER_INDEX);
        // an allowance the Safe gave the contract earlier (set here by impersonating the Safe)
        bed.anvil.rpc().client().call("anvil_impersonateAccount", safe.toLowerHex());
        byte[] approve = Hex.decode(Selectors.of("approve(address,uint256)") + "000000000000000000000000"
                + puller.toLowerHex().substring(2) + "00000000000000000000000000000000000000000000000000000000000f4240", "approve");
        bed.anvil.send(safe, token, BigInteger.ZERO, approve);
        bed.anvil.rpc().client().call("anvil_stopImpersonatingAccount", safe.toLowerHex());
        bed.install(cli, "p", PolicyTestbed.policyYaml(1, safe, """
                  - id: puller
                    kind: contract-allow
                    contracts:
                      - {contract: "%s", selectors: ["*"]}
                """.formatted(puller)));
        String pull = Selectors.of("pull(address,address,address,uint256)");
        Path steal = propose(cli, safe, "steal.json", puller, BigInteger.ZERO, Hex.decode(pull + word(token) + word(safe)
                + word(thief) + "00000000000000000000000000000000000000000000000000000000000003e8", "pull"));
        JsonNode sim = simulate(cli, steal);
        assertEquals(List.of(token + " " + safe + " -> " + thief + " 1000"), transfers(sim));

        CliRunner.Result denied = bed.sign(cli, steal, 5);
        assertEquals(3, denied.code(), denied.toString());
        assertTrue(denied.err().contains("[simulation] DENY: the simulation shows 1000 base units of " + token + " to " + thief
                + " leaving the Safe, which no decoded call accounts for"), denied.toString());

        Path nothing = propose(cli, safe, "nothing.json", puller, BigInteger.ZERO, Hex.decode(pull + word(token) + word(safe)
                + word(thief) + "0000000000000000000000000000000000000000000000000000000000000000", "pull"));
        CliRunner.Result allowed = bed.sign(cli, nothing, 5);
        assertEquals(0, allowed.code(), allowed.toString());
        assertTrue(allowed.err().contains("[simulation] ALLOW"), allowed.toString());
        JsonNode signed = allowed.json();
        assertEquals(0, signed.get("simulation").get("transfers").size());

        // --no-simulate: the gate sees only the contract call, which the policy allows; journalled as skipped
        CliRunner.Result blind = cli.run("safe", "sign", steal.toString(), "--no-simulate", "--signer", PolicyTestbed.signer(5),
                "--path", PolicyTestbed.path(5).toString());
        assertEquals(0, blind.code(), blind.toString());
        assertTrue(bed.journal("puller", EntryKind.SIMULATION).stream()
                .anyMatch(e -> e.payload().path("skipped").asString("").equals("--no-simulate")));
    }

    static final int OUTSIDER_INDEX = PolicyTestbed.OUTSIDER;

    static String word(Address a) {
        return "000000000000000000000000" + a.toLowerHex().substring(2);
    }

    @Test
    void aRequestSignedOfflineShowsTheOnlineSimulationItCarriesLabelledAsSuch() {
        CliRunner cli = cli("carry");
        Address safe = fundedSafe();
        bed.install(cli, "p", PolicyTestbed.policyYaml(1, safe, """
                  - {id: token-limit, kind: limit, asset: "%s", perTransaction: "100000000 base"}
                  - {id: payees, kind: recipient-allow, recipients: ["%s"]}
                """.formatted(token, payee)));
        Path req = propose(cli, safe, "carry.json", token, BigInteger.ZERO, Erc20.transfer(payee, BigInteger.valueOf(777)));
        CliRunner.Result online = bed.sign(cli, req, 5);
        assertEquals(0, online.code(), online.toString());
        JsonNode meta = RequestFile.read(req).meta().get("simulation");
        assertEquals(PolicyTestbed.account(5).toString(), meta.get("by").asString());
        assertEquals(online.json().get("simulation").get("block").asString(), meta.get("block").asString());

        CliRunner offline = new CliRunner(bed.dataDir("carry")).env(PolicyTestbed.MNEMONIC_VAR, io.countersign.eth.devchain.Anvil.MNEMONIC)
                .global("--offline", "--json");
        CliRunner.Result second = offline.run("safe", "sign", req.toString(), "--signer", PolicyTestbed.signer(7), "--path",
                PolicyTestbed.path(7).toString());
        assertEquals(0, second.code(), second.toString());
        JsonNode carried = second.json().get("carriedSimulation");
        assertFalse(carried.get("verified").asBoolean());
        assertTrue(carried.get("hashMatches").asBoolean());
        assertTrue(carried.get("label").asString().startsWith("simulated at block " + meta.get("block").asString() + " on "
                + "http://127.0.0.1:"), carried.toString());
        assertTrue(carried.get("label").asString().contains("by " + PolicyTestbed.account(5)
                + " ") && carried.get("label").asString().contains("not verified on this machine"), carried.toString());
        assertTrue(second.err().contains("What it did on chain when simulated at block"), second.toString());
        assertTrue(second.err().contains("out  777 base units of " + token + " to " + payee), second.toString());
        assertTrue(second.err().contains("[simulation] ALLOW: nothing was simulated (offline)"), second.toString());
    }
}
