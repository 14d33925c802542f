package io.countersign.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Hex;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.devchain.Artifacts;
import io.countersign.eth.testing.TestChain;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.devchain.SafeDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The chain and the people of the policy tests: anvil with Safe 1.4.1; officers are anvil
 * accounts 5, 6, 7 (owners of 2-of-3 Safes); policy admins are accounts 10, 11, 12 of the same
 * mnemonic (threshold 2); account 13 is an outsider. Every command goes through the real
 * command line, with no --dev-mode, each scenario in its own data folder.
 */
final class PolicyTestbed implements AutoCloseable {
    static final String MNEMONIC_VAR = "COUNTERSIGN_TEST_MNEMONIC";
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final int[] ADMINS = {10, 11, 12};
    static final int OUTSIDER = 13;

    final Anvil anvil;
    final SafeDeployment safes;
    final List<Address> owners;
    private final Path dir;

    PolicyTestbed(Path dir) {
        this.dir = dir;
        this.anvil = TestChain.start();
        this.safes = SafeDeployment.deploy(anvil);
        this.owners = List.of(account(5), account(6), account(7));
    }

    static Address account(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(index), "t").address();
    }

    static Bip32Path path(int index) {
        return Bip32Path.parse("m/44'/60'/0'/0/" + index);
    }

    static String signer(int ignoredIndex) {
        return "mnemonic-env:" + MNEMONIC_VAR;
    }

    /** The CLI on this chain with its own data folder {@code name}, enforcing (no --dev-mode), --json. */
    CliRunner cli(String name) {
        return new CliRunner(dataDir(name)).env(MNEMONIC_VAR, Anvil.MNEMONIC).global("--rpc", anvil.url(), "--json");
    }

    Path dataDir(String name) {
        return dir.resolve("data-" + name);
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** A new 2-of-3 Safe of accounts 5, 6, 7 holding {@code wei}. */
    Address newFundedSafe(BigInteger wei) {
        Address safe = safes.createSafe(owners, 2, BigInteger.valueOf(System.nanoTime()));
        if (wei.signum() > 0) {
            anvil.send(safes.deployer(), safe, wei, new byte[0]);
        }
        return safe;
    }

    /** OpenZeppelin TimelockController(minDelay, proposers, executors, admin = 0). */
    Address deployOzTimelock(long minDelay, Address proposerAndExecutor) {
        var list = new DynamicArray<>(org.web3j.abi.datatypes.Address.class,
                List.of(new org.web3j.abi.datatypes.Address(proposerAndExecutor.toLowerHex())));
        String args = FunctionEncoder.encodeConstructor(List.of(new Uint256(minDelay), list, list,
                new org.web3j.abi.datatypes.Address(Address.ZERO.toLowerHex())));
        byte[] code = anvil.artifacts().bytecode(Artifacts.OZ_TIMELOCK);
        byte[] a = Hex.decode(args, "args");
        byte[] all = Arrays.copyOf(code, code.length + a.length);
        System.arraycopy(a, 0, all, code.length, a.length);
        return anvil.deploy(safes.deployer(), all);
    }

    /**
     * A policy for one Safe on anvil, admins 10, 11, 12 with threshold 2, and {@code rules} (YAML
     * list items, indented by two spaces).
     */
    static String policyYaml(int version, Address safe, String rules) {
        StringBuilder admins = new StringBuilder();
        for (int a : ADMINS) {
            admins.append("    - \"").append(account(a)).append("\"\n");
        }
        return "version: " + version + "\n"
                + "name: Integration treasury\n"
                + "timeZone: UTC\n"
                + "admins:\n"
                + "  threshold: 2\n"
                + "  addresses:\n" + admins
                + "scope:\n"
                + "  chains: [31337]\n"
                + "  safes: [\"" + safe + "\"]\n"
                + "rules:\n" + rules;
    }

    /** Writes {@code yaml} to {@code name}.yaml and has each of {@code admins} sign it with `policy sign`; returns the bundle. */
    Path signedBundle(CliRunner cli, String name, String yaml, int... admins) {
        return signedBundle(cli, dir, name, yaml, admins);
    }

    /** As {@link #signedBundle(CliRunner, String, String, int...)}, writing into {@code dir}. */
    static Path signedBundle(CliRunner cli, Path dir, String name, String yaml, int... admins) {
        Path yamlFile = dir.resolve(name + ".yaml");
        try {
            Files.writeString(yamlFile, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path bundle = dir.resolve(name + ".yaml.bundle.json");
        for (int i = 0; i < admins.length; i++) {
            CliRunner.Result r = cli.run("policy", "sign", (i == 0 ? yamlFile : bundle).toString(),
                    "--signer", signer(admins[i]), "--path", path(admins[i]).toString());
            assertEquals(0, r.code(), r.toString());
            assertEquals(account(admins[i]).toString(), r.json().get("signer").asString());
            assertEquals(i + 1, r.json().get("signatures").asInt(), r.toString());
        }
        return bundle;
    }

    /** Signs {@code yaml} by admins 10 and 11 and installs it; asserts exit 0. */
    void install(CliRunner cli, String name, String yaml) {
        Path bundle = signedBundle(cli, name, yaml, 10, 11);
        CliRunner.Result r = cli.run("policy", "install", bundle.toString());
        assertEquals(0, r.code(), r.toString());
    }

    /** `safe propose` of a native transfer; returns the request file. */
    Path proposeTransfer(CliRunner cli, Address safe, String name, Address to, BigInteger wei, String... more) {
        Path out = file(name);
        List<String> args = new ArrayList<>(List.of("safe", "propose", "--safe", safe.toString(), "--to", to.toString(),
                "--value", wei.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        CliRunner.Result r = cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    CliRunner.Result sign(CliRunner cli, Path request, int owner) {
        return cli.run("safe", "sign", request.toString(), "--signer", signer(owner), "--path", path(owner).toString());
    }

    CliRunner.Result exec(CliRunner cli, Path request) {
        return cli.run("safe", "exec", request.toString(), "--signer", signer(5), "--path", path(5).toString());
    }

    /** Signs by owners 5 and 7 in turn (exit 0 each) and executes; asserts the Safe reported success. */
    void signTwiceAndExecute(CliRunner cli, Path request) {
        for (int owner : new int[] {5, 7}) {
            CliRunner.Result s = sign(cli, request, owner);
            assertEquals(0, s.code(), s.toString());
        }
        CliRunner.Result e = exec(cli, request);
        assertEquals(0, e.code(), e.toString());
        assertTrue(e.json().get("success").asBoolean(), e.toString());
    }

    /** Every journal entry of data folder {@code name}, oldest first (read with the journal's own reader). */
    List<JournalEntry> journal(String name) {
        try (AuditJournal j = AuditJournal.open(dataDir(name).resolve("journal.sqlite"))) {
            return j.latest(100_000).reversed();
        }
    }

    /** The journal's entries of {@code kind} in data folder {@code name}, oldest first. */
    List<JournalEntry> journal(String name, EntryKind kind) {
        return journal(name).stream().filter(e -> e.kind() == kind).toList();
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        anvil.close();
    }
}
