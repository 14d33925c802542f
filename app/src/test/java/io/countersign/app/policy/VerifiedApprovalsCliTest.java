package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.ETH;
import static io.countersign.app.policy.PolicyTestbed.policyYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeState;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signatures read from a request file count toward a policy's {@code approvals} tier only when
 * proven for this safeTxHash (an owner's ECDSA recovery, {@code approvedHashes} on the Safe, the
 * owner contract's {@code isValidSignature}); {@code safe calldata} is gated like
 * {@code safe exec}; online, the Safe's {@code VERSION()} must be the request's. Anvil with the
 * official Safe 1.4.1 artifacts; the chain is the oracle (an approval counted here also passes
 * the Safe's own {@code checkNSignatures} at execution).
 */
class VerifiedApprovalsCliTest {
    @TempDir
    static Path dir;

    static PolicyTestbed bed;

    /** Above 1 ETH two distinct officers must have approved. */
    static final String TWO_OFFICERS = """
              - id: eth-limits
                kind: limit
                asset: native
                perTransaction: "10"
                perDay: "100"
              - id: two-officers
                kind: tier
                level: 1
                asset: native
                above: "1"
                require: {approvals: 2}
            """;

    @BeforeAll
    static void chain() {
        bed = new PolicyTestbed(dir);
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    static JsonNode lastDecision(String name) {
        List<JournalEntry> d = bed.journal(name, EntryKind.DECISION);
        return d.getLast().payload();
    }

    /** Adds a signature entry to the request file as any editor of the file could. */
    static void addEntry(Path request, String method, Address signer, String signature) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(Files.readString(request));
        ObjectNode o = root.withArray("signatures").addObject();
        if (signer != null) {
            o.put("signer", signer.toString());
        }
        o.put("signature", signature);
        o.put("method", method);
        Files.writeString(request, m.writeValueAsString(root));
    }

    /**
     * Drops the request's own owner list (not part of the safeTxHash), so that the file reader
     * accepts a signature of a non-owner and the gate must judge it against the chain's owners.
     */
    static void withoutOwnerList(Path request) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(Files.readString(request));
        root.remove("owners");
        root.remove("threshold");
        Files.writeString(request, m.writeValueAsString(root));
    }

    static String approvedHashEntry(Address owner) {
        byte[] b = new byte[65];
        System.arraycopy(owner.bytes(), 0, b, 12, 20);
        b[64] = 1;
        return Hex.encode(b);
    }

    @Test
    void anApprovedHashCountsOnlyWhenTheSafeHasItAndForgedEntriesCountNothing() throws Exception {
        String name = "approved-hash";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.TEN));
        bed.install(cli, name, policyYaml(1, safe, TWO_OFFICERS));
        Address payee = PolicyTestbed.account(9);

        // proposed first, so it holds the Safe's next nonce and can be executed at the end
        Path real = bed.proposeTransfer(cli, safe, "real.json", payee, ETH.multiply(BigInteger.TWO));

        // forged: an approved-hash entry for owner 7 (never approved on chain), and owner 6's
        // real signature of another request, put in without its signer so the file reads
        Path other = bed.proposeTransfer(cli, safe, "other.json", payee, ETH);
        Path forged = bed.proposeTransfer(cli, safe, "forged.json", payee, ETH.multiply(BigInteger.TWO));
        SoftwareSigner six = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", PolicyTestbed.path(6), "six");
        Signature otherSig = six.signPersonalMessage(RequestFile.read(other).hashes().safeTxHash());
        withoutOwnerList(forged);
        addEntry(forged, "eth_sign", null, otherSig.normalizeV().withV(otherSig.normalizeV().v() + 4).toHex());
        addEntry(forged, "approved_hash", bed.owners.get(2), approvedHashEntry(bed.owners.get(2)));

        CliRunner.Result f = bed.sign(cli, forged, 5);
        assertEquals(0, f.code(), f.toString());
        JsonNode fd = lastDecision(name);
        assertEquals("require-approval", fd.get("decision").asString(), fd.toString());
        assertEquals(0, fd.get("approvals").get("verified").asInt(), fd.toString());
        String notes = fd.get("approvals").get("notes").toString();
        assertTrue(notes.contains("approved-hash by " + bed.owners.get(2) + " not counted") && notes.contains("approvedHashes"), notes);
        assertTrue(notes.contains("not an owner"), "the eth_sign of another hash recovers to a stranger: " + notes);
        assertTrue(f.err().contains("approved-hash by " + bed.owners.get(2) + " not counted"), f.err());

        // real: owner 6 calls approveHash(safeTxHash) on the Safe
        byte[] safeTxHash = RequestFile.read(real).hashes().safeTxHash();
        addEntry(real, "approved_hash", bed.owners.get(1), approvedHashEntry(bed.owners.get(1)));
        CliRunner.Result before = cli.run("policy", "check", real.toString());
        assertEquals("require-approval", before.json().get("decision").asString(), "not yet approved on chain: " + before);
        assertTrue(before.err().contains("approved-hash by " + bed.owners.get(1) + " not counted"), before.err());

        bed.anvil.send(bed.owners.get(1), safe, BigInteger.ZERO, SafeAbi.approveHash(safeTxHash));
        CliRunner.Result check = cli.run("policy", "check", real.toString());
        assertEquals(0, check.code(), check.toString());
        assertEquals("allow", check.json().get("decision").asString());

        CliRunner.Result s = bed.sign(cli, real, 5);
        assertEquals(0, s.code(), s.toString());
        JsonNode rd = lastDecision(name);
        assertEquals("allow", rd.get("decision").asString(), rd.toString());
        assertEquals(List.of(bed.owners.get(1).toString()), List.of(rd.get("approvals").get("counted").get(0).asString()));

        // offline the same entry cannot be checked: counted as 0, with the note
        CliRunner offline = bed.cli(name).global("--offline");
        CliRunner.Result off = offline.run("policy", "check", real.toString());
        assertTrue(off.err().contains("approved-hash by " + bed.owners.get(1) + " not verified: offline"), off.toString());

        // and the Safe agrees: owner 5's signature and the approved hash execute
        CliRunner.Result e = bed.exec(cli, real);
        assertEquals(0, e.code(), e.toString());
        assertTrue(e.json().get("success").asBoolean(), e.toString());
    }

    @Test
    void anEip1271SignatureOfANestedSafeOwnerIsCheckedOnChain() throws Exception {
        String name = "nested";
        CliRunner cli = bed.cli(name);
        Address eight = PolicyTestbed.account(8);
        Address nested = bed.safes.createSafe(List.of(eight), 1, BigInteger.valueOf(System.nanoTime()));
        Address safe = bed.safes.createSafe(List.of(bed.owners.get(0), nested, bed.owners.get(2)), 2,
                BigInteger.valueOf(System.nanoTime()));
        bed.anvil.send(bed.safes.deployer(), safe, ETH.multiply(BigInteger.TEN), new byte[0]);
        bed.install(cli, name, policyYaml(1, safe, TWO_OFFICERS));
        Path req = bed.proposeTransfer(cli, safe, "nested.json", PolicyTestbed.account(9), ETH.multiply(BigInteger.TWO));
        var request = RequestFile.read(req);

        // the pre-image the outer Safe passes to isValidSignature, and the nested Safe's message
        // hash of it, both computed by the contracts on chain
        byte[] preimage = new byte[66];
        preimage[0] = 0x19;
        preimage[1] = 0x01;
        System.arraycopy(request.hashes().domainHash(), 0, preimage, 2, 32);
        System.arraycopy(request.hashes().messageHash(), 0, preimage, 34, 32);
        byte[] messageHash = bed.anvil.rpc().call(bed.safes.fallbackHandler(), Hex.decode(FunctionEncoder.encode(new Function(
                "getMessageHashForSafe", List.of(new org.web3j.abi.datatypes.Address(nested.toLowerHex()), new DynamicBytes(preimage)),
                List.of())), "call"));
        SoftwareSigner eightKey = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", PolicyTestbed.path(8), "eight");
        Signature inner = eightKey.signPersonalMessage(messageHash).normalizeV();
        String good = inner.withV(inner.v() + 4).toHex();
        byte[] tampered = Hex.decode(good, "sig");
        tampered[40] ^= 1;

        Path bad = dir.resolve("nested-bad.json");
        Files.copy(req, bad);
        addEntry(bad, "contract", nested, Hex.encode(tampered));
        CliRunner.Result b = cli.run("policy", "check", bad.toString());
        assertEquals("require-approval", b.json().get("decision").asString(), b.toString());
        assertTrue(b.err().contains("EIP-1271 signature by " + nested + " not counted"), b.err());

        addEntry(req, "contract", nested, good);
        CliRunner.Result check = cli.run("policy", "check", req.toString());
        assertEquals(0, check.code(), check.toString());
        assertEquals("allow", check.json().get("decision").asString());
        CliRunner.Result s = bed.sign(cli, req, 5);
        assertEquals(0, s.code(), s.toString());
        assertEquals(nested.toString(), lastDecision(name).get("approvals").get("counted").get(0).asString());

        // calldata goes through the gate (journalled), and the Safe accepts the contract signature
        CliRunner.Result data = cli.run("safe", "calldata", req.toString());
        assertEquals(0, data.code(), data.toString());
        assertEquals("calldata", lastDecision(name).get("step").asString());
        CliRunner.Result e = bed.exec(cli, req);
        assertEquals(0, e.code(), e.toString());
        assertTrue(e.json().get("success").asBoolean(), e.toString());
    }

    @Test
    void calldataIsDeniedLikeExecutionAndWritesNoCalldata() {
        CliRunner lax = bed.cli("calldata-lax");
        CliRunner strict = bed.cli("calldata-strict");
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.TEN));
        bed.install(lax, "calldata-lax", policyYaml(1, safe, TWO_OFFICERS));
        bed.install(strict, "calldata-strict", policyYaml(1, safe, PolicyGateCliTest.DAY_LIMIT_RULES));
        Path req = bed.proposeTransfer(lax, safe, "nine.json", PolicyTestbed.account(9), ETH.multiply(BigInteger.valueOf(9)));
        for (int owner : new int[] {5, 7}) {
            assertEquals(0, bed.sign(lax, req, owner).code());
        }
        CliRunner.Result r = strict.run("safe", "calldata", req.toString());
        assertEquals(3, r.code(), r.toString());
        assertFalse(r.out().contains("0x6a761202"), "no calldata on stdout: " + r.out());
        JsonNode d = lastDecision("calldata-strict");
        assertEquals("calldata", d.get("step").asString());
        assertEquals("deny", d.get("decision").asString());
        assertEquals(0, lax.run("safe", "calldata", req.toString()).code(), "the lax workstation allows it");
    }

    @Test
    void onlineARequestForAnotherSafeVersionIsRefusedNamingBoth() throws Exception {
        String name = "version";
        CliRunner cli = bed.cli(name);
        Address safe = bed.newFundedSafe(ETH.multiply(BigInteger.TEN));
        bed.install(cli, name, policyYaml(1, safe, TWO_OFFICERS));
        String owners = bed.owners.get(0) + "," + bed.owners.get(1) + "," + bed.owners.get(2);
        Path req = dir.resolve("v130.json");
        CliRunner.Result p = cli.run("safe", "propose", "--offline", "--safe", safe.toString(), "--to",
                PolicyTestbed.account(9).toString(), "--value", "1000", "--chain-id", "31337", "--safe-version", "1.3.0",
                "--owners", owners, "--threshold", "2", "--nonce", "0", "--out", req.toString());
        assertEquals(0, p.code(), p.toString());
        byte[] before = Files.readAllBytes(req);
        int decisions = bed.journal(name, EntryKind.DECISION).size();

        CliRunner.Result s = bed.sign(cli, req, 5);
        assertEquals(1, s.code(), s.toString());
        assertTrue(s.err().contains("1.3.0") && s.err().contains("VERSION() 1.4.1") && s.err().contains("nothing was signed"), s.err());
        assertEquals(decisions, bed.journal(name, EntryKind.DECISION).size(), "refused before the policy decision");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(req)), "request file untouched");

        for (String[] cmd : new String[][] {{"policy", "check", req.toString()}, {"safe", "calldata", req.toString()}}) {
            CliRunner.Result r = cli.run(cmd);
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("1.3.0") && r.err().contains("VERSION() 1.4.1"), r.err());
        }
        // offline the same request signs (the version cannot be read there)
        CliRunner.Result off = cli.run("safe", "sign", req.toString(), "--offline", "--signer", PolicyTestbed.signer(5), "--path",
                PolicyTestbed.path(5).toString());
        assertEquals(0, off.code(), off.toString());
        CliRunner.Result e = bed.exec(cli, req);
        assertEquals(1, e.code(), e.toString());
        assertTrue(e.err().contains("VERSION() 1.4.1") && e.err().contains("nothing was broadcast"), e.err());
        assertEquals(BigInteger.ZERO, SafeState.read(bed.anvil.rpc(), safe).nonce());
    }
}
