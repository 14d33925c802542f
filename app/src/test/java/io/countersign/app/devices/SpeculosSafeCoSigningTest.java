package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Hex;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.hw.ledger.EmulatedSpeculos;
import io.countersign.hw.trezor.EmulatedTrezor;
import io.countersign.hw.trezor.proto.TrezorEip712;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.devchain.SafeDeployment;
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
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import tools.jackson.databind.JsonNode;

/**
 * Hardware co-signing end to end on a real chain: a 2-of-3 Safe 1.4.1 on anvil whose owners include two
 * emulated Ledgers (different keys), each reached through the real {@code speculos:} TCP transport.
 * One signs the SafeTx with EIP-712 full clear signing, the other with {@code --method eth_sign};
 * the two files are merged and executed by a software executor, and the effect is read from chain.
 *
 * <p>The hashes the CLI must print before the device is asked are checked against the Safe
 * contract's own {@code getTransactionHash}, {@code domainSeparator} and
 * {@code encodeTransactionData} ({@code 0x19 0x01 ‖ domainSeparator ‖ messageHash}) on the chain,
 * not against Countersign's hasher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpeculosSafeCoSigningTest {
    static final String EXECUTOR_VAR = "EXECUTOR_MNEMONIC";
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final Address RECIPIENT = Address.parse("0x000000000000000000000000000000000000dEaD");

    Anvil anvil;
    SafeDeployment safes;
    EmulatedSpeculos ledgerA;
    EmulatedSpeculos ledgerB;
    EmulatedSpeculos outsiderLedger;
    List<Address> owners;

    @TempDir
    Path dir;

    @BeforeAll
    void chainAndDevices() {
        anvil = TestChain.start();
        safes = SafeDeployment.deploy(anvil);
        ledgerA = EmulatedSpeculos.start(Anvil.MNEMONIC, path(5));
        ledgerB = EmulatedSpeculos.start(Anvil.MNEMONIC, path(6));
        outsiderLedger = EmulatedSpeculos.start(Anvil.MNEMONIC, path(8));
        owners = List.of(ledgerA.address(), ledgerB.address(), account(7));
    }

    @AfterAll
    void stop() {
        ledgerA.close();
        ledgerB.close();
        outsiderLedger.close();
        anvil.close();
    }

    static Bip32Path path(int index) {
        return Bip32Path.parse("m/44'/60'/0'/0/" + index);
    }

    static Address account(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(index), "t").address();
    }

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).env(EXECUTOR_VAR, Anvil.MNEMONIC).global("--rpc", anvil.url(), "--dev-mode", "--json", "--allow-blind");
    }

    Address newFundedSafe(BigInteger wei) {
        Address safe = safes.createSafe(owners, 2, BigInteger.valueOf(System.nanoTime()));
        anvil.send(safes.deployer(), safe, wei, new byte[0]);
        return safe;
    }

    Path propose(Address safe, String name, BigInteger value) {
        Path out = dir.resolve(name);
        CliRunner.Result r = cli().run("safe", "propose", "--safe", safe.toString(), "--to", RECIPIENT.toString(),
                "--value", value.toString(), "--description", "vendor payment", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    CliRunner.Result signOn(EmulatedSpeculos ledger, int index, Path req, String method) {
        return cli().run("safe", "sign", req.toString(), "--signer", "speculos:127.0.0.1:" + ledger.port(), "--path", path(index).toString(),
                "--method", method);
    }

    /** The three hashes as the Safe contract on the chain computes them. */
    record ChainHashes(String safeTxHash, String domainHash, String messageHash) {}

    ChainHashes chainHashes(Address safe, SafeTx tx) {
        String safeTxHash = Hex.encode(SafeAbi.decodeBytes32(anvil.rpc().call(safe, SafeAbi.getTransactionHash(tx))));
        String domain = Hex.encode(SafeAbi.decodeBytes32(anvil.rpc().call(safe, SafeAbi.noArgs("domainSeparator"))));
        Function encode = new Function("encodeTransactionData", List.of(new org.web3j.abi.datatypes.Address(tx.to().toString()),
                new Uint256(tx.value()), new DynamicBytes(tx.data()), new Uint8(tx.operation().code()), new Uint256(tx.safeTxGas()),
                new Uint256(tx.baseGas()), new Uint256(tx.gasPrice()), new org.web3j.abi.datatypes.Address(tx.gasToken().toString()),
                new org.web3j.abi.datatypes.Address(tx.refundReceiver().toString()), new Uint256(tx.nonce())),
                List.of(new TypeReference<DynamicBytes>() {}));
        byte[] returned = anvil.rpc().call(safe, Hex.decode(FunctionEncoder.encode(encode), "calldata"));
        @SuppressWarnings("rawtypes")
        List<Type> values = FunctionReturnDecoder.decode(Hex.encode(returned), encode.getOutputParameters());
        byte[] encoded = (byte[]) values.getFirst().getValue();
        assertEquals(66, encoded.length);
        assertEquals("0x1901", Hex.encode(java.util.Arrays.copyOfRange(encoded, 0, 2)));
        assertEquals(domain, Hex.encode(java.util.Arrays.copyOfRange(encoded, 2, 34)));
        return new ChainHashes(safeTxHash, domain, Hex.encode(java.util.Arrays.copyOfRange(encoded, 34, 66)));
    }

    /** Lines of stderr that carry {@code needle}, and the index of the first, or -1. */
    static int lineOf(String err, String needle) {
        List<String> lines = new ArrayList<>(List.of(err.split("\n")));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void twoEmulatedLedgersCoSignOverSpeculosAndTheSafeExecutes() throws Exception {
        Address safe = newFundedSafe(ETH.multiply(BigInteger.TEN));
        BigInteger before = anvil.rpc().balance(RECIPIENT);
        Path proposed = propose(safe, "pay.json", ETH);
        SafeTx tx = RequestFile.read(proposed).tx();
        ChainHashes expected = chainHashes(safe, tx);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.copy(proposed, a);
        Files.copy(proposed, b);

        int apdusBefore = ledgerA.apdus().size();
        CliRunner.Result s1 = signOn(ledgerA, 5, a, "eip712");
        assertEquals(0, s1.code(), s1.toString());
        assertEquals(ledgerA.address().toString(), s1.json().get("signer").asText());
        assertEquals("eip712", s1.json().get("method").asText());
        assertEquals(expected.safeTxHash(), s1.json().get("safeTxHash").asText());
        // The full hashes, and what the device will show, on stderr before the device is asked.
        String err = s1.err();
        int safeTxHashLine = lineOf(err, "safeTxHash    " + expected.safeTxHash());
        int domainLine = lineOf(err, "domain hash   " + expected.domainHash());
        int messageLine = lineOf(err, "message hash  " + expected.messageHash());
        int confirmLine = lineOf(err, "Confirm on your device: EIP-712 SafeTx for Safe " + safe);
        assertTrue(safeTxHashLine >= 0 && domainLine >= 0 && messageLine >= 0 && confirmLine >= 0, err);
        assertTrue(Math.max(safeTxHashLine, Math.max(domainLine, messageLine)) < confirmLine, "hashes come before the device prompt:\n" + err);
        String confirm = err.split("\n")[confirmLine];
        assertTrue(confirm.contains("to=" + RECIPIENT) && confirm.contains("value=" + ETH + " wei") && confirm.contains("operation=0 (CALL)")
                && confirm.contains("refundReceiver=") && confirm.contains("nonce=0"), confirm);
        // Full clear signing: struct definitions (0x1A) and values (0x1C) went over the wire, then SIGN with P2 0x01.
        List<String> sent = ledgerA.apdus().subList(apdusBefore, ledgerA.apdus().size());
        assertTrue(sent.stream().anyMatch(x -> x.startsWith("e01a")), sent.toString());
        assertTrue(sent.stream().anyMatch(x -> x.startsWith("e01c")), sent.toString());
        assertTrue(sent.getLast().startsWith("e00c0001"), "full-mode SIGN EIP-712 last: " + sent.getLast());
        assertFalse(sent.stream().anyMatch(x -> x.startsWith("e00c0000")), "never the hashed mode");
        assertTrue(sent.stream().anyMatch(x -> x.contains(Hex.encodeBare("SafeTx".getBytes()))), "the SafeTx struct is defined on the device");

        int apdusBeforeB = ledgerB.apdus().size();
        CliRunner.Result s2 = signOn(ledgerB, 6, b, "eth_sign");
        assertEquals(0, s2.code(), s2.toString());
        assertEquals(ledgerB.address().toString(), s2.json().get("signer").asText());
        assertEquals("eth_sign", s2.json().get("method").asText());
        assertTrue(s2.err().contains("Confirm on your device: message (personal_sign) of the safeTxHash " + expected.safeTxHash()), s2.err());
        List<String> sentB = ledgerB.apdus().subList(apdusBeforeB, ledgerB.apdus().size());
        assertEquals(1, sentB.size(), sentB.toString());
        assertTrue(sentB.getFirst().startsWith("e008") && sentB.getFirst().endsWith("00000020" + expected.safeTxHash().substring(2)),
                "SIGN PERSONAL MESSAGE of the 32-byte safeTxHash: " + sentB);
        // eth_sign signatures carry v + 4 (31/32) so the Safe verifies them as eth_sign.
        String sigB = s2.json().get("signature").asText();
        int v = Integer.parseInt(sigB.substring(sigB.length() - 2), 16);
        assertTrue(v == 31 || v == 32, sigB);

        Path merged = dir.resolve("merged.json");
        CliRunner.Result m = cli().run("safe", "merge", a.toString(), b.toString(), "--out", merged.toString());
        assertEquals(0, m.code(), m.toString());
        assertEquals(2, m.json().get("signatures").size());
        CliRunner.Result exec = cli().run("safe", "exec", merged.toString(), "--signer", "mnemonic-env:" + EXECUTOR_VAR, "--path", path(9).toString());
        assertEquals(0, exec.code(), exec.toString());
        assertTrue(exec.json().get("success").asBoolean(), exec.toString());

        assertEquals(before.add(ETH), anvil.rpc().balance(RECIPIENT));
        assertEquals(ETH.multiply(BigInteger.valueOf(9)), anvil.rpc().balance(safe));
        assertEquals(BigInteger.ONE, SafeState.read(anvil.rpc(), safe).nonce());
    }

    /** The third owner signs on an emulated Trezor (real {@code trezor-emu:} UDP transport) next to a Ledger. */
    @Test
    void aLedgerAndATrezorCoSignAndTheSafeExecutes() throws Exception {
        Address safe = newFundedSafe(ETH.multiply(BigInteger.TWO));
        BigInteger before = anvil.rpc().balance(RECIPIENT);
        Path proposed = propose(safe, "ledger-trezor.json", ETH);
        Path a = dir.resolve("lt-a.json");
        Path c = dir.resolve("lt-c.json");
        Files.copy(proposed, a);
        Files.copy(proposed, c);
        CliRunner.Result s1 = signOn(ledgerA, 5, a, "eip712");
        assertEquals(0, s1.code(), s1.toString());
        try (EmulatedTrezor trezor = new EmulatedTrezor(Anvil.MNEMONIC, "Safe 3")) {
            String uri = trezor.startUdp();
            CliRunner.Result s3 = cli().run("safe", "sign", c.toString(), "--signer", uri, "--path", path(7).toString());
            assertEquals(0, s3.code(), s3.toString());
            assertEquals(account(7).toString(), s3.json().get("signer").asText());
            assertEquals("SafeTx", trezor.last(TrezorEip712.EthereumSignTypedData.class).getPrimaryType(), "full EIP-712 on the Trezor");
        }
        Path merged = dir.resolve("lt-merged.json");
        assertEquals(0, cli().run("safe", "merge", a.toString(), c.toString(), "--out", merged.toString()).code());
        CliRunner.Result exec = cli().run("safe", "exec", merged.toString(), "--signer", "mnemonic-env:" + EXECUTOR_VAR, "--path", path(9).toString());
        assertEquals(0, exec.code(), exec.toString());
        assertTrue(exec.json().get("success").asBoolean(), exec.toString());
        assertEquals(before.add(ETH), anvil.rpc().balance(RECIPIENT));
        assertEquals(BigInteger.ONE, SafeState.read(anvil.rpc(), safe).nonce());
    }

    @Test
    void aDeviceHoldingAnotherKeyIsRefusedNamingBothAddresses() throws Exception {
        Address safe = newFundedSafe(ETH);
        Path req = propose(safe, "outsider.json", BigInteger.ONE);
        byte[] before = Files.readAllBytes(req);
        for (String method : List.of("eip712", "eth_sign")) {
            CliRunner.Result r = signOn(outsiderLedger, 8, req, method);
            assertEquals(1, r.code(), method + ": " + r);
            String recovered = outsiderLedger.address().toString();
            assertTrue(r.err().contains("recovers to " + recovered + ", which is not an owner"), r.err());
            for (Address owner : owners) {
                assertTrue(r.err().contains(owner.toString()), "names owner " + owner + ": " + r.err());
            }
            assertTrue(r.err().contains("nothing was written"), r.err());
            assertArrayEquals(before, Files.readAllBytes(req), "request file untouched");
        }
        CliRunner.Result journal = new CliRunner(dir.resolve("data")).run("audit", "export", "--format", "json");
        for (JsonNode e : journal.json()) {
            if ("SIGNATURE".equals(e.get("kind").asText())) {
                assertFalse(e.get("payload").toString().contains(outsiderLedger.address().toString()), "no SIGNATURE by the outsider: " + e);
            }
        }
    }
}
