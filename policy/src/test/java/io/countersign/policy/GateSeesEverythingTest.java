package io.countersign.policy;

import static io.countersign.policy.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import io.countersign.eth.Operation;
import io.countersign.eth.intent.DecoderRegistry;
import io.countersign.eth.intent.DelegateCall;
import io.countersign.eth.intent.TokenApprove;
import io.countersign.eth.intent.GasRefund;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.MalformedCall;
import io.countersign.eth.intent.TokenRegistry;
import io.countersign.eth.intent.UnknownCall;
import io.countersign.policy.Reason.Outcome;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The gate's view of a request equals what the Safe will do: refunds, non-canonical calldata of
 * known selectors, multiSend calldata outside an allowed delegatecall, and CREATE. Each attack is
 * denied for its own reason, and its honest variant is allowed.
 */
class GateSeesEverythingTest {
    static final Instant WED_10H = Instant.parse("2025-06-11T08:00:00Z");
    static final Address STRANGER = Address.parse("0x0000000000000000000000000000000000005555");

    /** The fixture policy plus a refund rule: ether to Payroll or tx.origin, at most 0.01 ETH worst case. */
    static Policy refundPolicy(boolean withRecipientRules) {
        String yaml = policyYaml(1, List.of(ADMIN1, ADMIN2, ADMIN3), 2) + """
                  - id: refunds
                    kind: refund-allow
                    asset: native
                    receivers: [Payroll, tx.origin]
                    maxRefund: "0.01"
                    maxTxGas: 30000000
                  - id: usdc-refunds
                    kind: refund-allow
                    asset: USDC
                    receivers: [Payroll]
                    maxRefund: "5"
                    maxTxGas: 30000000
                """;
        if (!withRecipientRules) {
            yaml = yaml.replaceAll("(?s)  - id: known-recipients.*?(?=  - id: contracts)", "");
        }
        return PolicyParser.parse(yaml);
    }

    static GateContext ctx() {
        return GateContext.direct(CHAIN, SAFE, WED_10H, SpendLedger.NONE);
    }

    static boolean denies(Decision d, String ruleId, String text) {
        return d.reasons().stream().anyMatch(r -> r.ruleId().equals(ruleId) && r.outcome() == Outcome.DENY
                && r.message().contains(text));
    }

    static List<Intent> withRefund(Intent call, long safeTxGas, long baseGas, BigInteger gasPrice, Address token,
            Address receiver) {
        List<Intent> out = new ArrayList<>(List.of(call));
        out.add(GasRefund.of(call.call(), BigInteger.valueOf(safeTxGas), BigInteger.valueOf(baseGas), gasPrice, token, receiver));
        return out;
    }

    static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

    @Nested
    class Refunds {
        @Test
        void aRefundIsDeniedWhenNoRuleAdmitsIt() {
            // the fixture policy has no refund-allow rule: "1 USDC to Payroll" with a USDC refund of baseGas 10^12
            Decision d = GATE().evaluate(withRefund(usdcTransfer(PAYROLL, usdc(1)), 0, 1_000_000_000_000L, BigInteger.ONE,
                    USDC, PAYROLL), ctx());
            assertInstanceOf(Decision.Deny.class, d);
            assertTrue(denies(d, "default-deny", "no refund-allow rule admits"), d.reasons().toString());
            // counted: at least baseGas × gasPrice = 10^12 USDC base units on top of the transfer
            assertTrue(d.spend().get(Asset.token(USDC)).compareTo(usdc(1).add(BigInteger.TEN.pow(12))) > 0);
        }

        PolicyGate GATE() {
            return PolicyGate.of(policy());
        }

        @Test
        void anEtherRefundToAListedReceiverWithinTheCapIsAllowedAndCounted() {
            PolicyGate gate = PolicyGate.of(refundPolicy(true));
            Decision d = gate.evaluate(withRefund(eth(PAYROLL, BigInteger.ONE), 50_000, 30_000, GWEI, Address.ZERO, PAYROLL), ctx());
            assertInstanceOf(Decision.Allow.class, d, d.reasons().toString());
            BigInteger counted = d.spend().get(Asset.NATIVE);
            // at least 1 wei + (safeTxGas + baseGas) × gasPrice, at most the cap of 0.01 ETH plus the 1 wei
            assertTrue(counted.compareTo(BigInteger.ONE.add(BigInteger.valueOf(80_000).multiply(GWEI))) > 0, counted.toString());
            assertTrue(counted.compareTo(new BigInteger("10000000000000001")) <= 0, counted.toString());
            assertTrue(d.reasons().stream().anyMatch(r -> r.ruleId().equals("refunds") && r.outcome() == Outcome.ALLOW));
        }

