package io.countersign.eth.rpc;

import io.countersign.eth.EthException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC 2.0 client over HTTP, built on the JDK's {@link HttpClient}. This is the only
 * class in Countersign that opens a network connection, so an offline session never loads it.
 */
public final class JsonRpcClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong(1);

    /** @param endpoint e.g. {@code http://127.0.0.1:8545} */
    public JsonRpcClient(URI endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Calls {@code method} with positional {@code params} (Strings, numbers, booleans, maps,
     * lists or JsonNodes) and returns the {@code result}.
     *
     * @throws EthException.RpcException on a transport failure or a JSON-RPC error
     */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.getAndIncrement());
        request.put("method", method);
        request.set("params", JSON.valueToTree(List.of(params)));
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EthException.RpcException("cannot reach the node at " + endpoint + " (" + e.getMessage()
                    + "): check --rpc, or work offline with a request file", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EthException.RpcException("interrupted while calling " + method, null, e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new EthException.RpcException("the node at " + endpoint + " answered HTTP " + response.statusCode()
                    + " with something that is not JSON-RPC", null, e);
        }
        JsonNode error = body.get("error");
        if (error != null && !error.isNull()) {
            String data = error.has("data") ? " " + error.get("data") : "";
            throw new EthException.RpcException(method + " failed: " + error.path("message").asText() + data,
                    error.path("code").asInt(), error.path("data").isString() ? error.get("data").asString() : null, null);
        }
        if (!body.has("result")) {
            throw new EthException.RpcException("the node's answer to " + method + " has no result", null, null);
        }
        return body.get("result");
    }
}
