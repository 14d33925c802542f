package io.countersign.policy;

import static io.countersign.policy.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.intent.ContractCall;
import io.countersign.eth.intent.DecodedArg;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.SafeChange;
import io.countersign.eth.intent.SafeSelfCall;
import io.countersign.eth.intent.TimelockFlavor;
import io.countersign.eth.intent.TimelockStep;
import io.countersign.eth.intent.UnknownCall;
import io.countersign.policy.Reason.Outcome;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyGateTest {
    /** Wednesday 11 June 2025, 10:00 in Berlin (CEST, UTC+2). */
    static final Instant WED_10H = Instant.parse("2025-06-11T08:00:00Z");
    static final PolicyGate GATE = PolicyGate.of(policy());

    static GateContext ctx() {
        return GateContext.direct(CHAIN, SAFE, WED_10H, SpendLedger.NONE);
    }

    static Decision decide(List<Intent> intents, GateContext ctx) {
        return GATE.evaluate(intents, ctx);
    }

    static boolean denies(Decision d, String ruleId) {
        return d.reasons().stream().anyMatch(r -> r.ruleId().equals(ruleId) && r.outcome() == Outcome.DENY);
    }

    @Test
    void aSmallTransferToAKnownRecipientIsAllowed() {
        Decision d = decide(List.of(usdcTransfer(PAYROLL, usdc(1_000))), ctx());
        assertInstanceOf(Decision.Allow.class, d, d.reasons().toString());
        assertEquals(usdc(1_000), d.spend().get(Asset.token(USDC)));
    }

    @Test
    void perTransactionLimitAllowsExactlyTheLimitAndDeniesOneBaseUnitMore() {
        GateContext threeApprovals = ctx().withApprovals(3).viaTimelock(86_400);
        Decision at = decide(List.of(usdcTransfer(PAYROLL, usdc(50_000))), threeApprovals);
        assertInstanceOf(Decision.Allow.class, at, at.reasons().toString());
        Decision over = decide(List.of(usdcTransfer(PAYROLL, usdc(50_000).add(BigInteger.ONE))), threeApprovals);
        assertInstanceOf(Decision.Deny.class, over);
        Reason r = over.reasons().stream().filter(x -> x.ruleId().equals("usdc-limits") && x.outcome() == Outcome.DENY)
                .findFirst().orElseThrow();
        assertEquals(new BigInteger("50000000001"), r.compared().orElseThrow().actual());
        assertEquals(new BigInteger("50000000000"), r.compared().orElseThrow().bound());
    }

    @Test
    void aBatchOfLegsEachUnderTheLimitButTogetherOverIsDenied() {
        // three legs of 9 ETH, each under the 10 ETH per-transaction limit, 27 ETH together
        BigInteger nine = new BigInteger("9000000000000000000");
        Decision d = decide(List.of(multiSend(List.of(eth(PAYROLL, nine), eth(VENDOR, nine), eth(PAYROLL, nine)))), ctx());
        assertInstanceOf(Decision.Deny.class, d);
        Reason r = d.reasons().stream().filter(x -> x.ruleId().equals("eth-limits")).findFirst().orElseThrow();
        assertEquals(new BigInteger("27000000000000000000"), r.compared().orElseThrow().actual());
        // the same legs one at a time are fine
        assertInstanceOf(Decision.Allow.class, decide(List.of(multiSend(List.of(eth(PAYROLL, nine)))), ctx()));
    }

    @Test
    void rollingDayCountsSpendSoFarFromTheLedger() {
        SpendLedger spent = (chain, safe, asset, since) -> {
            assertEquals(WED_10H.minusSeconds(86_400), since);
            return asset.equals(Asset.token(USDC)) ? usdc(95_000) : BigInteger.ZERO;
        };
        GateContext c = new GateContext(CHAIN, SAFE, WED_10H, Optional.empty(), 1, spent);
        assertInstanceOf(Decision.Allow.class, decide(List.of(usdcTransfer(PAYROLL, usdc(5_000))), c));
        Decision d = decide(List.of(usdcTransfer(PAYROLL, usdc(5_001))), c);
        assertTrue(denies(d, "usdc-limits"), d.reasons().toString());
        assertEquals(usdc(100_001), d.reasons().stream().filter(r -> r.outcome() == Outcome.DENY).findFirst()
                .orElseThrow().compared().orElseThrow().actual());
    }

    @Test
    void recipientsOffTheAllowListOrOnTheDenyListAreDenied() {
        Address stranger = Address.parse("0x0000000000000000000000000000000000000abc");
        Decision d = decide(List.of(usdcTransfer(stranger, usdc(1))), ctx());
        assertTrue(denies(d, "known-recipients"), d.reasons().toString());
        Decision m = decide(List.of(eth(MALLORY, BigInteger.ONE)), ctx());
        assertTrue(denies(m, "blocked"), m.reasons().toString());
        assertTrue(m.reasons().stream().anyMatch(r -> r.message().contains("deny list")));
    }

    @Test
    void contractCallsNeedAListedContractAndSelector() {
        Call swap = Call.of(ROUTER, BigInteger.ZERO, new byte[4]);
        // swap(uint256,uint256) is listed by signature in the policy; its selector is computed by the parser
        String swapSelector = "0x" + io.countersign.eth.Hex.encodeBare(java.util.Arrays.copyOf(
                org.web3j.crypto.Hash.sha3("swap(uint256,uint256)".getBytes()), 4));
        ContractCall listed = new ContractCall(swap, ROUTER, swapSelector, "swap(uint256,uint256)", List.<DecodedArg>of());
        assertInstanceOf(Decision.Allow.class, decide(List.of(listed), ctx()));
        UnknownCall byHex = new UnknownCall(swap, ROUTER, "0x12345678", "0x", "test");
        assertInstanceOf(Decision.Allow.class, decide(List.of(byHex), ctx()));
        UnknownCall other = new UnknownCall(swap, ROUTER, "0xdeadbeef", "0x", "test");
        Decision d = decide(List.of(other), ctx());
        assertTrue(denies(d, "default-deny"), d.reasons().toString());
        assertTrue(d.reasons().getFirst().message().contains("0xdeadbeef"));
    }

    @Test
    void delegatecallOnlyToListedMultiSend() {
        Address evil = Address.parse("0x0000000000000000000000000000000000000e71");
        var dc = new io.countersign.eth.intent.DelegateCall(
                new Call(evil, BigInteger.ZERO, new byte[4], io.countersign.eth.Operation.DELEGATECALL), evil, List.of());
        Decision d = decide(List.of(dc), ctx());
        assertTrue(denies(d, "default-deny"), d.reasons().toString());
        assertTrue(d.reasons().stream().anyMatch(r -> r.message().contains("delegatecall to " + evil)));
    }

    @Test
    void timeWindowsStraddlingMidnightInThePolicyZone() {
        List<Intent> small = List.of(usdcTransfer(PAYROLL, usdc(1)));
        // Friday 23:30 Berlin = 21:30Z: inside FRI 22:00–02:00
        assertInstanceOf(Decision.Allow.class, decide(small, at("2025-06-13T21:30:00Z")));
        // Saturday 01:30 Berlin = Friday 23:30Z: still inside (the window opened on Friday)
        assertInstanceOf(Decision.Allow.class, decide(small, at("2025-06-13T23:30:00Z")));
        // Saturday 02:00 Berlin = Saturday 00:00Z: the window is closed at its end
        assertTrue(denies(decide(small, at("2025-06-14T00:00:00Z")), "office-hours"));
        // Thursday 23:30 Berlin: no window opens on Thursday night
        assertTrue(denies(decide(small, at("2025-06-12T21:30:00Z")), "office-hours"));
        // Wednesday 18:00 Berlin exactly: the office window is [08:00, 18:00)
        assertTrue(denies(decide(small, at("2025-06-11T16:00:00Z")), "office-hours"));
    }

    static GateContext at(String instant) {
        return GateContext.direct(CHAIN, SAFE, Instant.parse(instant), SpendLedger.NONE);
    }

    @Test
    void aboveATierADirectTransferRequiresATimelock() {
        Decision d = decide(List.of(usdcTransfer(PAYROLL, usdc(25_000))), ctx());
        Decision.RequireTimelock t = assertInstanceOf(Decision.RequireTimelock.class, d, d.reasons().toString());
        assertEquals(86_400, t.minDelaySeconds());
        // exactly at the tier threshold is not above it
        assertInstanceOf(Decision.Allow.class, decide(List.of(usdcTransfer(PAYROLL, usdc(20_000))), ctx()));
    }

    @Test
    void theSameTransferScheduledOnATimelockWithEnoughDelayIsAllowed() {
        TimelockStep longDelay = schedule(86_400, usdcTransfer(PAYROLL, usdc(25_000)));
        assertInstanceOf(Decision.Allow.class, decide(List.of(longDelay), ctx()));
        TimelockStep shortDelay = schedule(3_600, usdcTransfer(PAYROLL, usdc(25_000)));
        Decision d = decide(List.of(shortDelay), ctx());
        assertInstanceOf(Decision.RequireTimelock.class, d);
        Reason r = d.reasons().stream().filter(x -> x.outcome() == Outcome.REQUIRE_TIMELOCK).findFirst().orElseThrow();
        assertEquals(BigInteger.valueOf(3_600), r.compared().orElseThrow().actual());
    }

    static TimelockStep schedule(long delay, Intent inner) {
        return new TimelockStep(Call.of(TIMELOCK, BigInteger.ZERO, new byte[] {1, (byte) 0xd5, 6, 0x2a}), TIMELOCK,
                TimelockFlavor.OPENZEPPELIN, TimelockStep.Action.SCHEDULE, List.of(inner),
                Optional.of(BigInteger.valueOf(delay)), Optional.empty(), Optional.empty());
    }

    @Test
    void aboveTheHighestTierApprovalsAreRequired() {
        TimelockStep big = schedule(86_400, usdcTransfer(PAYROLL, usdc(45_000)));
        Decision d = decide(List.of(big), ctx().withApprovals(2));
        Decision.RequireApproval a = assertInstanceOf(Decision.RequireApproval.class, d, d.reasons().toString());
        assertEquals(3, a.approvals());
        assertEquals(2, a.have());
        assertInstanceOf(Decision.Allow.class, decide(List.of(big), ctx().withApprovals(3)));
    }

    @Test
    void privilegedSafeChangesAlwaysRequireTheHighestTier() {
        SafeSelfCall addOwner = new SafeSelfCall(Call.of(SAFE, BigInteger.ZERO, new byte[4]), SAFE,
                SafeChange.ADD_OWNER_WITH_THRESHOLD, List.of(new DecodedArg("owner", "address", MALLORY.toString())));
        Decision d = decide(List.of(addOwner), ctx());
        Decision.RequireApproval a = assertInstanceOf(Decision.RequireApproval.class, d, d.reasons().toString());
        assertEquals(3, a.approvals());
        assertTrue(d.reasons().stream().anyMatch(r -> r.ruleId().equals("huge-usdc") && r.message().contains("privileged")));
        assertInstanceOf(Decision.Allow.class, decide(List.of(addOwner), ctx().withApprovals(3)));
    }

    @Test
    void privilegedChangesAreDeniedWhenThePolicyHasNoTier() {
        String noTiers = policyYaml(1, List.of(ADMIN1), 1);
        noTiers = noTiers.substring(0, noTiers.indexOf("  - id: big-usdc"));
        SafeSelfCall threshold = new SafeSelfCall(Call.of(SAFE, BigInteger.ZERO, new byte[4]), SAFE,
                SafeChange.CHANGE_THRESHOLD, List.of());
        Decision d = PolicyGate.of(PolicyParser.parse(noTiers)).evaluate(List.of(threshold), ctx().withApprovals(9));
        assertTrue(denies(d, "privileged"), d.reasons().toString());
    }

    @Test
    void anAssetWithoutALimitRuleCannotBeSpent() {
        Address dai = Address.parse("0x6b175474e89094c44da98b954eedeac495271d0f");
        var t = new io.countersign.eth.intent.TokenTransfer(Call.of(dai, BigInteger.ZERO, new byte[4]), dai,
                Optional.empty(), PAYROLL, BigInteger.ONE);
        Decision d = decide(List.of(t), ctx());
        assertTrue(denies(d, "default-deny"), d.reasons().toString());
        assertTrue(d.reasons().stream().anyMatch(r -> r.message().contains("no limit rule covers " + dai)));
    }

    @Test
    void requestsOutsideTheScopeAreDenied() {
        Decision d = GATE.evaluate(List.of(usdcTransfer(PAYROLL, usdc(1))),
                GateContext.direct(BigInteger.valueOf(137), SAFE, WED_10H, SpendLedger.NONE));
        assertTrue(denies(d, "scope"), d.reasons().toString());
    }

    @Test
    void devModeAllowsWithAReasonThatSaysSo() {
        Decision d = PolicyGate.devMode().evaluate(List.of(eth(MALLORY, BigInteger.TEN.pow(30))), ctx());
        assertInstanceOf(Decision.Allow.class, d);
        assertEquals("dev-mode", d.reasons().getFirst().ruleId());
    }
}
