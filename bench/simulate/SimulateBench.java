import io.countersign.app.session.AppContext;
import io.countersign.app.session.SafeSigningSession;
import io.countersign.app.session.SessionListener;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Erc20;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SignatureMethod;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What simulating adds to `safe sign` on anvil (docs/simulation.md, "Cost"). One JVM, warmed up;
 * the signing session runs in process with a software key (no device), dev mode (the gate's work
 * is the same either way and measured in benchmarks/). Interleaved: with, without, with, …; each
 * run signs a fresh copy of an ERC-20 transfer request. Also the bare round trip (eth_blockNumber).
 *
 * Usage: bench/simulate.sh [RUNS]
 */
public class SimulateBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Path nodeModules = Path.of(args[0]);
        Path work = Files.createTempDirectory("countersign-simbench");
        try (Anvil anvil = Anvil.start(nodeModules)) {
            SafeDeployment d = SafeDeployment.deploy(anvil);
            List<Address> owners = new ArrayList<>();
            for (int i = 5; i <= 7; i++) {
                owners.add(SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + i), "o").address());
            }
            Address safe = d.createSafe(owners, 2, BigInteger.ONE);
            Address token = d.deployToken();
            anvil.send(d.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, BigInteger.valueOf(1_000_000)));
            SafeState state = SafeState.read(anvil.rpc(), safe);
            SafeTx tx = new SafeTx(token, BigInteger.ZERO, Erc20.transfer(owners.get(2), BigInteger.valueOf(1234)),
                    io.countersign.eth.Operation.CALL, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, Address.ZERO,
                    Address.ZERO, state.nonce());
            Path original = work.resolve("req.json");
            RequestFile.write(new SafeRequest(state.chainId(), safe, state.version(), tx, state.owners(), state.threshold(),
                    List.of(), null), original);
            List<Long> with = new ArrayList<>();
            List<Long> without = new ArrayList<>();
            List<Long> rtt = new ArrayList<>();
            try (AppContext ctx = new AppContext(work.resolve("data"), false, anvil.url(), true, Map.of())) {
                for (int i = -10; i < runs; i++) {
                    for (boolean simulate : new boolean[] {i % 2 == 0, i % 2 != 0}) {
                        Path copy = work.resolve("run.json");
                        Files.copy(original, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        // the session closes its signer after signing: a fresh key per run, made before the clock starts
                        SoftwareSigner signer = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/5"), "bench");
                        long t0 = System.nanoTime();
                        new SafeSigningSession(ctx, SessionListener.NONE).simulating(simulate).sign(copy, signer, SignatureMethod.EIP712);
                        long t = System.nanoTime() - t0;
                        if (i >= 0) {
                            (simulate ? with : without).add(t);
                        }
                    }
                    long t0 = System.nanoTime();
                    anvil.rpc().client().call("eth_blockNumber");
                    if (i >= 0) {
                        rtt.add(System.nanoTime() - t0);
                    }
                }
            }
            double w = median(with);
            double wo = median(without);
            double r = median(rtt);
            System.out.printf("safe sign, simulating       median %.2f ms (%d runs)%n", w, with.size());
            System.out.printf("safe sign, --no-simulate    median %.2f ms%n", wo);
            System.out.printf("difference                         %.2f ms%n", w - wo);
            System.out.printf("one round trip (eth_blockNumber)   %.2f ms%n", r);
            System.out.printf("difference / round trip            %.1f%n", (w - wo) / r);
        }
    }

    static double median(List<Long> ns) {
        List<Long> s = new ArrayList<>(ns);
        Collections.sort(s);
        return s.get(s.size() / 2) / 1e6;
    }
}
