package io.countersign.policy;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Operation;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.NativeTransfer;
import io.countersign.eth.intent.TokenTransfer;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Shared addresses, keys and a policy text for the policy tests. */
final class Fixtures {
    static final BigInteger CHAIN = BigInteger.ONE;
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");
    static final Address USDC = Address.parse("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    static final Address PAYROLL = Address.parse("0x000000000000000000000000000000000000b0b0");
    static final Address VENDOR = Address.parse("0x000000000000000000000000000000000000c0c0");
    static final Address MALLORY = Address.parse("0x000000000000000000000000000000000000dead");
    static final Address MULTISEND = Address.parse("0x40a2accbd92bca938b02010e17a5b8929b49130d");
    static final Address TIMELOCK = Address.parse("0x2222222222222222222222222222222222222222");
    static final Address ROUTER = Address.parse("0x3333333333333333333333333333333333333333");

    static SoftwareSigner key(int fill, String label) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return SoftwareSigner.fromPrivateKey(k, label);
    }

    static final SoftwareSigner ADMIN1 = key(1, "admin 1");
    static final SoftwareSigner ADMIN2 = key(2, "admin 2");
    static final SoftwareSigner ADMIN3 = key(3, "admin 3");
    static final SoftwareSigner OUTSIDER = key(9, "outsider");

    /**
     * USDC (6 decimals): 50,000 per transaction, 100,000 per day; native: 10 ETH per transaction.
     * Tier 1 above 20,000 USDC: timelock of one day. Tier 2 above 40,000 USDC: 3 approvals.
     * Signing Mon–Fri 08:00–18:00 and Fri 22:00 – Sat 02:00, Europe/Berlin.
     */
    static String policyYaml(long version, List<SoftwareSigner> admins, int threshold) {
        StringBuilder a = new StringBuilder();
        admins.forEach(s -> a.append("\n    - \"").append(s.address()).append('"'));
        return """
                version: %d
                name: Test treasury
                timeZone: Europe/Berlin
                admins:
                  threshold: %d
                  addresses:%s
                scope:
                  chains: [1]
                  safes: ["%s"]
                addressBook:
                  - {address: "%s", label: Payroll}
                  - {address: "%s", label: Vendor}
                  - {address: "%s", label: Router}
                tokens:
                  - {address: "%s", symbol: USDC, decimals: 6}
                rules:
                  - id: usdc-limits
                    kind: limit
                    asset: USDC
                    perTransaction: "50000"
                    perDay: "100000"
                  - id: eth-limits
                    kind: limit
                    asset: native
                    perTransaction: "10"
                  - id: known-recipients
                    kind: recipient-allow
                    recipients: [Payroll, Vendor, "%s"]
                  - id: blocked
                    kind: recipient-deny
                    recipients: ["%s"]
                  - id: contracts
                    kind: contract-allow
                    contracts:
                      - {contract: Router, selectors: ["swap(uint256,uint256)", "0x12345678"]}
                      - {contract: "%s", selectors: ["*"]}
                  - id: batches
                    kind: delegatecall-allow
                    targets: ["%s"]
                  - id: office-hours
                    kind: time-window
                    windows:
                      - {days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00"}
                      - {days: [FRI], from: "22:00", to: "02:00"}
                  - id: big-usdc
                    kind: tier
                    level: 1
                    asset: USDC
                    above: "20000"
                    require: {timelockDelay: 86400}
                  - id: huge-usdc
                    kind: tier
                    level: 2
                    asset: USDC
                    above: "40000"
                    require: {approvals: 3}
                """.formatted(version, threshold, a, SAFE, PAYROLL, VENDOR, ROUTER, USDC, ROUTER, MALLORY,
                TIMELOCK, MULTISEND);
    }

    static Policy policy() {
        return PolicyParser.parse(policyYaml(1, List.of(ADMIN1, ADMIN2, ADMIN3), 2));
    }

    static BigInteger usdc(long units) {
        return BigInteger.valueOf(units).multiply(BigInteger.valueOf(1_000_000));
    }

    static TokenTransfer usdcTransfer(Address to, BigInteger amount) {
        return new TokenTransfer(Call.of(USDC, BigInteger.ZERO, new byte[] {(byte) 0xa9, 5, (byte) 0x9c, (byte) 0xbb}),
                USDC, Optional.empty(), to, amount);
    }

    static NativeTransfer eth(Address to, BigInteger wei) {
        return new NativeTransfer(Call.of(to, wei, new byte[0]), to, wei);
    }

    static DelegateCall multiSend(List<Intent> legs) {
        return new DelegateCall(new Call(MULTISEND, BigInteger.ZERO, new byte[] {0x1, 0x2, 0x3, 0x4}, Operation.DELEGATECALL),
                MULTISEND, legs);
    }

    private Fixtures() {}
}
