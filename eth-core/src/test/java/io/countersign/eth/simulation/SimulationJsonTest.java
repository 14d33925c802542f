package io.countersign.eth.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulation's JSON (what {@code safe simulate --json} prints and a request file carries) reads
 * back to the same value, and a tampered or malformed one is refused naming the field; the event
 * readers take a log only in its standard's exact shape.
 */
class SimulationJsonTest {
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");
    static final Address TOKEN = Address.parse("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    static final Address TO = Address.parse("0x000000000000000000000000000000000000b0b0");

    static Simulation sample() {
        return new Simulation("debug_traceCall", "http://127.0.0.1:8545", BigInteger.valueOf(17), true, Optional.empty(),
                Optional.of(BigInteger.valueOf(61234)), true, TO,
                List.of(new Transfer(Transfer.Standard.ERC20, Optional.of(TOKEN), SAFE, TO, BigInteger.valueOf(1234), Optional.empty()),
                        Transfer.nativeTransfer(SAFE, TO, BigInteger.TEN),
                        new Transfer(Transfer.Standard.ERC721, Optional.of(TOKEN), SAFE, TO, BigInteger.ONE, Optional.of(BigInteger.valueOf(7)))),
                List.of(new TokenApproval(TokenApproval.Kind.FOR_ALL, TOKEN, SAFE, TO, BigInteger.ONE)),
                List.of(new SafeConfigChange(SafeConfigChange.Kind.THRESHOLD_CHANGED, Optional.empty(), Optional.of(BigInteger.TWO)),
                        new SafeConfigChange(SafeConfigChange.Kind.OWNER_ADDED, Optional.of(TO), Optional.empty())),
                List.of("eth_simulateV1 is not available on this node"));
    }

    @Test
    void roundTripsAndHashesTheSame() {
        Simulation s = sample();
        ObjectNode json = SimulationJson.toJson(s);
        assertEquals("{\"asset\":\"" + TOKEN + "\",\"standard\":\"erc20\",\"from\":\"" + SAFE + "\",\"to\":\"" + TO
                + "\",\"amount\":\"1234\"}", json.get("transfers").get(0).toString());
        assertEquals("native", json.get("transfers").get(1).get("asset").asString());
        assertEquals("7", json.get("transfers").get(2).get("tokenId").asString());
        assertEquals(s, SimulationJson.fromJson(new ObjectMapper().readTree(json.toString()), "r"));
        assertEquals(SimulationJson.hash(s), SimulationJson.hash(SimulationJson.fromJson(json, "r")));
    }

    @Test
    void aMalformedFieldIsRefusedByName() {
        ObjectNode json = SimulationJson.toJson(sample());
        ((ObjectNode) json.get("transfers").get(0)).put("amount", "-5");
        var e = assertThrows(EthException.InvalidInputException.class, () -> SimulationJson.fromJson(json, "meta.simulation.result"));
        assertTrue(e.getMessage().startsWith("meta.simulation.result.transfers[0].amount: expected a decimal string"), e.getMessage());
        ObjectNode noSuccess = SimulationJson.toJson(sample());
        noSuccess.put("success", "yes");
        assertThrows(EthException.InvalidInputException.class, () -> SimulationJson.fromJson(noSuccess, "r"));
        ObjectNode nativeWithToken = SimulationJson.toJson(sample());
        ((ObjectNode) nativeWithToken.get("transfers").get(1)).put("asset", TOKEN.toString());
        var n = assertThrows(EthException.InvalidInputException.class, () -> SimulationJson.fromJson(nativeWithToken, "r"));
        assertTrue(n.getMessage().startsWith("r.transfers[1]: "), n.getMessage());
    }

    static byte[] topicOf(Address a) {
        return Hex.decode("0x000000000000000000000000" + a.toLowerHex().substring(2), "t", 32);
    }

    @Test
    void eventsAreReadOnlyInTheirStandardsShape() {
        byte[] amount = Hex.decode("0x" + "0".repeat(61) + "4d2", "a", 32); // 1234
        Events.Log erc20 = new Events.Log(TOKEN, List.of(Events.TRANSFER, topicOf(SAFE), topicOf(TO)), amount);
        assertEquals(List.of(new Transfer(Transfer.Standard.ERC20, Optional.of(TOKEN), SAFE, TO, BigInteger.valueOf(1234),
                Optional.empty())), Events.transfers(erc20));
        Events.Log ether = new Events.Log(Events.NATIVE_PSEUDO_TOKEN, List.of(Events.TRANSFER, topicOf(SAFE), topicOf(TO)), amount);
        assertEquals(List.of(Transfer.nativeTransfer(SAFE, TO, BigInteger.valueOf(1234))), Events.transfers(ether));
        // a Transfer with 3 topics and no data, or 64 bytes of data, is no standard's: not read
        assertEquals(List.of(), Events.transfers(new Events.Log(TOKEN, List.of(Events.TRANSFER, topicOf(SAFE), topicOf(TO)), new byte[0])));
        assertEquals(List.of(), Events.transfers(new Events.Log(TOKEN, List.of(Events.TRANSFER, topicOf(SAFE), topicOf(TO)), new byte[64])));
        // a Safe event counts only when the Safe emitted it
        Events.Log added = new Events.Log(SAFE, List.of(Events.topic("AddedOwner(address)"), topicOf(TO)), new byte[0]);
        assertEquals(Optional.of(new SafeConfigChange(SafeConfigChange.Kind.OWNER_ADDED, Optional.of(TO), Optional.empty())),
                Events.safeChange(added, SAFE));
        assertEquals(Optional.empty(), Events.safeChange(new Events.Log(TOKEN, added.topics(), added.data()), SAFE));
        // Safe 1.3.0: the address in the data, not indexed
        Events.Log old = new Events.Log(SAFE, List.of(Events.topic("AddedOwner(address)")), topicOf(TO));
        assertEquals(Optional.of(new SafeConfigChange(SafeConfigChange.Kind.OWNER_ADDED, Optional.of(TO), Optional.empty())),
                Events.safeChange(old, SAFE));
    }
}
