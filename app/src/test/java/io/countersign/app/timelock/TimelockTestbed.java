package io.countersign.app.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Hex;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.devchain.Artifacts;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A chain for the timelock tests: anvil with Safe 1.4.1, 2-of-3 Safes of anvil accounts 5, 6, 7,
 * OpenZeppelin's TimelockController and Compound's Timelock from their official build artifacts,
 * and the command line run in-process. Encodes with web3j directly, never through the code
 * under test.
 */
@SuppressWarnings("rawtypes") // web3j's encoder API takes List<Type>
public final class TimelockTestbed implements AutoCloseable {
    public static final String MNEMONIC_VAR = "OWNERS_MNEMONIC";
    /** Two days, Compound's MINIMUM_DELAY. */
    public static final long TWO_DAYS = 172_800;
    public static final long GRACE_PERIOD = 14 * 86_400;

    public final Anvil anvil;
    public final SafeDeployment safes;
    public final List<Address> owners;
    private final Path dir;

    public TimelockTestbed(Path dir) {
        this.dir = dir;
        this.anvil = TestChain.start();
        this.safes = SafeDeployment.deploy(anvil);
        this.owners = List.of(account(5), account(6), account(7));
    }

    public static Address account(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(index), "t").address();
    }

    static Bip32Path path(int index) {
        return Bip32Path.parse("m/44'/60'/0'/0/" + index);
    }

    /** The CLI with --rpc, --dev-mode and --json against this chain. */
    public CliRunner cli() {
        return new CliRunner(dir.resolve("data")).env(MNEMONIC_VAR, Anvil.MNEMONIC).global("--rpc", anvil.url(), "--dev-mode", "--json");
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** A new 2-of-3 Safe of accounts 5, 6, 7. */
    public Address newSafe() {
        return safes.createSafe(owners, 2, BigInteger.valueOf(System.nanoTime()));
    }

    /** OpenZeppelin TimelockController(minDelay, proposers, executors, admin = 0). */
    public Address deployOz(long minDelay, List<Address> proposers, List<Address> executors) {
        String args = FunctionEncoder.encodeConstructor(List.of(new Uint256(minDelay), w3(proposers), w3(executors), w3(Address.ZERO)));
        return anvil.deploy(safes.deployer(), concat(anvil.artifacts().bytecode(Artifacts.OZ_TIMELOCK), Hex.decode(args, "args")));
    }

    /** Compound Timelock(admin_, delay_). */
    public Address deployCompound(Address admin, long delay) {
        String args = FunctionEncoder.encodeConstructor(List.of(w3(admin), new Uint256(delay)));
        return anvil.deploy(safes.deployer(), concat(anvil.artifacts().bytecode(Artifacts.COMPOUND_TIMELOCK), Hex.decode(args, "args")));
    }

    /** Safe's test ERC20Token with {@code amount} base units moved to {@code holder}. */
    public Address tokenHeldBy(Address holder, BigInteger amount) {
        Address token = safes.deployToken();
        anvil.send(safes.deployer(), token, BigInteger.ZERO, transfer(holder, amount));
        return token;
    }

    public static byte[] transfer(Address to, BigInteger amount) {
        return encode("transfer", List.of(w3(to), new Uint256(amount)));
    }

    /** The ABI-encoded arguments of transfer(to, amount), without selector (Compound with a signature). */
    public static byte[] transferArgs(Address to, BigInteger amount) {
        return Arrays.copyOfRange(transfer(to, amount), 4, 68);
    }

    public BigInteger tokenBalance(Address token, Address account) {
        return new BigInteger(1, anvil.rpc().call(token, encode("balanceOf", List.of(w3(account)))));
    }

    public long chainNow() {
        return anvil.rpc().latestTimestamp().longValueExact();
    }

    static byte[] encode(String name, List<Type> args) {
        return Hex.decode(FunctionEncoder.encode(new Function(name, args, List.of())), "calldata");
    }

    static org.web3j.abi.datatypes.Address w3(Address a) {
        return new org.web3j.abi.datatypes.Address(a.toLowerHex());
    }

    static DynamicArray<org.web3j.abi.datatypes.Address> w3(List<Address> list) {
        return new DynamicArray<>(org.web3j.abi.datatypes.Address.class, list.stream().map(TimelockTestbed::w3).toList());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Runs the CLI and asserts exit 0. */
    public CliRunner.Result ok(String... args) {
        CliRunner.Result r = cli().run(args);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    /**
     * Runs a step that must be refused: exit 1, the message on stderr, {@code out} not written.
     */
    public CliRunner.Result refused(Path out, String messagePart, String... args) {
        CliRunner.Result r = cli().run(args);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(messagePart), "expected '" + messagePart + "' in:\n" + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line:\n" + r.err());
        if (out != null) {
            assertFalse(Files.exists(out), out + " must not be written");
        }
        return r;
    }

    /** Two owners (accounts 5 and 7) sign copies of the request, merge, and account 5 executes it. */
    public void coSignAndExecute(Path request) throws Exception {
        Path a = dir.resolve("a-" + request.getFileName());
        Path b = dir.resolve("b-" + request.getFileName());
        Files.copy(request, a);
        Files.copy(request, b);
        ok("safe", "sign", a.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", path(5).toString());
        ok("safe", "sign", b.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", path(7).toString());
        Path merged = dir.resolve("merged-" + request.getFileName());
        ok("safe", "merge", a.toString(), b.toString(), "--out", merged.toString());
        CliRunner.Result exec = ok("safe", "exec", merged.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", path(5).toString());
        assertTrue(exec.json().get("success").asBoolean(), exec.toString());
    }

    /** Arguments joined: {@code args("a", "b")} reads better than new String[] at call sites. */
    public static String[] args(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String[] many) {
                out.addAll(List.of(many));
            } else {
                out.add(String.valueOf(p));
            }
        }
        return out.toArray(String[]::new);
    }

    @Override
    public void close() {
        anvil.close();
    }
}
