package io.countersign.app.policy;

import static io.countersign.app.policy.ChainOracleGatePropertyTest.approve;
import static io.countersign.app.policy.ChainOracleGatePropertyTest.encode;
import static io.countersign.app.policy.ChainOracleGatePropertyTest.multiSend;
import static io.countersign.app.policy.ChainOracleGatePropertyTest.transfer;
import static io.countersign.app.policy.ChainOracleGatePropertyTest.w3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeVersion;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Crafted request files through the real command line ({@code policy check REQ --policy DRAFT},
 * offline): refunds, padded calldata of known selectors, multiSend calldata outside an allowed
 * delegatecall. Each attack exits 3 with its own reason; each honest variant exits 0.
 */
class GateAdversarialCliTest {
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");
    static final Address USDC = Address.parse("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    static final Address PAYROLL = Address.parse("0x000000000000000000000000000000000000b0b0");
    static final Address STRANGER = Address.parse("0x0000000000000000000000000000000000005555");
    static final Address TIMELOCK = Address.parse("0x2222222222222222222222222222222222222222");
    static final Address COMPOUND = Address.parse("0x4444444444444444444444444444444444444444");
    static final Address MULTISEND = Address.parse("0x40a2accbd92bca938b02010e17a5b8929b49130d");
    static final Address OTHER = Address.parse("0x7777777777777777777777777777777777777777");
    static final BigInteger GWEI = BigInteger.TEN.pow(9);

    static final String POLICY = """
            version: 1
            timeZone: UTC
            admins: {threshold: 1, addresses: ["0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"]}
            scope: {chains: [1], safes: ["%s"]}
            addressBook:
              - {address: "%s", label: Payroll}
            tokens:
              - {address: "%s", symbol: USDC, decimals: 6}
            rules:
              - {id: usdc-limits, kind: limit, asset: USDC, perTransaction: "50000"}
              - {id: eth-limits, kind: limit, asset: native, perTransaction: "10"}
              - {id: known, kind: recipient-allow, recipients: [Payroll, "%s", "%s", "%s"]}
              - id: contracts
                kind: contract-allow
                contracts:
                  - {contract: "%s", selectors: ["*"]}
                  - {contract: "%s", selectors: ["*"]}
                  - {contract: "%s", selectors: ["*"]}
              - {id: batches, kind: delegatecall-allow, targets: ["%s"]}
              - {id: refunds, kind: refund-allow, asset: native, receivers: [Payroll], maxRefund: "0.01", maxTxGas: 30000000}
            """.formatted(SAFE, PAYROLL, USDC, TIMELOCK, COMPOUND, USDC, USDC, TIMELOCK, COMPOUND, MULTISEND);

    @TempDir
    Path dir;

    static SafeTx plain(Call c) {
        return SafeTx.of(c, BigInteger.ZERO);
    }

    static SafeTx refund(Call c, long baseGas, BigInteger gasPrice, Address token, Address receiver) {
        return new SafeTx(c.to(), c.value(), c.data(), c.operation(), BigInteger.valueOf(50_000), BigInteger.valueOf(baseGas),
                gasPrice, token, receiver, BigInteger.ZERO);
    }

    static byte[] padded(byte[] data) {
        return Arrays.copyOf(data, data.length + 32);
    }

    static byte[] schedule(Address target, byte[] inner) {
        return encode("schedule", List.of(w3(target), new Uint256(0), new DynamicBytes(inner), new Bytes32(new byte[32]),
                new Bytes32(new byte[32]), new Uint256(86_400)));
    }

    static byte[] scheduleBatch(Address target, byte[] inner) {
        return encode("scheduleBatch", List.of(new DynamicArray<>(org.web3j.abi.datatypes.Address.class, List.of(w3(target))),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(0))),
                new DynamicArray<>(DynamicBytes.class, List.of(new DynamicBytes(inner))), new Bytes32(new byte[32]),
                new Bytes32(new byte[32]), new Uint256(86_400)));
    }

    static byte[] queueTransaction(Address target, byte[] inner) {
        return encode("queueTransaction", List.of(w3(target), new Uint256(0), new Utf8String(""), new DynamicBytes(inner),
                new Uint256(4_000_000_000L)));
    }

    static final byte[] PAY = transfer(PAYROLL, BigInteger.valueOf(1_000_000));

    static Stream<Arguments> cases() {
        Call pay = Call.of(USDC, BigInteger.ZERO, PAY);
        Call ethPay = Call.of(PAYROLL, BigInteger.ONE, new byte[0]);
        byte[] batch = multiSend(List.of(pay, ethPay));
        return Stream.of(
                // refunds
                Arguments.of("1 USDC with a USDC refund of baseGas 10^12", refund(pay, 1_000_000_000_000L, BigInteger.ONE, USDC, PAYROLL), 3,
                        "no refund-allow rule admits USDC"),
                Arguments.of("ether refund to a stranger", refund(pay, 30_000, GWEI, Address.ZERO, STRANGER), 3,
                        "is not listed in the rule's receivers"),
                Arguments.of("ether refund to tx.origin", refund(pay, 30_000, GWEI, Address.ZERO, Address.ZERO), 3,
                        "tx.origin (whoever executes)"),
                Arguments.of("token refund to tx.origin", refund(pay, 30_000, BigInteger.ONE, USDC, Address.ZERO), 3,
                        "no refund-allow rule admits USDC"),
                Arguments.of("honest ether refund to Payroll", refund(pay, 30_000, GWEI, Address.ZERO, PAYROLL), 0, "[refunds] ALLOW"),
                // padded calldata of known selectors on contracts contract-allow lists with "*"
                Arguments.of("padded transfer", plain(Call.of(USDC, BigInteger.ZERO, padded(PAY))), 3, "[malformed] DENY"),
                Arguments.of("padded approve", plain(Call.of(USDC, BigInteger.ZERO, padded(approve(PAYROLL, BigInteger.TEN)))), 3,
                        "[malformed] DENY"),
                Arguments.of("padded schedule", plain(Call.of(TIMELOCK, BigInteger.ZERO, padded(schedule(USDC, PAY)))), 3,
                        "[malformed] DENY"),
                Arguments.of("padded scheduleBatch", plain(Call.of(TIMELOCK, BigInteger.ZERO, padded(scheduleBatch(USDC, PAY)))), 3,
                        "[malformed] DENY"),
                Arguments.of("padded queueTransaction", plain(Call.of(COMPOUND, BigInteger.ZERO, padded(queueTransaction(USDC, PAY)))), 3,
                        "[malformed] DENY"),
                Arguments.of("honest transfer", plain(pay), 0, "ALLOW"),
                Arguments.of("honest schedule", plain(Call.of(TIMELOCK, BigInteger.ZERO, schedule(USDC, PAY))), 0, "ALLOW"),
                Arguments.of("honest scheduleBatch", plain(Call.of(TIMELOCK, BigInteger.ZERO, scheduleBatch(USDC, PAY))), 0, "ALLOW"),
                Arguments.of("honest queueTransaction", plain(Call.of(COMPOUND, BigInteger.ZERO, queueTransaction(USDC, PAY))), 0, "ALLOW"),
                // multiSend calldata outside an allowed delegatecall
                Arguments.of("multiSend calldata on a CALL", plain(Call.of(OTHER, BigInteger.ZERO, batch)), 3,
                        "no contract-allow rule lists 0x7777777777777777777777777777777777777777 with selector 0x8d80ff0a"),
                Arguments.of("multiSend calldata on a CALL to the listed MultiSend", plain(Call.of(MULTISEND, BigInteger.ZERO, batch)), 3,
                        "with selector 0x8d80ff0a"),
                Arguments.of("multiSend on an unlisted DELEGATECALL", plain(new Call(OTHER, BigInteger.ZERO, batch, Operation.DELEGATECALL)), 3,
                        "delegatecall to 0x7777777777777777777777777777777777777777 is not allowed"),
                Arguments.of("honest batch on the listed MultiSend", plain(new Call(MULTISEND, BigInteger.ZERO, batch, Operation.DELEGATECALL)),
                        0, "[batches] ALLOW"));
    }

    CliRunner.Result check(SafeTx tx, String name, String... more) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        Path req = dir.resolve(name.replaceAll("[^a-zA-Z0-9]+", "-") + ".json");
        RequestFile.write(new SafeRequest(BigInteger.ONE, SAFE, SafeVersion.V1_4_1, tx, List.of(), 0, List.of(), null), req);
        String[] args = Stream.concat(Stream.of("policy", "check", req.toString(), "--policy", policy.toString()), Stream.of(more))
                .toArray(String[]::new);
        return new CliRunner(dir.resolve("data")).global("--offline").run(args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachAttackIsDeniedForItsReasonAndEachHonestVariantAllowed(String name, SafeTx tx, int exit, String reason) throws Exception {
        CliRunner.Result r = check(tx, name, "--json");
        assertEquals(exit, r.code(), r.toString());
        String reasons = r.json().get("reasons").toString();
        assertTrue(reasons.contains(reason), "expected \"" + reason + "\" in " + reasons);
    }

    @Nested
    class Display {
        @Test
        void everyPlaceShowsTheTenFields() throws Exception {
            SafeTx tx = refund(Call.of(USDC, BigInteger.ZERO, PAY), 30_000, GWEI, Address.ZERO, STRANGER);
            CliRunner.Result r = check(tx, "fields");
            Path req = dir.resolve("fields.json");
            CliRunner.Result hash = new CliRunner(dir.resolve("data")).global("--offline").run("safe", "hash", req.toString());
            assertEquals(0, hash.code(), hash.toString());
            for (String out : List.of(r.out(), hash.out())) {
                for (String field : List.of("to", "value", "data", "operation", "safeTxGas", "baseGas", "gasPrice", "gasToken",
                        "refundReceiver", "nonce")) {
                    assertTrue(out.lines().anyMatch(l -> l.trim().replaceFirst("^! ", "").startsWith(field + " ")),
                            field + " missing in:\n" + out);
                }
                assertTrue(out.contains("! safeTxGas       50000"), out);
                assertTrue(out.contains("! gasPrice        1000000000"), out);
                assertTrue(out.contains("! refundReceiver  " + STRANGER), out);
                assertTrue(out.contains("  gasToken        0x0000000000000000000000000000000000000000 (ether)"), out);
                assertTrue(out.contains("  data            " + Hex.encode(PAY) + " (68 bytes)"), out);
            }
        }

        /**
         * The legs of a multiSend delegatecalled on a contract the policy does not list are what
         * the calldata claims, not what will run (the contract's own code runs): each is shown
         * marked as claimed and untrusted; under the listed MultiSend none is.
         */
        @Test
        void legsUnderAnUnlistedDelegatecallAreShownAsClaimedNotAsWhatHappens() throws Exception {
            byte[] batch = multiSend(List.of(Call.of(USDC, BigInteger.ZERO, PAY), Call.of(PAYROLL, BigInteger.ONE, new byte[0])));
            CliRunner.Result unlisted = check(plain(new Call(OTHER, BigInteger.ZERO, batch, Operation.DELEGATECALL)), "claimed");
            assertEquals(3, unlisted.code(), unlisted.toString());
            List<String> claimed = unlisted.out().lines().filter(l -> l.contains("claimed, untrusted")).toList();
            assertEquals(2, claimed.size(), unlisted.out());
            assertTrue(claimed.stream().allMatch(l -> l.trim().startsWith("⚠ claimed, untrusted")), claimed.toString());

            CliRunner.Result listed = check(plain(new Call(MULTISEND, BigInteger.ZERO, batch, Operation.DELEGATECALL)), "listed");
            assertEquals(0, listed.code(), listed.toString());
            assertTrue(listed.out().lines().noneMatch(l -> l.contains("claimed")), listed.out());
            assertTrue(listed.out().contains("Payroll"), listed.out());
        }
    }
}
