package io.countersign.policy;

import static io.countersign.policy.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    @Test
    void amountsInTokenUnitsUseTheTokensDecimals() {
        assertEquals(new BigInteger("1500250000"), Amounts.parse("1500.25", Optional.of(6), "f"));
        assertEquals(new BigInteger("10000000000000000000"), Amounts.parse("10", Optional.of(18), "f"));
        assertEquals(new BigInteger("1000000"), Amounts.parse("1_000_000 base", Optional.empty(), "f"));
    }

    @Test
    void amountsThatCannotBeExactAreRefused() {
        var tooPrecise = assertThrows(PolicyException.InvalidPolicyException.class,
                () -> Amounts.parse("0.0000001", Optional.of(6), "rules[0].perDay"));
        assertTrue(tooPrecise.getMessage().contains("more than 6 decimals"), tooPrecise.getMessage());
        var unknown = assertThrows(PolicyException.InvalidPolicyException.class,
                () -> Amounts.parse("5", Optional.empty(), "f"));
        assertTrue(unknown.getMessage().contains("decimals are unknown"), unknown.getMessage());
        assertThrows(PolicyException.InvalidPolicyException.class, () -> Amounts.parse("-1 base", Optional.empty(), "f"));
        assertThrows(PolicyException.InvalidPolicyException.class, () -> Amounts.parse("1e6", Optional.of(6), "f"));
    }

    @Test
    void theFixturePolicyParses() {
        Policy p = policy();
        assertEquals(1, p.version());
        assertEquals("Europe/Berlin", p.timeZone().getId());
        assertEquals(9, p.rules().size());
        Rule.Limit l = (Rule.Limit) p.rules().getFirst();
        assertEquals(Optional.of(new BigInteger("50000000000")), l.perTransaction());
        assertEquals(Optional.of("Payroll"), p.label(PAYROLL));
        Rule.ContractAllow c = (Rule.ContractAllow) p.rules().get(4);
        assertTrue(c.selectors().get(ROUTER).contains("0x12345678"));
    }

    @Test
    void unquotedFloatsAreRefused() {
        String yaml = policyYaml(1, List.of(ADMIN1), 1).replace("perTransaction: \"10\"", "perTransaction: 10.5");
        var e = assertThrows(PolicyException.InvalidPolicyException.class, () -> PolicyParser.parse(yaml));
        assertTrue(e.getMessage().contains("quotes"), e.getMessage());
    }

    @Test
    void unknownFieldsAndLabelsAreRefusedByName() {
        String typo = policyYaml(1, List.of(ADMIN1), 1).replace("perDay:", "perDya:");
        var e = assertThrows(PolicyException.InvalidPolicyException.class, () -> PolicyParser.parse(typo));
        assertTrue(e.getMessage().contains("unknown field \"perDya\""), e.getMessage());
        String label = policyYaml(1, List.of(ADMIN1), 1).replace("[Payroll, Vendor,", "[Payrol, Vendor,");
        var l = assertThrows(PolicyException.InvalidPolicyException.class, () -> PolicyParser.parse(label));
        assertTrue(l.getMessage().contains("\"Payrol\" is not an address nor a label"), l.getMessage());
    }

    @Test
    void duplicateRuleIdsAreRefused() {
        String dup = policyYaml(1, List.of(ADMIN1), 1).replace("id: eth-limits", "id: usdc-limits");
        var e = assertThrows(PolicyException.InvalidPolicyException.class, () -> PolicyParser.parse(dup));
        assertTrue(e.getMessage().contains("used twice"), e.getMessage());
    }
}
