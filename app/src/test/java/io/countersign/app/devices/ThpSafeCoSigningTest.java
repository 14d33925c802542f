package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.hw.ledger.EmulatedSpeculos;
import io.countersign.hw.trezor.EmulatedThpTrezor;
import io.countersign.hw.trezor.proto.TrezorEip712;
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
 * End to end on anvil: a 2-of-3 Safe 1.4.1 co-signed by an emulated Ledger (speculos: TCP) and a
 * simulated Trezor Safe 7 speaking the Trezor Host Protocol ({@code trezor-emu:} UDP; the
 * {@link EmulatedThpTrezor} fixture written from the specification), then executed. The CLI finds
 * no protocol v1 on the emulator port and drives it over THP. An unpaired Safe 7 stops the CLI
 * (no code on standard input) with nothing written; after pairing once (the code the device
 * shows, typed on standard input) the CLI reuses the pairing stored in the data folder without a code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThpSafeCoSigningTest {
    static final String EXECUTOR_VAR = "EXECUTOR_MNEMONIC";
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final Address RECIPIENT = Address.parse("0x000000000000000000000000000000000000dEaD");

    Anvil anvil;
    SafeDeployment safes;
    EmulatedSpeculos ledger;
    EmulatedThpTrezor safe7;

    @TempDir
    Path dir;

    @BeforeAll
    void chainAndDevices() {
        anvil = TestChain.start();
        safes = SafeDeployment.deploy(anvil);
        ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, path(5));
        safe7 = new EmulatedThpTrezor(Anvil.MNEMONIC, 0);
    }

    @AfterAll
    void stop() {
        ledger.close();
        safe7.close();
        anvil.close();
    }

    static Bip32Path path(int index) {
        return Bip32Path.parse("m/44'/60'/0'/0/" + index);
    }

    static Address account(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(index), "t").address();
    }

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).env(EXECUTOR_VAR, Anvil.MNEMONIC).global("--rpc", anvil.url(), "--dev-mode", "--json");
    }

    @Test
    void aLedgerAndASafe7OverThpCoSignAndTheSafeExecutes() throws Exception {
        Address safe = safes.createSafe(List.of(ledger.address(), account(7), account(8)), 2, BigInteger.valueOf(System.nanoTime()));
        anvil.send(safes.deployer(), safe, ETH.multiply(BigInteger.TWO), new byte[0]);
        BigInteger before = anvil.rpc().balance(RECIPIENT);
        Path proposed = dir.resolve("pay.json");
        CliRunner.Result p = cli().run("safe", "propose", "--safe", safe.toString(), "--to", RECIPIENT.toString(), "--value", ETH.toString(),
                "--description", "vendor payment", "--out", proposed.toString());
        assertEquals(0, p.code(), p.toString());
        Path a = dir.resolve("a.json");
        Path c = dir.resolve("c.json");
        Files.copy(proposed, a);
        Files.copy(proposed, c);
        CliRunner.Result s1 = cli().run("safe", "sign", a.toString(), "--signer", "speculos:127.0.0.1:" + ledger.port(), "--path",
                path(5).toString(), "--method", "eip712");
        assertEquals(0, s1.code(), s1.toString());

        // Not paired and no terminal to ask the code at: a typed error saying what to do, nothing written.
        byte[] untouched = Files.readAllBytes(c);
        CliRunner.Result unpaired = cli().runWithStdin(ThpPairingCliTest.nothing(), "safe", "sign", c.toString(), "--signer", safe7.uri(),
                "--path", path(7).toString());
        assertEquals(5, unpaired.code(), unpaired.toString());
        assertTrue(unpaired.err().contains("not paired with this computer"), unpaired.err());
        assertArrayEquals(untouched, Files.readAllBytes(c));

        // Pair once with the code the Safe 7 shows, typed on standard input; the pairing goes to the data folder.
        CliRunner.Result paired = cli().runWithStdin(ThpPairingCliTest.typed(safe7::shownCode), "address", "--signer", safe7.uri(),
                "--path", path(7).toString());
        assertEquals(0, paired.code(), paired.toString());
        assertEquals(account(7).toString(), paired.json().get("address").asText());

        CliRunner.Result s3 = cli().runWithStdin(ThpPairingCliTest.nothing(), "safe", "sign", c.toString(), "--signer", safe7.uri(),
                "--path", path(7).toString());
        assertEquals(0, s3.code(), s3.toString());
        assertEquals(account(7).toString(), s3.json().get("signer").asText());
        assertEquals("SafeTx", safe7.app().last(TrezorEip712.EthereumSignTypedData.class).getPrimaryType(), "full EIP-712 on the Safe 7");

        Path merged = dir.resolve("merged.json");
        assertEquals(0, cli().run("safe", "merge", a.toString(), c.toString(), "--out", merged.toString()).code());
        CliRunner.Result exec = cli().run("safe", "exec", merged.toString(), "--signer", "mnemonic-env:" + EXECUTOR_VAR, "--path", path(9).toString());
        assertEquals(0, exec.code(), exec.toString());
        assertTrue(exec.json().get("success").asBoolean(), exec.toString());
        assertEquals(before.add(ETH), anvil.rpc().balance(RECIPIENT));
        assertEquals(BigInteger.ONE, SafeState.read(anvil.rpc(), safe).nonce());
    }
}
