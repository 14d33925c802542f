package io.countersign.policy;

import static io.countersign.policy.Fixtures.MALLORY;
import static io.countersign.policy.Fixtures.PAYROLL;
import static io.countersign.policy.Fixtures.SAFE;
import static io.countersign.policy.Fixtures.USDC;
import static io.countersign.policy.Fixtures.eth;
import static io.countersign.policy.Fixtures.usdc;
import static io.countersign.policy.Fixtures.usdcTransfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.intent.DecodedArg;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.SafeChange;
import io.countersign.eth.intent.SafeSelfCall;
import io.countersign.eth.intent.TokenApprove;
import io.countersign.eth.simulation.SafeConfigChange;
import io.countersign.eth.simulation.Simulation;
import io.countersign.eth.simulation.TokenApproval;
import io.countersign.eth.simulation.Transfer;
import io.countersign.policy.SimulationCheck.Evidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gate's cross-check of simulated effects against the decoded intents, case by case. The
 * movements are written here as a node reports them; the on-chain cases (a contract pulling the
 * Safe's tokens, a revert, an owner change) run on anvil in the app's SimulationCliTest.
 */
class SimulationCheckTest {
    static final BigInteger ETH = BigInteger.TEN.pow(18);

    static Simulation sim(boolean success, List<Transfer> transfers, List<TokenApproval> approvals, List<SafeConfigChange> changes) {
        return new Simulation("eth_simulateV1", "http://127.0.0.1:8545", BigInteger.valueOf(42), success,
                success ? Optional.empty() : Optional.of("ERC20: transfer amount exceeds balance"), Optional.of(BigInteger.valueOf(60_000)),
                true, PAYROLL, transfers, approvals, changes, List.of());
    }

    static Transfer usdcOut(Address to, BigInteger amount) {
        return new Transfer(Transfer.Standard.ERC20, Optional.of(USDC), SAFE, to, amount, Optional.empty());
    }

    static Decision decide(List<Intent> intents, Simulation s) {
        return PolicyGate.of(Fixtures.policy()).evaluate(intents, PolicyGateTest.ctx(), new Evidence.Simulated(s));
    }

    static List<String> simulationFindings(Decision d) {
        return d.reasons().stream().filter(r -> r.ruleId().equals(SimulationCheck.RULE)).map(Reason::toString).toList();
    }

    @Test
    void movementsTheIntentsAccountForAreAllowed() {
        Decision d = decide(List.of(usdcTransfer(PAYROLL, usdc(100)), eth(PAYROLL, ETH)),
                sim(true, List.of(usdcOut(PAYROLL, usdc(100)), Transfer.nativeTransfer(SAFE, PAYROLL, ETH)), List.of(), List.of()));
        assertInstanceOf(Decision.Allow.class, d, d.reasons().toString());
        assertEquals(List.of("[simulation] ALLOW: simulated with eth_simulateV1 at block 42 on http://127.0.0.1:8545: 2 outflow(s), "
                + "0 approval(s) and 0 Safe change(s), each accounted for by the decoded calls"), simulationFindings(d));
    }

    @Test
    void anOutflowBeyondTheIntentsIsDeniedNamingIt() {
        // the intent pays Payroll 100 USDC; the chain also moves 5 USDC to Mallory, and a second 100 to Payroll
        Decision d = decide(List.of(usdcTransfer(PAYROLL, usdc(100))),
                sim(true, List.of(usdcOut(PAYROLL, usdc(100)), usdcOut(MALLORY, usdc(5)), usdcOut(PAYROLL, usdc(100))),
                        List.of(), List.of()));
        assertInstanceOf(Decision.Deny.class, d);
        assertEquals(List.of(
                "[simulation] DENY: the simulation shows 5000000 base units of USDC to " + MALLORY + " leaving the Safe, which no "
                        + "decoded call accounts for (simulated with eth_simulateV1 at block 42 on http://127.0.0.1:8545)",
                "[simulation] DENY: the simulation shows 100000000 base units of USDC to Payroll (" + PAYROLL + ") leaving the Safe, "
                        + "which no decoded call accounts for (simulated with eth_simulateV1 at block 42 on http://127.0.0.1:8545)"),
                simulationFindings(d));
    }

    @Test
    void aFailingCallIsDeniedWithItsReason() {
        Decision d = decide(List.of(usdcTransfer(PAYROLL, usdc(100))), sim(false, List.of(), List.of(), List.of()));
        assertInstanceOf(Decision.Deny.class, d);
        assertTrue(simulationFindings(d).getFirst().contains("DENY: the simulation (simulated with eth_simulateV1 at block 42 on "
                + "http://127.0.0.1:8545) shows the transaction failing: ERC20: transfer amount exceeds balance"), d.reasons().toString());
    }

    @Test
    void anApprovalIsAccountedForOnlyByAnApproveOfThatTokenSpenderAndAmount() {
        TokenApproval set = new TokenApproval(TokenApproval.Kind.ERC20, USDC, SAFE, PAYROLL, usdc(10));
        TokenApprove approve = new TokenApprove(Call.of(USDC, BigInteger.ZERO, new byte[] {9, 5, (byte) 0xea, (byte) 0xb3}), USDC,
                Optional.empty(), PAYROLL, usdc(10));
        assertTrue(simulationFindings(decide(List.of(approve), sim(true, List.of(), List.of(set), List.of()))).getFirst()
                .startsWith("[simulation] ALLOW"));
        TokenApproval more = new TokenApproval(TokenApproval.Kind.ERC20, USDC, SAFE, PAYROLL, usdc(11));
        List<String> denied = simulationFindings(decide(List.of(approve), sim(true, List.of(), List.of(more), List.of())));
        assertTrue(denied.getFirst().startsWith("[simulation] DENY: the simulation shows an allowance of 11000000 base units of token "
                + USDC + " for Payroll (" + PAYROLL + ")"), denied.toString());
        // an operator approval with no intent at all
        TokenApproval all = new TokenApproval(TokenApproval.Kind.FOR_ALL, USDC, SAFE, MALLORY, BigInteger.ONE);
        assertInstanceOf(Decision.Deny.class, decide(List.of(eth(PAYROLL, ETH)),
                sim(true, List.of(Transfer.nativeTransfer(SAFE, PAYROLL, ETH)), List.of(all), List.of())));
        // approvals of others (e.g. a spender's allowance over its own tokens) are not the Safe's
        TokenApproval others = new TokenApproval(TokenApproval.Kind.ERC20, USDC, MALLORY, SAFE, usdc(1));
        assertInstanceOf(Decision.Allow.class, decide(List.of(eth(PAYROLL, ETH)),
                sim(true, List.of(Transfer.nativeTransfer(SAFE, PAYROLL, ETH)), List.of(others), List.of())));
    }

    @Test
    void aSafeChangeMustMatchADecodedSelfCallOfThatFunctionAndAddress() {
        Address newOwner = Address.parse("0x00000000000000000000000000000000000a11ce");
        SafeSelfCall add = new SafeSelfCall(Call.of(SAFE, BigInteger.ZERO, new byte[] {0x0d, 0x58, 0x2f, 0x13}), SAFE,
                SafeChange.ADD_OWNER_WITH_THRESHOLD, List.of(new DecodedArg("owner", "address", newOwner.toString()),
                        new DecodedArg("_threshold", "uint256", "2")));
        SafeConfigChange added = new SafeConfigChange(SafeConfigChange.Kind.OWNER_ADDED, Optional.of(newOwner), Optional.empty());
        SafeConfigChange other = new SafeConfigChange(SafeConfigChange.Kind.OWNER_ADDED, Optional.of(MALLORY), Optional.empty());
        SafeConfigChange module = new SafeConfigChange(SafeConfigChange.Kind.MODULE_ENABLED, Optional.of(MALLORY), Optional.empty());
        Decision ok = decide(List.of(add), sim(true, List.of(), List.of(), List.of(added)));
        assertTrue(simulationFindings(ok).getFirst().startsWith("[simulation] ALLOW"), ok.reasons().toString());
        for (SafeConfigChange c : List.of(other, module)) {
            List<String> f = simulationFindings(decide(List.of(add), sim(true, List.of(), List.of(), List.of(added, c))));
            assertEquals(List.of("[simulation] DENY: the simulation shows the Safe's configuration change " + c.describe()
                    + ", which no decoded Safe call accounts for (simulated with eth_simulateV1 at block 42 on http://127.0.0.1:8545)"), f);
        }
    }

    @Test
    void withoutASimulationTheFindingSaysSo() {
        Decision d = PolicyGate.of(Fixtures.policy()).evaluate(List.of(eth(PAYROLL, ETH)), PolicyGateTest.ctx(),
                new Evidence.NotSimulated("offline"));
        assertInstanceOf(Decision.Allow.class, d);
        assertEquals(List.of("[simulation] ALLOW: nothing was simulated (offline): the decoded calls are all the gate checked"),
                simulationFindings(d));
    }
}
