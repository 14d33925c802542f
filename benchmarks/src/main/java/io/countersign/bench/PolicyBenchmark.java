package io.countersign.bench;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.intent.DecoderRegistry;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TokenRegistry;
import io.countersign.policy.Decision;
import io.countersign.policy.GateContext;
import io.countersign.policy.Policy;
import io.countersign.policy.PolicyGate;
import io.countersign.policy.PolicyParser;
import io.countersign.policy.SpendLedger;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The policy gate on a 50-leg MultiSend (50 ERC-20 transfers over 20 tokens to 50 allowed
 * recipients) against a 200-rule policy: 21 limits, 20 tiers, 106 recipient-deny lists of 5,
 * 1 recipient-allow list of 50, 50 contract-allow rules, 1 delegatecall rule and 1 time window.
 * The request is allowed, so every rule is checked. {@code evaluate} starts from decoded
 * intents; {@code decodeAndEvaluate} also decodes the 50 legs' calldata. The ledger answers
 * from memory, so journal I/O is not measured.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Policy -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyBenchmark {
    static final int LEGS = 50;
    static final int TOKENS = 20;
    static final Address SAFE = addr(0x5afe);
    static final Address MULTISEND = addr(0x3517);

    private PolicyGate gate;
    private GateContext ctx;
    private List<Intent> intents;
    private List<Call> legs;
    private DecoderRegistry registry;
    private TokenRegistry tokens;

    static Address addr(int n) {
        return Address.parse(String.format("0x%040x", n));
    }

    static String policyYaml() {
        StringBuilder y = new StringBuilder("""
                version: 1
                timeZone: UTC
                admins: {threshold: 1, addresses: ["%s"]}
                scope: {chains: [1], safes: ["%s"]}
                tokens:
                """.formatted(addr(0xad), SAFE));
        for (int t = 0; t < TOKENS; t++) {
            y.append("  - {address: \"").append(addr(0x7000 + t)).append("\", symbol: T").append(t).append(", decimals: 18}\n");
        }
        y.append("rules:\n  - {id: native, kind: limit, asset: native, perTransaction: \"100\"}\n");
        for (int t = 0; t < TOKENS; t++) {
            y.append("  - {id: limit-").append(t).append(", kind: limit, asset: T").append(t)
                    .append(", perTransaction: \"1000000\", perDay: \"2000000\", perWeek: \"5000000\"}\n");
            y.append("  - {id: tier-").append(t).append(", kind: tier, level: 1, asset: T").append(t)
                    .append(", above: \"900000\", require: {approvals: 3}}\n");
        }
        for (int r = 0; r < 106; r++) {
            y.append("  - {id: deny-").append(r).append(", kind: recipient-deny, recipients: [");
            for (int k = 0; k < 5; k++) {
                y.append(k == 0 ? "" : ", ").append('"').append(addr(0x100000 + r * 5 + k)).append('"');
            }
            y.append("]}\n");
        }
        y.append("  - {id: allow, kind: recipient-allow, recipients: [");
        for (int r = 0; r < LEGS; r++) {
            y.append(r == 0 ? "" : ", ").append('"').append(addr(0xb000 + r)).append('"');
        }
        y.append("]}\n");
        for (int c = 0; c < 50; c++) {
            y.append("  - {id: contract-").append(c).append(", kind: contract-allow, contracts: [{contract: \"")
                    .append(addr(0xc000 + c)).append("\", selectors: [\"0x12345678\"]}]}\n");
        }
        y.append("  - {id: multisend, kind: delegatecall-allow, targets: [\"").append(MULTISEND).append("\"]}\n");
        y.append("  - {id: always, kind: time-window, windows: [{days: [MON, TUE, WED, THU, FRI, SAT, SUN], from: \"00:00\", to: \"00:00\"}]}\n");
        return y.toString();
    }

    @Setup
    public void setup() {
        Policy policy = PolicyParser.parse(policyYaml());
        if (policy.rules().size() != 200) {
            throw new IllegalStateException("expected 200 rules, got " + policy.rules().size());
        }
        gate = PolicyGate.of(policy);
        tokens = policy.tokenRegistry();
        registry = DecoderRegistry.standard();
        SpendLedger ledger = (chain, safe, asset, since) -> BigInteger.TEN.pow(18);
        ctx = GateContext.direct(BigInteger.ONE, SAFE, Instant.parse("2025-06-11T08:00:00Z"), ledger);
        legs = new ArrayList<>();
        for (int i = 0; i < LEGS; i++) {
            String data = "a9059cbb" + String.format("%064x", 0xb000 + i) + String.format("%064x", BigInteger.TEN.pow(18));
            legs.add(Call.of(addr(0x7000 + i % TOKENS), BigInteger.ZERO, Hex.decode(data, "data")));
        }
        intents = decodeBatch();
        Decision d = gate.evaluate(intents, ctx);
        if (!(d instanceof Decision.Allow)) {
            throw new IllegalStateException("the benchmark request must be allowed: " + d.reasons());
        }
    }

    private List<Intent> decodeBatch() {
        Call outer = new Call(MULTISEND, BigInteger.ZERO, new byte[] {(byte) 0x8d, (byte) 0x80, (byte) 0xff, 0x0a},
                Operation.DELEGATECALL);
        List<Intent> inner = new ArrayList<>();
        legs.forEach(c -> inner.addAll(registry.decode(c, BigInteger.ONE, SAFE, tokens)));
        return List.of(new DelegateCall(outer, MULTISEND, inner));
    }

    @Benchmark
    public Decision evaluate() {
        return gate.evaluate(intents, ctx);
    }

    @Benchmark
    public Decision decodeAndEvaluate() {
        return gate.evaluate(decodeBatch(), ctx);
    }
}
