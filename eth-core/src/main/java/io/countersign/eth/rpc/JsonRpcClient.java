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
        ObjectNode request = request(ids.getAndIncrement(), method, List.of(params));
        return answer(method, send(request.toString(), method));
    }

    /**
     * One call of a {@link #batch}.
     *
     * @param params positional parameters, as for {@link #call}
     */
    public record Request(String method, List<Object> params) {
        public Request {
            params = List.copyOf(params);
        }

        public static Request of(String method, Object... params) {
            return new Request(method, List.of(params));
        }
    }

    /**
     * The node's answer to one call of a batch: its {@code result}, or the JSON-RPC error it
     * answered that call with ({@link #result} throws it).
     */
    public static final class Answer {
        private final JsonNode result;
        private final EthException.RpcException error;

        private Answer(JsonNode result, EthException.RpcException error) {
            this.result = result;
            this.error = error;
        }

        /**
         * @throws EthException.RpcException the error the node answered this call with
         */
        public JsonNode result() {
            if (error != null) {
                throw error;
            }
            return result;
        }
    }

    /**
     * Sends {@code calls} as one JSON-RPC 2.0 batch: one HTTP request, one round trip. The answer
     * is attacker-written: it must be an array with exactly one response per call, each naming
     * one of the ids sent (numbers, unique per batch), none twice and none missing; anything else
     * is refused whole. Answers are returned in the order of {@code calls}, whatever order the node
     * used. A node that rejects batches (one error object instead of an array, JSON-RPC 2.0 §6) is
     * asked the calls one by one.
     *
     * @return one answer per call, in the order of {@code calls}
     * @throws EthException.RpcException on a transport failure or a malformed batch answer (code
     *     {@code null}); a JSON-RPC error for one call is in its {@link Answer}
     */
    public List<Answer> batch(List<Request> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        tools.jackson.databind.node.ArrayNode array = JSON.createArrayNode();
        java.util.Map<Long, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            long id = ids.getAndIncrement();
            index.put(id, i);
            array.add(request(id, calls.get(i).method(), calls.get(i).params()));
        }
        String what = "a batch of " + calls.size() + " calls (" + calls.getFirst().method() + ", …)";
        JsonNode body = send(array.toString(), what);
        if (body.isObject() && body.has("error")) {
            // the node does not take batches: one call per request
            List<Answer> out = new java.util.ArrayList<>();
            for (Request r : calls) {
                try {
                    out.add(new Answer(call(r.method(), r.params().toArray()), null));
                } catch (EthException.RpcException e) {
                    if (e.code() == null) {
                        throw e;
                    }
                    out.add(new Answer(null, e));
                }
            }
            return out;
        }
        if (!body.isArray() || body.size() != calls.size()) {
            throw new EthException.RpcException("the node at " + endpoint + " answered " + what + " with "
                    + (body.isArray() ? body.size() + " responses" : "something that is not a batch answer")
                    + ", not " + calls.size() + "; its answer is not used", null, null);
        }
        Answer[] out = new Answer[calls.size()];
        for (JsonNode response : body) {
            JsonNode id = response.path("id");
            Integer i = id.isIntegralNumber() && id.canConvertToLong() ? index.get(id.asLong()) : null;
            if (!response.isObject() || i == null || out[i] != null) {
                throw new EthException.RpcException("the node at " + endpoint + " answered " + what + " with a response "
                        + "whose id " + (response.isObject() ? id.toString() : "(none)") + " is "
                        + (i != null ? "given twice" : "not one of the ids sent") + "; its answer is not used", null, null);
            }
            String method = calls.get(i).method();
            try {
                out[i] = new Answer(answer(method, response), null);
            } catch (EthException.RpcException e) {
                if (e.code() == null) {
                    throw e;
                }
                out[i] = new Answer(null, e);
            }
        }
        return List.of(out);
    }

    private static ObjectNode request(long id, String method, List<Object> params) {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", JSON.valueToTree(params));
        return request;
    }

    /** POSTs {@code json} and parses the answer as JSON. */
    private JsonNode send(String json, String what) {
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EthException.RpcException("cannot reach the node at " + endpoint + " (" + e.getMessage()
                    + "): check --rpc, or work offline with a request file", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EthException.RpcException("interrupted while calling " + what, null, e);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || body.isMissingNode()) {
                throw new IllegalArgumentException("empty");
            }
            return body;
        } catch (RuntimeException e) {
            throw new EthException.RpcException("the node at " + endpoint + " answered HTTP " + response.statusCode()
                    + " with something that is not JSON-RPC", null, e);
        }
    }

    /** The {@code result} of one response object, or its error thrown. */
    private JsonNode answer(String method, JsonNode body) {
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
