package io.countersign.eth.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A test fixture: an HTTP server on 127.0.0.1 that forwards every JSON-RPC POST to a real node
 * (anvil) and records it, so a test can count the HTTP requests (round trips) a piece of code
 * makes and the JSON-RPC methods each carried. A test can also rewrite the node's answers
 * ({@link #rewrite}) to play a node that lies.
 */
public final class RecordingRpcProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One HTTP request: the JSON-RPC methods it carried, in order (one for a single call, several for a batch). */
    public record Exchange(List<String> methods, boolean batch) {}

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI upstream;
    private final List<Exchange> exchanges = new ArrayList<>();
    private volatile BiFunction<JsonNode, String, String> rewrite = (request, answer) -> answer;

    private RecordingRpcProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = JSON.readTree(body);
            List<String> methods = new ArrayList<>();
            if (request.isArray()) {
                request.forEach(r -> methods.add(r.path("method").asString("")));
            } else {
                methods.add(request.path("method").asString(""));
            }
            synchronized (exchanges) {
                exchanges.add(new Exchange(List.copyOf(methods), request.isArray()));
            }
            String answer;
            try {
                answer = http.send(HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            byte[] out = rewrite.apply(request, answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "recording-rpc-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Starts a proxy in front of the node at {@code upstream} (e.g. {@code anvil.url()}). */
    public static RecordingRpcProxy start(String upstream) {
        try {
            return new RecordingRpcProxy(URI.create(upstream));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the proxy", e);
        }
    }

    /** The URL to give the code under test instead of the node's. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every HTTP request so far, in order. */
    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** Forgets what was recorded. */
    public void clear() {
        synchronized (exchanges) {
            exchanges.clear();
        }
    }

    /**
     * From now on, the node's answer text is replaced by {@code f(request, answer)} before it is
     * returned (the request as JSON, the node's answer as text).
     */
    public void rewrite(BiFunction<JsonNode, String, String> f) {
        this.rewrite = f;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
