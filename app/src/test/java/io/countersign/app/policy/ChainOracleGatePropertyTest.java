package io.countersign.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.devchain.Artifacts;
import io.countersign.eth.intent.ContractCall;
import io.countersign.eth.intent.DecoderRegistry;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.GasRefund;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.Intents;
import io.countersign.eth.intent.MalformedCall;
import io.countersign.eth.intent.NativeTransfer;
import io.countersign.eth.intent.TimelockStep;
import io.countersign.eth.intent.TokenIntent;
import io.countersign.eth.intent.TokenRegistry;
import io.countersign.eth.intent.UnknownCall;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeHasher;
import io.countersign.multisig.SafeSignature;
import io.countersign.multisig.SafeSignatures;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeVersion;
import io.countersign.multisig.decode.SafeDecoders;
import io.countersign.multisig.devchain.SafeDeployment;
import io.countersign.policy.Asset;
import io.countersign.policy.Decision;
import io.countersign.policy.GateContext;
import io.countersign.policy.PolicyGate;
import io.countersign.policy.PolicyParser;
import io.countersign.policy.SpendLedger;
import io.countersign.timelock.TimelockCallDecoder;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * The chain is the oracle for the gate. A 2-of-3 Safe (official Safe 1.4.1 artifacts) on anvil
 * holds ether and an ERC-20 token; random requests are built from legs (native and token
 * transfers and approvals, MultiSend batches delegatecalled to the listed MultiSendCallOnly or to
 * the unlisted MultiSend, multiSend calldata on a CALL, OpenZeppelin timelock schedules, gas
 * refunds in ether and in the token to listed, unlisted and tx.origin receivers, padded and
 * dirty calldata, both operations). For each, either the gate does not allow it, or, signed by two
 * owners and executed, it moves out of the Safe no more of each asset than the gate counted, and
 * only to addresses the gate reported (Safe balances, Transfer logs, the balances of every
 * address the generator uses, and the Safe's ExecutionSuccess/ExecutionFailure payment). Each case
 * runs from the same chain state (evm_snapshot / evm_revert).
 *
 * <p>Seeded: {@code -Dcountersign.oracle.seed=N} (default {@link #DEFAULT_SEED}),
 * {@code -Dcountersign.oracle.cases=N} (default 200). A failure names the seed and the case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainOracleGatePropertyTest {
    static final long DEFAULT_SEED = 0x5AFE_2026L;
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    /** The executor's transaction gas price: above every ether gasPrice the generator signs, so min() takes the signed one. */
    static final BigInteger EXECUTOR_GAS_PRICE = GWEI.multiply(BigInteger.valueOf(5));
    static final long MIN_DELAY = 60;

    Anvil anvil;
    SafeDeployment d;
    Address safe;
    Address token;
    Address timelock;
    Address executor;
    List<SoftwareSigner> owners;
    /** Recipients the generator draws from: two listed, one stranger, one denied. */
    List<Address> pool;
    PolicyGate listedRecipients;
    PolicyGate openRecipients;
    final DecoderRegistry registry = SafeDecoders.registry(List.of(new TimelockCallDecoder()));

    @BeforeAll
    void chain() {
        anvil = TestChain.start();
        d = SafeDeployment.deploy(anvil);
        owners = List.of(owner(5), owner(6), owner(7));
        safe = d.createSafe(owners.stream().map(SoftwareSigner::address).toList(), 2, BigInteger.ONE);
        executor = anvil.accounts().get(3);
        anvil.send(d.deployer(), safe, ETH.multiply(BigInteger.TEN), new byte[0]);
        token = d.deployToken();
        anvil.send(d.deployer(), token, BigInteger.ZERO, transfer(safe, BigInteger.valueOf(10_000_000)));
        String args = FunctionEncoder.encodeConstructor(List.of(new Uint256(MIN_DELAY), addresses(List.of(safe)),
                addresses(List.of(Address.ZERO)), w3(Address.ZERO)));
        timelock = anvil.deploy(d.deployer(), concat(anvil.artifacts().bytecode(Artifacts.OZ_TIMELOCK), Hex.decode(args, "args")));
        pool = List.of(Address.parse("0x000000000000000000000000000000000000a001"),
                Address.parse("0x000000000000000000000000000000000000a002"),
                Address.parse("0x000000000000000000000000000000000000a003"),
                Address.parse("0x000000000000000000000000000000000000a004"));
        listedRecipients = PolicyGate.of(PolicyParser.parse(policy(true)));
        openRecipients = PolicyGate.of(PolicyParser.parse(policy(false)));
    }

    @AfterAll
    void stop() {
        if (anvil != null) {
            anvil.close();
        }
    }

    static SoftwareSigner owner(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + index), "owner " + index);
    }

    /**
     * Limits on both assets; contract-allow "*" on the token, the timelock and MultiSendCallOnly
     * (so a decoding hole would show as an allowed call); MultiSendCallOnly listed for
     * delegatecall; refunds in both assets to a001 or tx.origin within caps. With
     * {@code listed}: a recipient-allow list (a001, a002, the contracts), else only a deny list (a004).
     */
    String policy(boolean listed) {
        String recipients = listed
                ? """
                  - id: known
                    kind: recipient-allow
                    recipients: ["%s", "%s", "%s", "%s", "%s"]
                """.formatted(pool.get(0), pool.get(1), token, timelock, d.multiSendCallOnly())
                : "";
        return """
                version: 1
                name: oracle
                timeZone: UTC
                admins:
                  threshold: 1
                  addresses: ["%s"]
                scope:
                  chains: [31337]
                  safes: ["%s"]
                tokens:
                  - {address: "%s", symbol: TKN, decimals: 0}
                rules:
                  - id: eth
                    kind: limit
                    asset: native
                    perTransaction: "4"
                  - id: tkn
                    kind: limit
                    asset: TKN
                    perTransaction: "4000000"
                %s  - id: denied
                    kind: recipient-deny
                    recipients: ["%s"]
                  - id: contracts
                    kind: contract-allow
                    contracts:
                      - {contract: "%s", selectors: ["*"]}
                      - {contract: "%s", selectors: ["*"]}
                      - {contract: "%s", selectors: ["*"]}
                  - id: batches
                    kind: delegatecall-allow
                    targets: ["%s"]
                  - id: eth-refunds
                    kind: refund-allow
                    asset: native
                    receivers: ["%s", tx.origin]
                    maxRefund: "0.01"
                    maxTxGas: 30000000
                  - id: tkn-refunds
                    kind: refund-allow
                    asset: TKN
                    receivers: ["%s", tx.origin]
                    maxRefund: "3000000"
                    maxTxGas: 30000000
                """.formatted(owners.getFirst().address(), safe, token, recipients, pool.get(3), token, timelock,
                d.multiSendCallOnly(), d.multiSendCallOnly(), pool.get(0), pool.get(0));
    }

    // ---- the property ------------------------------------------------------------------------

    @Test
    void whatTheGateAllowsMovesNoMoreThanItCountedAndOnlyWhereItReported() {
        long seed = Long.getLong("countersign.oracle.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("countersign.oracle.cases", 200);
        Random random = new Random(seed);
        int allowed = 0;
        int executedWithEffect = 0;
        for (int i = 0; i < cases; i++) {
            SafeTx tx = randomTx(random);
            PolicyGate gate = i % 2 == 0 ? listedRecipients : openRecipients;
            String snapshot = anvil.rpc().client().call("evm_snapshot").asText();
            try {
                Outcome o = check(tx, gate);
                if (o.allowed) {
                    allowed++;
                }
                if (o.moved) {
                    executedWithEffect++;
                }
            } catch (AssertionError | RuntimeException e) {
                fail("chain-oracle case " + i + " of seed " + seed + " (rerun: -Dcountersign.oracle.seed=" + seed
                        + "): " + e.getMessage() + "\n  SafeTx " + describe(tx), e);
            } finally {
                assertTrue(anvil.rpc().client().call("evm_revert", snapshot).asBoolean(), "evm_revert");
            }
        }
        System.out.println("chain oracle: seed " + seed + ", " + cases + " requests, " + allowed + " allowed and executed, "
                + executedWithEffect + " moved funds or paid a refund");
        // the generator must exercise both sides, else the property says nothing
        assertTrue(allowed >= cases / 10, "only " + allowed + " of " + cases + " requests were allowed");
        assertTrue(allowed <= cases - cases / 10, allowed + " of " + cases + " requests were allowed");
        assertTrue(executedWithEffect >= cases / 20, "only " + executedWithEffect + " executions moved anything");
    }

    record Outcome(boolean allowed, boolean moved) {}

    Outcome check(SafeTx tx, PolicyGate gate) {
        List<Intent> intents = SafeDecoders.intents(tx, Anvil.CHAIN_ID, safe, registry, TokenRegistry.empty());
        Decision decision = gate.evaluate(intents, GateContext.direct(Anvil.CHAIN_ID, safe, Instant.now(), SpendLedger.NONE)
                .withApprovals(2));
        if (!(decision instanceof Decision.Allow) && !(decision instanceof Decision.RequireApproval)) {
            return new Outcome(false, false);
        }
        Set<Address> reported = reported(intents);
        Map<Address, BigInteger> ethBefore = ethBalances();
        BigInteger tokenBefore = tokenBalance(safe);
        EthRpc.Receipt receipt = execute(tx);
        BigInteger ethOut = ethBefore.get(safe).subtract(anvil.rpc().balance(safe));
        BigInteger tokenOut = tokenBefore.subtract(tokenBalance(safe));
        BigInteger countedEth = decision.spend().getOrDefault(Asset.NATIVE, BigInteger.ZERO);
        BigInteger countedToken = decision.spend().getOrDefault(Asset.token(token), BigInteger.ZERO);
        String why = "decision " + decision.getClass().getSimpleName() + " " + decision.reasons() + ", intents "
                + intents.stream().map(Intent::describe).toList();
        assertTrue(ethOut.compareTo(countedEth) <= 0, "ether out of the Safe " + ethOut + " wei > counted " + countedEth + "; " + why);
        assertTrue(tokenOut.compareTo(countedToken) <= 0, "token out of the Safe " + tokenOut + " > counted " + countedToken + "; " + why);
        Map<Address, BigInteger> ethAfter = ethBalances();
        for (Address a : pool) {
            if (!reported.contains(a)) {
                assertEquals(ethBefore.get(a), ethAfter.get(a), "ether reached " + a + ", which the gate never reported; " + why);
            }
        }
        boolean moved = ethOut.signum() != 0 || tokenOut.signum() != 0;
        if (receipt != null) {
            for (EthRpc.Log log : receipt.logs()) {
                if (log.topics().size() == 3 && Arrays.equals(log.topics().get(0), TRANSFER_TOPIC)
                        && Address.of(Arrays.copyOfRange(log.topics().get(1), 12, 32)).equals(safe)) {
                    Address to = Address.of(Arrays.copyOfRange(log.topics().get(2), 12, 32));
                    assertTrue(reported.contains(to), "a Transfer from the Safe to " + to + ", which the gate never reported; " + why);
                }
                if (log.address().equals(safe) && (Arrays.equals(log.topics().get(0), EXECUTION_SUCCESS)
                        || Arrays.equals(log.topics().get(0), EXECUTION_FAILURE))) {
                    BigInteger payment = new BigInteger(1, log.data());
                    if (payment.signum() > 0) {
                        moved = true;
                        Address receiver = tx.refundReceiver().equals(Address.ZERO) ? executor : tx.refundReceiver();
                        assertTrue(reported.contains(receiver), "a refund of " + payment + " to " + receiver
                                + ", which the gate never reported; " + why);
                    }
                }
            }
        }
        return new Outcome(true, moved);
    }

    static final byte[] TRANSFER_TOPIC = Hash.sha3("Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII));
    static final byte[] EXECUTION_SUCCESS = Hash.sha3("ExecutionSuccess(bytes32,uint256)".getBytes(StandardCharsets.US_ASCII));
    static final byte[] EXECUTION_FAILURE = Hash.sha3("ExecutionFailure(bytes32,uint256)".getBytes(StandardCharsets.US_ASCII));

    /** Every address the gate's intents name as receiving something, or being called; tx.origin is the executor. */
    Set<Address> reported(List<Intent> intents) {
        Set<Address> out = new HashSet<>();
        for (Intent i : Intents.flatten(intents)) {
            switch (i) {
                case NativeTransfer n -> out.add(n.to());
                case TokenIntent t -> out.add(t.counterparty());
                case GasRefund g -> out.add(g.receiver().orElse(executor));
                case ContractCall c -> out.add(c.target());
                case UnknownCall u -> out.add(u.target());
                case MalformedCall m -> out.add(m.target());
                case TimelockStep t -> out.add(t.timelock());
                case DelegateCall dc -> out.add(dc.target());
                default -> { }
            }
        }
        return out;
    }

    Map<Address, BigInteger> ethBalances() {
        Map<Address, BigInteger> out = new LinkedHashMap<>();
        out.put(safe, anvil.rpc().balance(safe));
        for (Address a : pool) {
            out.put(a, anvil.rpc().balance(a));
        }
        return out;
    }

    /** Signs with owners 5 and 7 and sends execTransaction from the executor; null when the outer transaction reverted. */
    EthRpc.Receipt execute(SafeTx tx) {
        byte[] safeTxHash = SafeHasher.hash(Anvil.CHAIN_ID, safe, SafeVersion.V1_4_1, tx).safeTxHash();
        List<SafeSignature> sigs = new ArrayList<>();
        for (SoftwareSigner o : List.of(owners.get(0), owners.get(2))) {
            sigs.add(SafeSignatures.read(o.signDigest(safeTxHash).normalizeV().toBytes(), safeTxHash));
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("from", executor.toLowerHex());
        call.put("to", safe.toLowerHex());
        call.put("data", Hex.encode(SafeAbi.execTransaction(tx, SafeSignatures.pack(sigs))));
        call.put("gas", "0x" + Long.toHexString(3_000_000));
        call.put("gasPrice", "0x" + EXECUTOR_GAS_PRICE.toString(16));
        byte[] hash = Hex.decode(anvil.rpc().client().call("eth_sendTransaction", call).asText(), "tx hash");
        EthRpc.Receipt receipt = anvil.rpc().waitForReceipt(hash, Duration.ofSeconds(30));
        return receipt.success() ? receipt : null;
    }

    // ---- the generator -----------------------------------------------------------------------

    SafeTx randomTx(Random r) {
        Call call = switch (r.nextInt(10)) {
            case 0, 1, 2 -> leg(r, 0);
            case 3, 4, 5 -> new Call(d.multiSendCallOnly(), BigInteger.ZERO, multiSend(legs(r, 1)), Operation.DELEGATECALL);
            case 6 -> new Call(d.multiSend(), BigInteger.ZERO, multiSend(legs(r, 1)), Operation.DELEGATECALL);
            case 7 -> new Call(d.multiSendCallOnly(), smallEth(r), multiSend(legs(r, 1)), Operation.CALL);
            case 8 -> Call.of(timelock, BigInteger.ZERO, pad(r, schedule(r)));
            default -> new Call(token, BigInteger.ZERO, transfer(pick(r), BigInteger.valueOf(r.nextInt(3_000_000))), Operation.DELEGATECALL);
        };
        BigInteger safeTxGas = BigInteger.ZERO;
        BigInteger baseGas = BigInteger.ZERO;
        BigInteger gasPrice = BigInteger.ZERO;
        Address gasToken = Address.ZERO;
        Address refundReceiver = Address.ZERO;
        if (r.nextInt(100) < 40) {
            safeTxGas = BigInteger.valueOf(List.of(0, 30_000, 150_000, 400_000).get(r.nextInt(4)));
            baseGas = BigInteger.valueOf(List.of(0, 21_000, 60_000, 5_000_000).get(r.nextInt(4)));
            boolean inToken = r.nextBoolean();
            gasToken = inToken ? token : Address.ZERO;
            gasPrice = inToken ? BigInteger.valueOf(1 + r.nextInt(20)) : GWEI.multiply(BigInteger.valueOf(1 + r.nextInt(3)));
            refundReceiver = switch (r.nextInt(4)) {
                case 0 -> Address.ZERO;
                case 1 -> pool.get(2);
                default -> pool.get(0);
            };
        }
        return new SafeTx(call.to(), call.value(), call.data(), call.operation(), safeTxGas, baseGas, gasPrice, gasToken,
                refundReceiver, BigInteger.ZERO);
    }

    List<Call> legs(Random r, int depth) {
        List<Call> out = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.add(leg(r, depth));
        }
        return out;
    }

    Call leg(Random r, int depth) {
        int kind = r.nextInt(depth < 2 ? 9 : 7);
        Call c = switch (kind) {
            case 0, 1 -> Call.of(pick(r), smallEth(r), new byte[0]);
            case 2, 3 -> Call.of(token, BigInteger.ZERO, transfer(pick(r), BigInteger.valueOf(r.nextInt(3_000_000))));
            case 4 -> Call.of(token, BigInteger.ZERO, approve(pick(r), BigInteger.valueOf(r.nextInt(3_000_000))));
            case 5 -> Call.of(timelock, BigInteger.ZERO, schedule(r));
            case 6 -> Call.of(pick(r), smallEth(r), Hex.decode("0xdeadbeef", "d"));
            case 7 -> Call.of(d.multiSendCallOnly(), BigInteger.ZERO, multiSend(legs(r, depth + 1)));
            default -> new Call(d.multiSendCallOnly(), BigInteger.ZERO, multiSend(legs(r, depth + 1)), Operation.DELEGATECALL);
        };
        return new Call(c.to(), c.value(), pad(r, c.data()), c.operation());
    }

    /** One time in eight: the calldata padded by a word or a byte, or its first address word made dirty. */
    static byte[] pad(Random r, byte[] data) {
        if (data.length < 36 || r.nextInt(8) != 0) {
            return data;
        }
        return switch (r.nextInt(3)) {
            case 0 -> Arrays.copyOf(data, data.length + 32);
            case 1 -> Arrays.copyOf(data, data.length + 1);
            default -> {
                byte[] dirty = data.clone();
                dirty[4] = (byte) 0xff;
                yield dirty;
            }
        };
    }

    BigInteger smallEth(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> ETH.multiply(BigInteger.valueOf(1 + r.nextInt(5)));
            default -> GWEI.multiply(BigInteger.valueOf(r.nextInt(1_000_000)));
        };
    }

    Address pick(Random r) {
        return pool.get(r.nextInt(pool.size()));
    }

    byte[] schedule(Random r) {
        byte[] inner = transfer(pick(r), BigInteger.valueOf(r.nextInt(3_000_000)));
        byte[] salt = new byte[32];
        r.nextBytes(salt);
        return encode("schedule", List.of(w3(token), new Uint256(0), new DynamicBytes(inner), new Bytes32(new byte[32]),
                new Bytes32(salt), new Uint256(MIN_DELAY + r.nextInt(1000))));
    }

    static byte[] multiSend(List<Call> legs) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        for (Call c : legs) {
            packed.write(c.operation().code());
            packed.writeBytes(c.to().bytes());
            packed.writeBytes(word(c.value()));
            packed.writeBytes(word(BigInteger.valueOf(c.data().length)));
            packed.writeBytes(c.data());
        }
        return encode("multiSend", List.of(new DynamicBytes(packed.toByteArray())));
    }

    static byte[] word(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, 32 - len, len);
        return out;
    }

    static byte[] transfer(Address to, BigInteger amount) {
        return encode("transfer", List.of(w3(to), new Uint256(amount)));
    }

    static byte[] approve(Address spender, BigInteger amount) {
        return encode("approve", List.of(w3(spender), new Uint256(amount)));
    }

    static byte[] encode(String name, List<Type> args) {
        return Hex.decode(FunctionEncoder.encode(new Function(name, args, List.of())), "calldata");
    }

    static org.web3j.abi.datatypes.Address w3(Address a) {
        return new org.web3j.abi.datatypes.Address(a.toLowerHex());
    }

    static DynamicArray<org.web3j.abi.datatypes.Address> addresses(List<Address> list) {
        return new DynamicArray<>(org.web3j.abi.datatypes.Address.class, list.stream().map(ChainOracleGatePropertyTest::w3).toList());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    BigInteger tokenBalance(Address holder) {
        return SafeAbi.decodeUint(anvil.rpc().call(token, encode("balanceOf", List.of(w3(holder)))));
    }

    static String describe(SafeTx tx) {
        return "to=" + tx.to() + " value=" + tx.value() + " operation=" + tx.operation() + " data=" + Hex.encode(tx.data())
                + " safeTxGas=" + tx.safeTxGas() + " baseGas=" + tx.baseGas() + " gasPrice=" + tx.gasPrice()
                + " gasToken=" + tx.gasToken() + " refundReceiver=" + tx.refundReceiver();
    }

    // ---- the refund, proven on the chain -----------------------------------------------------

    /**
     * A refund in ether and in the token, to a stranger and to tx.origin, with the inner call
     * succeeding and failing: the gate counts a worst case, and the Safe really pays (its
     * ExecutionSuccess/ExecutionFailure {@code payment}, and the receiver's balance) no more.
     */
    @ParameterizedTest(name = "{0} refund to {1}, inner call {2}")
    @CsvSource({"ether, stranger, succeeds", "ether, tx.origin, succeeds", "token, stranger, succeeds",
            "token, tx.origin, succeeds", "ether, stranger, fails", "token, tx.origin, fails"})
    void theRealRefundNeverExceedsTheCountedWorstCase(String asset, String to, String inner) {
        String snapshot = anvil.rpc().client().call("evm_snapshot").asText();
        try {
            boolean inToken = asset.equals("token");
            Address stranger = Address.parse("0x0000000000000000000000000000000000005555");
            Address receiver = to.equals("stranger") ? stranger : Address.ZERO;
            Address paid = to.equals("stranger") ? stranger : executor;
            // the inner call: a token transfer of 7 to a001 (succeeds) or of more than the Safe holds (fails)
            BigInteger amount = inner.equals("succeeds") ? BigInteger.valueOf(7) : BigInteger.TEN.pow(30);
            byte[] data = transfer(pool.getFirst(), amount);
            BigInteger gasPrice = inToken ? BigInteger.valueOf(3) : GWEI;
            SafeTx tx = new SafeTx(token, BigInteger.ZERO, data, Operation.CALL, BigInteger.valueOf(120_000),
                    BigInteger.valueOf(40_000), gasPrice, inToken ? token : Address.ZERO, receiver, BigInteger.ZERO);
            String yaml = """
                    version: 1
                    timeZone: UTC
                    admins: {threshold: 1, addresses: ["%s"]}
                    scope: {chains: [31337], safes: ["%s"]}
                    rules:
                      - {id: eth, kind: limit, asset: native, perTransaction: "1"}
                      - {id: tkn, kind: limit, asset: "%s", perTransaction: "1000000000000000000000000000000000 base"}
                      - {id: refunds, kind: refund-allow, asset: native, receivers: ["%s", tx.origin], maxTxGas: 30000000}
                      - {id: tkn-refunds, kind: refund-allow, asset: "%s", receivers: ["%s", tx.origin], maxTxGas: 30000000}
                    """.formatted(owners.getFirst().address(), safe, token, stranger, token, stranger);
            List<Intent> intents = SafeDecoders.intents(tx, Anvil.CHAIN_ID, safe, registry, TokenRegistry.empty());
            GasRefund refund = assertInstanceOf(GasRefund.class, intents.getLast());
            Decision decision = PolicyGate.of(PolicyParser.parse(yaml)).evaluate(intents,
                    GateContext.direct(Anvil.CHAIN_ID, safe, Instant.now(), SpendLedger.NONE));
            assertInstanceOf(Decision.Allow.class, decision, decision.reasons().toString());
            BigInteger worst = refund.worstCase(30_000_000);
            Asset gasAsset = inToken ? Asset.token(token) : Asset.NATIVE;
            // the token transfer counts as requested, whether or not it will succeed
            assertEquals(worst.add(inToken ? amount : BigInteger.ZERO), decision.spend().get(gasAsset),
                    "the gate counts the worst case");
            BigInteger transferred = inToken && inner.equals("succeeds") ? amount : BigInteger.ZERO;

            BigInteger receiverBefore = inToken ? tokenBalance(paid) : anvil.rpc().balance(paid);
            BigInteger safeBefore = inToken ? tokenBalance(safe) : anvil.rpc().balance(safe);
            EthRpc.Receipt receipt = execute(tx);
            assertTrue(receipt != null, "execTransaction reverted");
            BigInteger payment = null;
            for (EthRpc.Log log : receipt.logs()) {
                if (log.address().equals(safe) && (Arrays.equals(log.topics().get(0), EXECUTION_SUCCESS)
                        || Arrays.equals(log.topics().get(0), EXECUTION_FAILURE))) {
                    payment = new BigInteger(1, log.data());
                    assertEquals(inner.equals("succeeds"), Arrays.equals(log.topics().get(0), EXECUTION_SUCCESS));
                }
            }
            assertTrue(payment != null && payment.signum() > 0, "the Safe paid a refund: " + payment);
            BigInteger safeOut = safeBefore.subtract(inToken ? tokenBalance(safe) : anvil.rpc().balance(safe));
            assertEquals(payment.add(transferred), safeOut, "the Safe's balance fell by the payment (and the transfer)");
            if (!paid.equals(executor) || inToken) {
                // the executor's ether also pays the outer transaction's gas, so only a token refund to it is exact
                BigInteger received = (inToken ? tokenBalance(paid) : anvil.rpc().balance(paid)).subtract(receiverBefore);
                assertEquals(payment, received, "the receiver got the payment");
            }
            assertTrue(payment.compareTo(worst) <= 0, "payment " + payment + " > counted worst case " + worst);
            // gasUsed is what the Safe measured: payment / price − baseGas, within safeTxGas + overhead
            BigInteger gasUsed = payment.divide(gasPrice).subtract(tx.baseGas());
            System.out.println("refund " + asset + " to " + to + ", inner call " + inner + ": paid " + payment
                    + " (gasUsed " + gasUsed + "), counted worst case " + worst);
        } finally {
            anvil.rpc().client().call("evm_revert", snapshot);
        }
    }
}
