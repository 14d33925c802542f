package io.countersign.app.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.SafeSigningSession;
import io.countersign.app.session.SessionListener;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Call;
import io.countersign.eth.Erc20;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.simulation.Simulation;
import io.countersign.eth.testing.RecordingRpcProxy;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SignatureMethod;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What simulating costs {@code safe sign} in round trips (docs/simulation.md, "Cost"), counted on
 * anvil (Safe 1.4.1, Safe's test token, official artifacts) through a loopback proxy that records
 * every HTTP request: signing with the simulation makes exactly one HTTP request more than signing
 * with {@code --no-simulate}, and that request is {@code eth_simulateV1} (the block number comes
 * with the Safe's state, which signing reads anyway). When the node has no {@code eth_simulateV1},
 * {@code debug_traceCall} runs at the same block. A node whose simulated block is numbered
 * otherwise than the block asked for is not believed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationRoundTripTest {
    static final ObjectMapper JSON = new ObjectMapper();
    Anvil anvil;
    RecordingRpcProxy proxy;
    Path request;
    Path work;
    Address safe;

    @BeforeAll
    void start(@TempDir Path dir) {
        work = dir;
        anvil = TestChain.start();
        proxy = RecordingRpcProxy.start(anvil.url());
        SafeDeployment d = SafeDeployment.deploy(anvil);
        List<Address> owners = anvil.accounts().subList(5, 8);
        safe = d.createSafe(owners, 2, BigInteger.ONE);
        Address token = d.deployToken();
        anvil.send(d.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, BigInteger.valueOf(1_000_000)));
        SafeState state = SafeState.read(anvil.rpc(), safe);
        SafeTx tx = SafeTx.of(Call.of(token, BigInteger.ZERO, Erc20.transfer(owners.get(2), BigInteger.valueOf(1234))),
                state.nonce());
        request = dir.resolve("pay.json");
        RequestFile.write(new SafeRequest(state.chainId(), safe, state.version(), tx, state.owners(), state.threshold(), List.of(),
                null), request);
    }

    @AfterAll
    void stop() {
        proxy.close();
        anvil.close();
    }

    @BeforeEach
    void reset() {
        proxy.rewrite((req, answer) -> answer);
        proxy.clear();
    }

    /** Signs a fresh copy of the request through the proxy; returns the HTTP requests made and what was simulated. */
    List<RecordingRpcProxy.Exchange> sign(boolean simulate, List<Simulation> simulated, String name) throws Exception {
        Path copy = work.resolve(name + ".json");
        Files.copy(request, copy, StandardCopyOption.REPLACE_EXISTING);
        SoftwareSigner signer = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/5"), "test key");
        try (AppContext ctx = new AppContext(work.resolve("data-" + name), false, proxy.url(), true, Map.of())) {
            proxy.clear();
            new SafeSigningSession(ctx, new SessionListener() {
                @Override
                public void simulated(SafeRequest r, Simulation s) {
                    simulated.add(s);
                }
            }).simulating(simulate).sign(copy, signer, SignatureMethod.EIP712);
            return proxy.exchanges();
        }
    }

    @Test
    void simulatingAddsOneHttpRequest() throws Exception {
        List<Simulation> simulated = new ArrayList<>();
        List<RecordingRpcProxy.Exchange> without = sign(false, simulated, "without");
        List<RecordingRpcProxy.Exchange> with = sign(true, simulated, "with");
        assertEquals(1, simulated.size());
        assertEquals("eth_simulateV1", simulated.getFirst().method());
        assertEquals(without.size() + 1, with.size(), "with: " + with + "\nwithout: " + without);
        List<RecordingRpcProxy.Exchange> extra = new ArrayList<>(with);
        without.forEach(extra::remove);
        assertEquals(List.of(new RecordingRpcProxy.Exchange(List.of("eth_simulateV1"), false)), extra);
        // the block simulated on is the one the state batch read
        assertEquals(anvil.rpc().client().call("eth_blockNumber").asString(), "0x" + simulated.getFirst().block().toString(16));
    }

    @Test
    void withoutEthSimulateV1TheTraceRunsAtTheSameBlock() throws Exception {
        List<BigInteger> asked = new ArrayList<>();
        proxy.rewrite((req, answer) -> {
            if (req.path("method").asString("").equals("eth_simulateV1")) {
                return "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}";
            }
            if (req.path("method").asString("").equals("debug_traceCall")) {
                asked.add(new BigInteger(req.get("params").get(1).asString().substring(2), 16));
            }
            return answer;
        });
        List<Simulation> simulated = new ArrayList<>();
        List<RecordingRpcProxy.Exchange> with = sign(true, simulated, "traced");
        assertEquals("debug_traceCall", simulated.getFirst().method());
        assertEquals(List.of(simulated.getFirst().block()), asked);
        assertTrue(simulated.getFirst().notes().getFirst().startsWith("eth_simulateV1 is not available on this node"),
                simulated.getFirst().notes().toString());
        assertEquals(List.of(List.of("eth_simulateV1"), List.of("debug_traceCall")), with.stream()
                .map(RecordingRpcProxy.Exchange::methods).filter(m -> m.size() == 1 && m.getFirst().matches("eth_simulateV1|debug_.*"))
                .toList());
        assertEquals(1, simulated.getFirst().transfers().size());
    }

    @Test
    void aSimulatedBlockOfAnotherNumberIsNotBelieved() throws Exception {
        proxy.rewrite((req, answer) -> {
            if (!req.path("method").asString("").equals("eth_simulateV1")) {
                return answer;
            }
            ObjectNode a = (ObjectNode) JSON.readTree(answer);
            ObjectNode block = (ObjectNode) ((ArrayNode) a.get("result")).get(0);
            block.put("number", "0x" + new BigInteger(block.get("number").asString().substring(2), 16).add(BigInteger.TWO)
                    .toString(16));
            return a.toString();
        });
        Path copy = work.resolve("lied.json");
        Files.copy(request, copy, StandardCopyOption.REPLACE_EXISTING);
        SoftwareSigner signer = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/5"), "test key");
        try (AppContext ctx = new AppContext(work.resolve("data-lied"), false, proxy.url(), false, Map.of())) {
            ctx.policy(io.countersign.app.session.PolicySteps.fromFile(ctx, """
                    version: 1
                    name: Round trips
                    timeZone: UTC
                    admins: {threshold: 1, addresses: ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]}
                    scope: {chains: [31337], safes: ["%s"]}
                    rules: []
                    """.formatted(safe), "draft.yaml"));
            var e = assertThrows(CountersignException.Refused.class,
                    () -> new SafeSigningSession(ctx, SessionListener.NONE).sign(copy, signer, SignatureMethod.EIP712));
            assertTrue(e.getMessage().contains("with a simulated block numbered")
                    && e.getMessage().contains("did not simulate on the state asked for"), e.getMessage());
        }
        assertEquals(Files.readString(request), Files.readString(copy), "nothing was signed");
    }
}
