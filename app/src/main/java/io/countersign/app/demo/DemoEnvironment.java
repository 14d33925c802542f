package io.countersign.app.demo;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.SafeProposer;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.app.timelock.TimelockWatchList;
import io.countersign.app.timelock.WatchedTimelock;
import io.countersign.eth.Hex;
import io.countersign.eth.devchain.Artifacts;
import io.countersign.timelock.OperationId;
import io.countersign.timelock.OzTimelockAbi;
import io.countersign.timelock.Salt;
import io.countersign.timelock.TimelockCall;
import io.countersign.timelock.TimelockOperation;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Call;
import io.countersign.eth.Erc20;
import io.countersign.eth.Signer;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.multisig.MultiSend;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo's world: a local anvil chain with the official Safe 1.4.1 contracts, a 2-of-3 Safe
 * owned by three software keys plainly labelled as demo keys (anvil's public dev accounts 1–3,
 * known to everyone: never fund them on a real network), 100 ETH and Safe's test token in the
 * Safe, MultiSendCallOnly also at its canonical address, and two requests in the queue. Beside it
 * an OpenZeppelin TimelockController (the official artifact, {@link #TIMELOCK_DELAY} seconds'
 * minimum delay) whose proposer, canceller and executor is the Safe, holding 10 ETH, with one
 * operation already scheduled (a 2 ETH grant, waiting) and the timelock on the console's watch
 * list, so the Timelocks tab shows a live countdown on first start. The operation is scheduled
 * by the deployer account (anvil's account 0), which the demo also makes a proposer for that
 * purpose only; every later step goes through the Safe.
 */
public record DemoEnvironment(Anvil anvil, SafeDeployment contracts, Address safe, Address token, Address timelock,
        List<Signer> signers, AppContext context) implements AutoCloseable {

    static final BigInteger ETH = BigInteger.TEN.pow(18);
    /** The demo timelock's getMinDelay(), seconds: short enough to watch the operation become ready. */
    public static final long TIMELOCK_DELAY = 300;
    /** Who the demo's scheduled operation pays (2 ETH from the timelock). */
    public static final Address GRANTEE = Address.parse("0x4444444444444444444444444444444444444444");

    /**
     * @param nodeModules testchain/node_modules (anvil and the contract artifacts)
     * @param dataDir the demo's own data folder (journal, queue)
     */
    public static DemoEnvironment start(Path nodeModules, Path dataDir, Map<String, String> env) {
        // The chain stops with this JVM on every exit path (window closed, SIGTERM, SIGINT, SIGHUP),
        // not only through close(): a demo ended by a signal must leave no anvil running.
        Anvil anvil = Anvil.start(nodeModules, true);
        try {
            SafeDeployment contracts = SafeDeployment.deploy(anvil);
            // MultiSendCallOnly's code also at its canonical address (it has no immutables, so the code is the
            // same): the console's batch builder defaults to it, as it would on a public chain
            String callOnlyCode = anvil.rpc().client().call("eth_getCode", contracts.multiSendCallOnly().toLowerHex(), "latest").asText();
            anvil.rpc().client().call("anvil_setCode", MultiSend.CALL_ONLY_1_4_1.toLowerHex(), callOnlyCode);
            List<Signer> signers = List.of(demoKey(1), demoKey(2), demoKey(3));
            Address safe = contracts.createSafe(signers.stream().map(Signer::address).toList(), 2, BigInteger.ONE);
            anvil.send(contracts.deployer(), safe, ETH.multiply(BigInteger.valueOf(100)), new byte[0]);
            Address token = contracts.deployToken();
            anvil.send(contracts.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, BigInteger.TEN.pow(15)));
            AppContext ctx = new AppContext(dataDir, false, anvil.url(), true, env);
            SafeProposer proposer = new SafeProposer(ctx);
            SafeProposer.SafeFacts facts = proposer.facts(safe);
            Address vendor = Address.parse("0x000000000000000000000000000000000000dEaD");
            proposer.propose(facts, Call.of(vendor, ETH.multiply(BigInteger.valueOf(3)).divide(BigInteger.TWO), new byte[0]),
                    null, "Pay vendor invoice #1042 (1.5 ETH)", null);
            Call batch = MultiSend.batch(contracts.multiSendCallOnly(), List.of(
                    Call.of(Address.parse("0x1111111111111111111111111111111111111111"), ETH, new byte[0]),
                    Call.of(Address.parse("0x2222222222222222222222222222222222222222"), ETH, new byte[0]),
                    Call.of(token, BigInteger.ZERO, Erc20.transfer(Address.parse("0x3333333333333333333333333333333333333333"),
                            BigInteger.valueOf(250_000_000_000L)))));
            proposer.propose(facts, batch, null, "Monthly payroll batch (3 payments)", null);
            Address timelock = timelock(anvil, contracts.deployer(), safe);
            new TimelockWatchList(dataDir).add(new WatchedTimelock(timelock, TimelockFlavor.OPENZEPPELIN, Optional.of(safe),
                    "Demo timelock (" + TIMELOCK_DELAY / 60 + " min)"));
            return new DemoEnvironment(anvil, contracts, safe, token, timelock, signers, ctx);
        } catch (RuntimeException e) {
            anvil.close();
            throw e;
        }
    }

    /**
     * Deploys TimelockController(minDelay, proposers [safe, deployer], executors [safe], admin 0)
     * from the official OpenZeppelin artifact, funds it with 10 ETH and, as the deployer, schedules
     * one operation: 2 ETH to {@link #GRANTEE} after the minimum delay.
     */
    private static Address timelock(Anvil anvil, Address deployer, Address safe) {
        String args = FunctionEncoder.encodeConstructor(List.of(new Uint256(TIMELOCK_DELAY),
                addresses(List.of(safe, deployer)), addresses(List.of(safe)), new org.web3j.abi.datatypes.Address(Address.ZERO.toLowerHex())));
        byte[] code = anvil.artifacts().bytecode(Artifacts.OZ_TIMELOCK);
        byte[] constructorArgs = Hex.decode(args, "constructor arguments");
        byte[] creation = java.util.Arrays.copyOf(code, code.length + constructorArgs.length);
        System.arraycopy(constructorArgs, 0, creation, code.length, constructorArgs.length);
        Address timelock = anvil.deploy(deployer, creation);
        anvil.send(deployer, timelock, ETH.multiply(BigInteger.TEN), new byte[0]);
        TimelockOperation grant = TimelockOperation.single(new TimelockCall(GRANTEE, ETH.multiply(BigInteger.TWO), new byte[0]),
                OperationId.ZERO, Salt.random());
        anvil.send(deployer, timelock, BigInteger.ZERO, OzTimelockAbi.schedule(grant, BigInteger.valueOf(TIMELOCK_DELAY)));
        return timelock;
    }

    private static DynamicArray<org.web3j.abi.datatypes.Address> addresses(List<Address> list) {
        return new DynamicArray<>(org.web3j.abi.datatypes.Address.class,
                list.stream().map(a -> new org.web3j.abi.datatypes.Address(a.toLowerHex())).toList());
    }

    private static Signer demoKey(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + index),
                "DEMO KEY " + index + " (public anvil dev key — never for real funds)");
    }

    @Override
    public void close() {
        context.close();
        anvil.close();
    }
}
