package io.countersign.multisig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Safe's own contracts by address, as safe-deployments lists them (values copied from its v1.4.1 and v1.3.0 JSON files). */
class SafeDeploymentsTest {
    @Test
    void multiSendCallOnly141IsListedOnMainnetWithItsCodeHash() {
        var d = SafeDeployments.find(BigInteger.ONE, MultiSend.CALL_ONLY_1_4_1).orElseThrow();
        assertEquals("MultiSendCallOnly 1.4.1", d.name());
        assertEquals("canonical", d.type());
        assertTrue(d.listedOn(BigInteger.ONE));
        assertFalse(d.listedOn(BigInteger.valueOf(31337)), "anvil's chain is not a listed network");
        assertEquals("0xecd5bd14a08c5d2122379900b2f272bdf107a7e92423c10dd5fe3254386c9939", Hex.encode(d.codeHash()));
    }

    @Test
    void theOtherCanonicalContractsOf130And141() {
        assertEquals("MultiSendCallOnly 1.3.0", SafeDeployments.find(BigInteger.ONE, MultiSend.CALL_ONLY_1_3_0).orElseThrow().name());
        assertEquals("MultiSend 1.4.1", name("0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526"));
        assertEquals("MultiSend 1.3.0", name("0xA238CBeb142c10Ef7Ad8442C6D1f9E89e07e7761"));
        assertEquals("CompatibilityFallbackHandler 1.4.1", name("0xfd0732Dc9E303f09fCEf3a7388Ad10A83459Ec99"));
        assertEquals("CompatibilityFallbackHandler 1.3.0", name("0xf48f2B2d2a534e402487b3ee7C18c33Aec0Fe5e4"));
        assertEquals("MultiSendCallOnly 1.3.0", name("0xA1dabEF33b3B82c7814B6D82A79e50F4AC44102B"), "the eip155 deployment");
        assertTrue(SafeDeployments.find(BigInteger.ONE, Address.parse("0x000000000000000000000000000000000000dEaD")).isEmpty());
    }

    static String name(String address) {
        return SafeDeployments.find(BigInteger.ONE, Address.parse(address)).orElseThrow().name();
    }
}
