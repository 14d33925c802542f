package io.countersign.policy;

import static io.countersign.policy.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Strict reading of the policy YAML and of signed bundles: a field given twice, an integer out of
 * its range and an unquoted address are each an error that names the field (docs/policy.md,
 * "Reading is strict"). Each case is built from the fixture policy, which parses (control).
 */
class StrictReadingTest {
    static final String BASE = policyYaml(1, List.of(ADMIN1, ADMIN2, ADMIN3), 2);

    static String refused(String yaml) {
        return assertThrows(PolicyException.InvalidPolicyException.class, () -> PolicyParser.parse(yaml)).getMessage();
    }

    @Test
    void theFixtureParsesSoEveryRefusalBelowIsTheEdit() {
        assertEquals(2, PolicyParser.parse(BASE).admins().threshold());
    }

    @Test
    void aLimitGivenTwiceIsRefusedNamingTheField() {
        // the reviewed 100,000 USDC per day, shadowed by a laxer second value further down
        String yaml = BASE.replace("    perDay: \"100000\"\n", "    perDay: \"100000\"\n    perDay: \"100000000\"\n");
        String m = refused(yaml);
        assertTrue(m.startsWith("policy.rules[0].perDay: the field appears twice (line "), m);
    }

    @Test
    void aTopLevelKeyGivenTwiceIsRefused() {
        String m = refused(BASE + "version: 2\n");
        assertTrue(m.startsWith("policy.version: the field appears twice"), m);
    }

    @Test
    void aKeyRepeatedInAFlowMappingIsRefused() {
        String m = refused(BASE.replace("{address: \"" + PAYROLL + "\", label: Payroll}",
                "{address: \"" + PAYROLL + "\", label: Payroll, address: \"" + MALLORY + "\"}"));
        assertTrue(m.startsWith("policy.addressBook[0].address: the field appears twice"), m);
    }

    @Test
    void anAdminThresholdThatWouldWrapToOneIsRefused() {
        // 4294967297 = 2^32 + 1: an int cast reads it as 1
        String m = refused(BASE.replace("threshold: 2", "threshold: 4294967297"));
        assertEquals("policy.admins.threshold: must be from 1 to 3, got 4294967297", m);
    }

    @Test
    void otherIntegersOutOfRangeAreRefusedByName() {
        assertTrue(refused(BASE.replace("chains: [1]", "chains: [-1]")).startsWith("policy.scope.chains[0]: must be from 1 to "));
        assertTrue(refused(BASE.replace("chains: [1]", "chains: [18446744073709551617]"))
                .startsWith("policy.scope.chains[0]: must be from 1 to "));
        assertTrue(refused(BASE.replace("decimals: 6", "decimals: 4294967302")).startsWith("policy.tokens[0].decimals: must be from 0 to 77"));
        assertTrue(refused(BASE.replace("approvals: 3", "approvals: 4294967299")).startsWith("policy.rules[8].require.approvals: must be from 1 to"));
        assertTrue(refused(BASE.replace("level: 2", "level: 4294967298")).startsWith("policy.rules[8].level: must be from 0 to"));
        assertTrue(refused(BASE.replace("version: 1", "version: 9223372036854775808")).startsWith("policy.version: must be from 1 to"));
    }

    @Test
    void unquotedAddressesAreRefusedWhereverAnAddressIsRead() {
        String admin = ADMIN1.address().toString();
        assertTrue(refused(BASE.replace("\"" + admin + "\"", admin)).startsWith("policy.admins.addresses[0]: quote addresses"));
        assertTrue(refused(BASE.replace("safes: [\"" + SAFE + "\"]", "safes: [" + SAFE + "]"))
                .startsWith("policy.scope.safes[0]: quote addresses"));
        assertTrue(refused(BASE.replace("{address: \"" + PAYROLL + "\"", "{address: " + PAYROLL))
                .startsWith("policy.addressBook[0].address: quote addresses"));
        assertTrue(refused(BASE.replace("recipients: [\"" + MALLORY + "\"]", "recipients: [" + MALLORY + "]"))
                .startsWith("policy.rules[3].recipients[0]: quote addresses"));
    }

    @Test
    void aBundleWithAFieldGivenTwiceIsRefusedNamingIt() {
        SignedBundle b = SignedBundle.unsigned(BASE).signedBy(ADMIN1).signedBy(ADMIN2);
        String json = b.toJson();
        assertEquals(b.policyYaml(), SignedBundle.fromJson(json).policyYaml(), "control: the bundle reads back");
        // a second "policy" after the signed one: a reader keeping the last value would see other text
        String twice = json.replace("\"signatures\" :", "\"policy\" : \"version: 99\",\n  \"signatures\" :");
        var e = assertThrows(PolicyException.InvalidPolicyException.class, () -> SignedBundle.fromJson(twice));
        assertTrue(e.getMessage().contains("bundle.policy: the field appears twice (line "), e.getMessage());
        String wrapped = json.replaceFirst("\"version\" : 1", "\"version\" : 18446744073709551617");
        var v = assertThrows(PolicyException.InvalidPolicyException.class, () -> SignedBundle.fromJson(wrapped));
        assertTrue(v.getMessage().contains("bundle.version must be from 1 to"), v.getMessage());
    }
}
