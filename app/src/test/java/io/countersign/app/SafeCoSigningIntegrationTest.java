package io.countersign.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe co-signing end to end on a real chain: a 2-of-3 Safe (official 1.4.1 artifacts) on anvil, two
 * owners co-signing through the command line with mnemonic-env signers, merged from two
 * separate files, executed, and the effect read back from the chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafeCoSigningIntegrationTest {
    /** Owners are accounts 5, 6, 7 of anvil's dev mnemonic; account 8 is an outsider. */
    static final String MNEMONIC_VAR = "OWNERS_MNEMONIC";
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final BigInteger TOKEN_SUPPLY = BigInteger.TEN.pow(15);

    Anvil anvil;
    SafeDeployment safes;
    List<Address> owners;
    Address outsider;

    @TempDir
    Path dir;

    @BeforeAll
    void chain() {
        anvil = TestChain.start();
        safes = SafeDeployment.deploy(anvil);
        owners = List.of(account(5), account(6), account(7));
        outsider = account(8);
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    static Address account(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(index), "t").address();
    }

    static Bip32Path path(int index) {
        return Bip32Path.parse("m/44'/60'/0'/0/" + index);
    }

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).env(MNEMONIC_VAR, Anvil.MNEMONIC).global("--rpc", anvil.url(), "--dev-mode", "--json");
    }

    Address newFundedSafe(BigInteger wei) {
        Address safe = safes.createSafe(owners, 2, BigInteger.valueOf(System.nanoTime()));
        anvil.send(safes.deployer(), safe, wei, new byte[0]);
        return safe;
    }

    CliRunner.Result sign(Path req, int ownerIndex) {
        return cli().run("safe", "sign", req.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", path(ownerIndex).toString());
    }

    /** Signs copies a and b by two owners, merges them, executes, and returns the merged file. */
    Path coSignAndExecute(Path proposed) throws Exception {
        Path a = dir.resolve("a-" + proposed.getFileName());
        Path b = dir.resolve("b-" + proposed.getFileName());
        Files.copy(proposed, a);
        Files.copy(proposed, b);
        CliRunner.Result s1 = sign(a, 5);
        assertEquals(0, s1.code(), s1.toString());
        assertEquals(owners.get(0).toString(), s1.json().get("signer").asText());
        CliRunner.Result s2 = sign(b, 7);
        assertEquals(0, s2.code(), s2.toString());
        Path merged = dir.resolve("merged-" + proposed.getFileName());
        CliRunner.Result m = cli().run("safe", "merge", a.toString(), b.toString(), "--out", merged.toString());
        assertEquals(0, m.code(), m.toString());
        assertEquals(2, m.json().get("signatures").size());
        CliRunner.Result exec = cli().run("safe", "exec", merged.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", path(5).toString());
        assertEquals(0, exec.code(), exec.toString());
        assertTrue(exec.json().get("success").asBoolean(), exec.toString());
        return merged;
    }

    Path propose(Address safe, String name, String... what) {
        Path out = dir.resolve(name);
        String[] args = new String[what.length + 6];
        args[0] = "safe";
        args[1] = "propose";
        args[2] = "--safe";
        args[3] = safe.toString();
        System.arraycopy(what, 0, args, 4, what.length);
        args[what.length + 4] = "--out";
        args[what.length + 5] = out.toString();
        CliRunner.Result r = cli().run(args);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.json().get("safeTxHash").asText().matches("0x[0-9a-f]{64}"), r.out());
        return out;
    }

    BigInteger tokenBalance(Address token, Address holder) {
        return SafeAbi.decodeUint(anvil.rpc().call(token, Erc20.balanceOf(holder)));
    }

    @Test
    void ethTransferCoSignedByTwoOwnersExecutes() throws Exception {
        Address safe = newFundedSafe(ETH.multiply(BigInteger.TEN));
        Address recipient = Address.parse("0x000000000000000000000000000000000000dEaD");
        BigInteger before = anvil.rpc().balance(recipient);
        Path req = propose(safe, "eth.json", "--to", recipient.toString(), "--value", ETH.toString(), "--description", "pay vendor");
        coSignAndExecute(req);
        assertEquals(before.add(ETH), anvil.rpc().balance(recipient));
        assertEquals(ETH.multiply(BigInteger.valueOf(9)), anvil.rpc().balance(safe));
        assertEquals(BigInteger.ONE, SafeState.read(anvil.rpc(), safe).nonce());
    }

    @Test
    void erc20TransferCoSignedByTwoOwnersExecutes() throws Exception {
        Address safe = newFundedSafe(BigInteger.ZERO);
        Address token = safes.deployToken();
        // Safe's test token mints 10^15 base units (0.001 TT at 18 decimals) to its deployer.
        anvil.send(safes.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, TOKEN_SUPPLY));
        Address recipient = account(9);
        Path req = propose(safe, "erc20.json", "--erc20", token.toString(), "--to", recipient.toString(), "--amount", "0.0000125");
        coSignAndExecute(req);
        assertEquals(new BigInteger("12500000000000"), tokenBalance(token, recipient));
        assertEquals(new BigInteger("987500000000000"), tokenBalance(token, safe));
        assertEquals(BigInteger.ONE, SafeState.read(anvil.rpc(), safe).nonce());
    }

    @Test
    void threeCallMultiSendCallOnlyBatchExecutes() throws Exception {
        Address safe = newFundedSafe(ETH.multiply(BigInteger.TEN));
        Address token = safes.deployToken();
        anvil.send(safes.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, TOKEN_SUPPLY));
        Address r1 = Address.parse("0x1111111111111111111111111111111111111111");
        Address r2 = Address.parse("0x2222222222222222222222222222222222222222");
        Address r3 = Address.parse("0x3333333333333333333333333333333333333333");
        Path batch = dir.resolve("batch-calls.json");
        Files.writeString(batch, "[{\"to\":\"" + r1 + "\",\"value\":\"1000000000000000000\"},"
                + "{\"to\":\"" + r2 + "\",\"value\":\"2000000000000000000\",\"data\":\"0x\"},"
                + "{\"to\":\"" + token + "\",\"value\":\"0\",\"data\":\"" + Hex.encode(Erc20.transfer(r3, BigInteger.valueOf(777))) + "\"}]");
        Path req = propose(safe, "batch.json", "--batch", batch.toString(), "--multisend", safes.multiSendCallOnly().toString());
        coSignAndExecute(req);
        assertEquals(ETH, anvil.rpc().balance(r1));
        assertEquals(ETH.shiftLeft(1), anvil.rpc().balance(r2));
        assertEquals(BigInteger.valueOf(777), tokenBalance(token, r3));
        assertEquals(ETH.multiply(BigInteger.valueOf(7)), anvil.rpc().balance(safe));
    }

    @Test
    void transactionBuilderBatchImportedCoSignedAndExecuted() throws Exception {
        Address safe = newFundedSafe(ETH.multiply(BigInteger.TEN));
        Address r1 = Address.parse("0x4444444444444444444444444444444444444444");
        Address r2 = Address.parse("0x5555555555555555555555555555555555555555");
        Path batch = dir.resolve("tx-builder.json");
        Files.writeString(batch, "{\"version\":\"1.0\",\"chainId\":\"31337\",\"meta\":{\"name\":\"Grants\",\"createdFromSafeAddress\":\""
                + safe + "\"},\"transactions\":[{\"to\":\"" + r1 + "\",\"value\":\"3000000000000000000\",\"data\":null},"
                + "{\"to\":\"" + r2 + "\",\"value\":\"4000000000000000000\",\"data\":null}]}");
        Path req = dir.resolve("imported.json");
        CliRunner.Result imported = cli().run("safe", "import", batch.toString(), "--safe", safe.toString(), "--out", req.toString(),
                "--multisend", safes.multiSendCallOnly().toString());
        assertEquals(0, imported.code(), imported.toString());
        coSignAndExecute(req);
        assertEquals(ETH.multiply(BigInteger.valueOf(3)), anvil.rpc().balance(r1));
        assertEquals(ETH.multiply(BigInteger.valueOf(4)), anvil.rpc().balance(r2));
    }

    @Test
    void oneSignatureOfTwoIsRefusedAndNothingIsBroadcast() throws Exception {
        Address safe = newFundedSafe(ETH);
        Path req = propose(safe, "one-of-two.json", "--to", owners.get(1).toString(), "--value", "1");
        assertEquals(0, sign(req, 6).code());
        byte[] signedFile = Files.readAllBytes(req);
        BigInteger executorNonce = anvil.rpc().transactionCount(owners.get(0));
        CliRunner.Result exec = cli().run("safe", "exec", req.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", path(5).toString());
        assertEquals(1, exec.code(), exec.toString());
        assertTrue(exec.err().contains("1 of 2 required signatures"), exec.err());
        assertEquals(BigInteger.ZERO, SafeState.read(anvil.rpc(), safe).nonce(), "nothing executed");
        assertEquals(executorNonce, anvil.rpc().transactionCount(owners.get(0)), "the executor sent no transaction");
        assertArrayEquals(signedFile, Files.readAllBytes(req), "request file untouched");
    }

    @Test
    void nonOwnerSignatureIsRefusedAndTheFileIsUntouched() throws Exception {
        Address safe = newFundedSafe(ETH);
        Path req = propose(safe, "non-owner.json", "--to", outsider.toString(), "--value", "1");
        byte[] before = Files.readAllBytes(req);
        CliRunner.Result r = sign(req, 8);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(outsider + ", which is not an owner"), r.err());
        assertArrayEquals(before, Files.readAllBytes(req));
    }

    @Test
    void editedValueInASignedRequestIsRefusedEverywhere() throws Exception {
        Address safe = newFundedSafe(ETH.multiply(BigInteger.TWO));
        Path req = propose(safe, "edited.json", "--to", outsider.toString(), "--value", "1000");
        assertEquals(0, sign(req, 5).code());
        assertEquals(0, sign(req, 6).code());
        String tampered = Files.readString(req).replace("\"value\" : \"1000\"", "\"value\" : \"1000000000000000000\"");
        assertTrue(!tampered.equals(Files.readString(req)), "the edit applied");
        Files.writeString(req, tampered);
        for (String[] cmd : List.of(new String[] {"safe", "hash", req.toString()},
                new String[] {"safe", "exec", req.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", path(5).toString()})) {
            CliRunner.Result r = cli().run(cmd);
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("does not match the request's fields"), r.err());
        }
        assertEquals(ETH.multiply(BigInteger.TWO), anvil.rpc().balance(safe), "nothing left the Safe");
        assertEquals(BigInteger.ZERO, SafeState.read(anvil.rpc(), safe).nonce());
        assertEquals(tampered, Files.readString(req), "file untouched");
    }

    @Test
    void requestForAnotherChainIsRefused() throws Exception {
        Address safe = newFundedSafe(ETH);
        Path req = dir.resolve("mainnet.json");
        CliRunner offline = new CliRunner(dir.resolve("data")).env(MNEMONIC_VAR, Anvil.MNEMONIC).global("--dev-mode", "--json");
        CliRunner.Result p = offline.run("safe", "propose", "--safe", safe.toString(), "--to", outsider.toString(), "--value", "1",
                "--chain-id", "1", "--safe-version", "1.4.1", "--owners", String.join(",", owners.stream().map(Address::toString).toList()),
                "--threshold", "2", "--nonce", "0", "--out", req.toString());
        assertEquals(0, p.code(), p.toString());
        byte[] before = Files.readAllBytes(req);
        CliRunner.Result r = sign(req, 5);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("is for Ethereum (1) but the node at --rpc is on Local anvil (31337)"), r.err());
        assertArrayEquals(before, Files.readAllBytes(req));
    }

    @Test
    void duplicateSignatureAndStaleNonceAreRefused() throws Exception {
        Address safe = newFundedSafe(ETH.multiply(BigInteger.TWO));
        Path req = propose(safe, "dup.json", "--to", outsider.toString(), "--value", "5");
        assertEquals(0, sign(req, 5).code());
        CliRunner.Result again = sign(req, 5);
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("has already signed"), again.err());
        coSignAndExecute(propose(safe, "first.json", "--to", outsider.toString(), "--value", "5", "--nonce", "0"));
        CliRunner.Result stale = sign(req, 6);
        assertEquals(1, stale.code(), stale.toString());
        assertTrue(stale.err().contains("nonce 0 is below Safe"), stale.err());
    }
}