        @Test
        void anEtherRefundToAStrangerIsDenied() {
            PolicyGate gate = PolicyGate.of(refundPolicy(true));
            Decision d = gate.evaluate(withRefund(eth(PAYROLL, BigInteger.ONE), 50_000, 30_000, GWEI, Address.ZERO, STRANGER), ctx());
            assertInstanceOf(Decision.Deny.class, d);
            assertTrue(denies(d, "refunds", "is not listed in the rule's receivers"), d.reasons().toString());
            assertTrue(denies(d, "known-recipients", "is not on the allow list"), d.reasons().toString());
        }

        @Test
        void anEtherRefundOverTheCapIsDenied() {
            PolicyGate gate = PolicyGate.of(refundPolicy(true));
            // baseGas 10^7 at 1 gwei: 0.01 ETH already, plus gasUsed
            Decision d = gate.evaluate(withRefund(eth(PAYROLL, BigInteger.ONE), 0, 10_000_000, GWEI, Address.ZERO, PAYROLL), ctx());
            assertInstanceOf(Decision.Deny.class, d);
            assertTrue(denies(d, "refunds", "exceeds the cap of 10000000000000000"), d.reasons().toString());
        }

        @Test
        void anEtherRefundToTxOriginIsDeniedUnderRecipientListsAndAllowedWithout() {
            Intent pay = eth(PAYROLL, BigInteger.ONE);
            Decision listed = PolicyGate.of(refundPolicy(true)).evaluate(
                    withRefund(pay, 50_000, 30_000, GWEI, Address.ZERO, Address.ZERO), ctx());
            assertInstanceOf(Decision.Deny.class, listed);
            assertTrue(denies(listed, "known-recipients", "tx.origin (whoever executes)"), listed.reasons().toString());
            assertTrue(denies(listed, "blocked", "tx.origin (whoever executes)"), listed.reasons().toString());
            Decision open = PolicyGate.of(refundPolicy(false)).evaluate(
                    withRefund(pay, 50_000, 30_000, GWEI, Address.ZERO, Address.ZERO), ctx());
            assertInstanceOf(Decision.Allow.class, open, open.reasons().toString());
        }

        @Test
        void aTokenRefundIsCountedAgainstTheTokensLimitAndItsOwnCap() {
            PolicyGate gate = PolicyGate.of(refundPolicy(true));
            // 1 USDC base unit per gas: worst case is well above 5 USDC = 5,000,000 base units? no: about 10^5 gas
            Decision small = gate.evaluate(withRefund(usdcTransfer(PAYROLL, usdc(1)), 50_000, 30_000, BigInteger.ONE, USDC,
                    PAYROLL), ctx());
            assertInstanceOf(Decision.Allow.class, small, small.reasons().toString());
            assertTrue(small.spend().get(Asset.token(USDC)).compareTo(usdc(1).add(BigInteger.valueOf(80_000))) > 0);
            Decision stranger = gate.evaluate(withRefund(usdcTransfer(PAYROLL, usdc(1)), 50_000, 30_000, BigInteger.ONE, USDC,
                    STRANGER), ctx());
            assertTrue(denies(stranger, "usdc-refunds", "is not listed"), stranger.reasons().toString());
            Decision txOrigin = gate.evaluate(withRefund(usdcTransfer(PAYROLL, usdc(1)), 50_000, 30_000, BigInteger.ONE, USDC,
                    Address.ZERO), ctx());
            assertTrue(denies(txOrigin, "usdc-refunds", "tx.origin"), txOrigin.reasons().toString());
            // 10^12 baseGas at 1 base unit: 10^6 USDC worst case, over the 5 USDC cap and the 50,000 USDC limit
            Decision huge = gate.evaluate(withRefund(usdcTransfer(PAYROLL, usdc(1)), 0, 1_000_000_000_000L, BigInteger.ONE,
                    USDC, PAYROLL), ctx());
            assertTrue(denies(huge, "usdc-refunds", "exceeds the cap"), huge.reasons().toString());
            assertTrue(denies(huge, "usdc-limits", "exceeds the limit"), huge.reasons().toString());
        }

        @Test
        void aRefundInATokenNoRuleNamesIsDenied() {
            PolicyGate gate = PolicyGate.of(refundPolicy(true));
            Decision d = gate.evaluate(withRefund(eth(PAYROLL, BigInteger.ONE), 1, 1, BigInteger.ONE, ROUTER, PAYROLL), ctx());
            assertTrue(denies(d, "default-deny", "no refund-allow rule admits"), d.reasons().toString());
        }
    }

