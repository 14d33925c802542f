package io.countersign.eth.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.EthException;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.RecordingRpcProxy;
import io.countersign.eth.testing.TestChain;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link JsonRpcClient#batch} against anvil through a recording loopback proxy: several calls go
 * as one HTTP request and come back in the order asked; an answer whose ids do not match the ids
 * sent (an unknown id, one id twice, one missing) is refused whole; a block number that is not
 * one is refused; a node that rejects batches is asked one call at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonRpcBatchTest {
    static final ObjectMapper JSON = new ObjectMapper();
    Anvil anvil;
    RecordingRpcProxy proxy;
    JsonRpcClient client;

    @BeforeAll
    void start() {
        anvil = TestChain.start();
        proxy = RecordingRpcProxy.start(anvil.url());
        client = new JsonRpcClient(URI.create(proxy.url()));
    }

    @AfterAll
    void stop() {
        proxy.close();
        anvil.close();
    }

    @BeforeEach
    void reset() {
        proxy.rewrite((request, answer) -> answer);
        proxy.clear();
    }

    List<JsonRpcClient.Request> three() {
        return List.of(JsonRpcClient.Request.of("eth_chainId"), JsonRpcClient.Request.of("eth_blockNumber"),
                JsonRpcClient.Request.of("eth_getBalance", "0x" + "00".repeat(19) + "01", "latest"));
    }

    @Test
    void oneHttpRequestAnswersInTheOrderAsked() {
        proxy.rewrite((request, answer) -> {
            // the node may answer a batch in any order (JSON-RPC 2.0 §6): reverse it
            ArrayNode a = (ArrayNode) JSON.readTree(answer);
            ArrayNode reversed = JSON.createArrayNode();
            for (int i = a.size() - 1; i >= 0; i--) {
                reversed.add(a.get(i));
            }
            return reversed.toString();
        });
        List<JsonRpcClient.Answer> a = client.batch(three());
        assertEquals(1, proxy.exchanges().size());
        assertEquals(List.of("eth_chainId", "eth_blockNumber", "eth_getBalance"), proxy.exchanges().getFirst().methods());
        assertEquals(BigInteger.valueOf(31337), EthRpc.quantity(a.get(0).result()));
        assertEquals(anvil.rpc().client().call("eth_blockNumber").asString(), a.get(1).result().asString());
        assertEquals("0x0", a.get(2).result().asString());
    }

    @Test
    void oneCallsErrorIsThatCallsAnswer() {
        List<JsonRpcClient.Answer> a = client.batch(List.of(JsonRpcClient.Request.of("eth_chainId"),
                JsonRpcClient.Request.of("no_suchMethod")));
        assertEquals(BigInteger.valueOf(31337), EthRpc.quantity(a.get(0).result()));
        EthException.RpcException e = assertThrows(EthException.RpcException.class, () -> a.get(1).result());
        assertTrue(e.code() != null && e.getMessage().startsWith("no_suchMethod failed"), e.getMessage());
    }

    /** Replaces the id of the answer's response {@code index} by {@code id} (a JSON value). */
    void tamperId(int index, String id) {
        proxy.rewrite((request, answer) -> {
            ArrayNode a = (ArrayNode) JSON.readTree(answer);
            ((ObjectNode) a.get(index)).set("id", JSON.readTree(id));
            return a.toString();
        });
    }

    @Test
    void anIdNotSentIsRefused() {
        tamperId(1, "999999999");
        var e = assertThrows(EthException.RpcException.class, () -> client.batch(three()));
        assertTrue(e.getMessage().contains("whose id 999999999 is not one of the ids sent"), e.getMessage());
    }

    @Test
    void anIdAnsweredTwiceIsRefused() {
        proxy.rewrite((request, answer) -> {
            ArrayNode a = (ArrayNode) JSON.readTree(answer);
            ((ObjectNode) a.get(2)).set("id", a.get(0).get("id"));
            return a.toString();
        });
        var e = assertThrows(EthException.RpcException.class, () -> client.batch(three()));
        assertTrue(e.getMessage().contains("is given twice"), e.getMessage());
    }

    @Test
    void aStringIdIsNotTheNumberSent() {
        proxy.rewrite((request, answer) -> {
            ArrayNode a = (ArrayNode) JSON.readTree(answer);
            ((ObjectNode) a.get(0)).put("id", a.get(0).get("id").asString());
            return a.toString();
        });
        var e = assertThrows(EthException.RpcException.class, () -> client.batch(three()));
        assertTrue(e.getMessage().contains("not one of the ids sent"), e.getMessage());
    }

    @Test
    void aMissingResponseIsRefused() {
        proxy.rewrite((request, answer) -> {
            ArrayNode a = (ArrayNode) JSON.readTree(answer);
            a.remove(1);
            return a.toString();
        });
        var e = assertThrows(EthException.RpcException.class, () -> client.batch(three()));
        assertTrue(e.getMessage().contains("with 2 responses, not 3"), e.getMessage());
    }

    @Test
    void aNodeThatRejectsBatchesIsAskedOneCallAtATime() {
        proxy.rewrite((request, answer) -> request.isArray()
                ? "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batch requests are not supported\"}}"
                : answer);
        List<JsonRpcClient.Answer> a = client.batch(three());
        assertEquals(BigInteger.valueOf(31337), EthRpc.quantity(a.get(0).result()));
        assertEquals(4, proxy.exchanges().size(), "the refused batch, then one request per call");
        assertEquals(List.of("eth_getBalance"), proxy.exchanges().get(3).methods());
    }

    @Test
    void aBlockNumberMustBeOne() {
        assertEquals(BigInteger.valueOf(255), EthRpc.blockNumber(JSON.getNodeFactory().stringNode("0xff"), "x"));
        for (JsonNode bad : List.<JsonNode>of(JSON.getNodeFactory().stringNode("-0x1"), JSON.getNodeFactory().stringNode("0x"),
                JSON.getNodeFactory().stringNode("17"), JSON.getNodeFactory().numberNode(17),
                JSON.getNodeFactory().stringNode("0x8000000000000000"), JSON.getNodeFactory().stringNode("0x1g"),
                JSON.getNodeFactory().nullNode())) {
            var e = assertThrows(EthException.RpcException.class, () -> EthRpc.blockNumber(bad, "eth_blockNumber"), bad.toString());
            assertTrue(e.getMessage().contains("which is not a block number"), e.getMessage());
        }
    }
}