    @Nested
    class StrictDecoding {
        /** A contract-allow "*" rule lists TIMELOCK: a padded transfer on it is still denied. */
        @Test
        void aPaddedTransferOnAStarListedContractIsDenied() {
            byte[] good = Hex.decode("a9059cbb" + "0".repeat(60) + "b0b0" + "0".repeat(62) + "01", "d");
            byte[] padded = java.util.Arrays.copyOf(good, good.length + 32);
            List<Intent> intents = DecoderRegistry.standard().decode(Call.of(TIMELOCK, BigInteger.ZERO, padded), CHAIN, SAFE,
                    TokenRegistry.empty());
            assertInstanceOf(MalformedCall.class, intents.getFirst());
            Decision d = GATE.evaluate(intents, ctx());
            assertInstanceOf(Decision.Deny.class, d);
            assertTrue(denies(d, "malformed", "never signed, whatever contract-allow lists"), d.reasons().toString());
            // the canonical transfer on the same contract is a token transfer to Payroll (not a contract call)
            Decision honest = GATE.evaluate(DecoderRegistry.standard().decode(Call.of(TIMELOCK, BigInteger.ZERO, good), CHAIN,
                    SAFE, TokenRegistry.empty()), ctx());
            assertTrue(honest.reasons().stream().noneMatch(r -> r.ruleId().equals("malformed")), honest.reasons().toString());
        }

        @Test
        void aPaddedApproveIsDeniedEvenInsideAnAllowedBatch() {
            byte[] padded = Hex.decode("095ea7b3" + "0".repeat(60) + "b0b0" + "0".repeat(62) + "01" + "00", "d");
            List<Intent> legs = DecoderRegistry.standard().decode(Call.of(USDC, BigInteger.ZERO, padded), CHAIN, SAFE,
                    TokenRegistry.empty());
            Decision d = GATE.evaluate(List.of(multiSend(legs)), ctx());
            assertTrue(denies(d, "malformed", "approve(address,uint256)"), d.reasons().toString());
        }

        static final PolicyGate GATE = PolicyGate.of(policy());
    }

    /** docs/threat-model.md, "Unlimited approvals": an approval is spend of its amount, so 2^256−1 exceeds every limit. */
    @Nested
    class UnlimitedApprovals {
        static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

        static TokenApprove approve(Address spender, BigInteger amount) {
            return new TokenApprove(Call.of(USDC, BigInteger.ZERO, new byte[] {0x09, 0x5e, (byte) 0xa7, (byte) 0xb3}), USDC,
                    Optional.empty(), spender, amount);
        }

        @Test
        void anUnlimitedApprovalToAListedRecipientCountsItsWholeAmountAndIsDenied() {
            Decision d = PolicyGate.of(policy()).evaluate(List.of(approve(PAYROLL, MAX)), ctx());
            assertInstanceOf(Decision.Deny.class, d, d.reasons().toString());
            assertEquals(MAX, d.spend().get(Asset.token(USDC)));
            assertTrue(d.reasons().stream().anyMatch(r -> r.ruleId().equals("usdc-limits") && r.outcome() == Outcome.DENY),
                    d.reasons().toString());
            // the same approval of a small amount passes the same rules
            Decision small = PolicyGate.of(policy()).evaluate(List.of(approve(PAYROLL, usdc(10))), ctx());
            assertInstanceOf(Decision.Allow.class, small, small.reasons().toString());
        }
    }

    @Nested
    class DelegatecallLegs {
        static final PolicyGate GATE = PolicyGate.of(policy());

        @Test
        void legsOfAnUnlistedDelegatecallAreNeitherCountedNorAllowed() {
            Address unlisted = Address.parse("0x0000000000000000000000000000000000007777");
            DelegateCall d = new DelegateCall(new Call(unlisted, BigInteger.ZERO, new byte[] {1, 2, 3, 4}, Operation.DELEGATECALL),
                    unlisted, List.of(eth(PAYROLL, BigInteger.ONE)));
            Decision decision = GATE.evaluate(List.of(d), ctx());
            assertInstanceOf(Decision.Deny.class, decision);
            assertTrue(denies(decision, "default-deny", "delegatecall to"), decision.reasons().toString());
            assertEquals(null, decision.spend().get(Asset.NATIVE));
            // the same legs under the listed MultiSend are counted
            Decision listed = GATE.evaluate(List.of(multiSend(List.of(eth(PAYROLL, BigInteger.ONE)))), ctx());
            assertEquals(BigInteger.ONE, listed.spend().get(Asset.NATIVE));
        }
    }

    @Nested
    class Create {
        @Test
        void operationCreateIsAlwaysDenied() {
            Call create = new Call(Address.ZERO, BigInteger.ZERO, new byte[] {0x60, 0x00}, Operation.CREATE);
            List<Intent> intents = DecoderRegistry.standard().decode(create, CHAIN, SAFE, TokenRegistry.empty());
            assertInstanceOf(UnknownCall.class, intents.getFirst());
            Decision d = PolicyGate.of(policy()).evaluate(intents, ctx());
            assertTrue(denies(d, "create", "never signed"), d.reasons().toString());
        }
    }
}
