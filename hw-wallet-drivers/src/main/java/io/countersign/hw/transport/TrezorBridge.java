package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import io.countersign.hw.protocol.TrezorV1Codec.Message;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Trezor Bridge HTTP API on 127.0.0.1:21325, the fallback where usb4java has no native libusb
 * (macOS arm64, Windows ARM): {@code POST /enumerate}, {@code /acquire/PATH/null},
 * {@code /call/SESSION} with a hex body {@code type(2) ‖ length(4) ‖ payload}, {@code /release/SESSION}.
 */
public final class TrezorBridge implements TrezorWire {
    /** Where the Bridge listens. */
    public static final URI DEFAULT = URI.create("http://127.0.0.1:21325");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http;
    private final URI base;
    private final String session;
    private final String path;

    private TrezorBridge(HttpClient http, URI base, String path, String session) {
        this.http = http;
        this.base = base;
        this.path = path;
        this.session = session;
    }

    /** A device the Bridge sees: its path and (if another program holds it) session. */
    public record BridgeDevice(String path, String session, int product) {}

    /**
     * Lists devices; an unreachable Bridge gives {@link DeviceException.TransportUnavailable}.
     */
    public static List<BridgeDevice> enumerate(URI base) {
        JsonNode list = JSON.readTree(post(client(), base.resolve("/enumerate"), ""));
        List<BridgeDevice> out = new ArrayList<>();
        for (JsonNode d : list) {
            out.add(new BridgeDevice(d.path("path").asText(), d.path("session").isNull() ? null : d.path("session").asText(null),
                    d.path("product").asInt(0)));
        }
        return out;
    }

    /** Acquires a device for this process. */
    public static TrezorBridge acquire(URI base, String path) {
        HttpClient http = client();
        JsonNode r = JSON.readTree(post(http, base.resolve("/acquire/" + path + "/null"), ""));
        return new TrezorBridge(http, base, path, r.path("session").asText());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static String post(HttpClient http, URI uri, String body) {
        HttpRequest req = HttpRequest.newBuilder(uri).header("Origin", "https://countersign.invalid")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeviceException.TransportUnavailable("the Trezor Bridge does not answer at " + uri.getHost() + ":" + uri.getPort()
                    + " (" + e.getMessage() + "); install and start Trezor Bridge (or Trezor Suite), or use a machine where WebUSB works", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException.DeviceDisconnected("interrupted while talking to the Trezor Bridge", e);
        }
        if (r.statusCode() != 200) {
            throw new DeviceException.DeviceFailure("the Trezor Bridge answered " + r.statusCode() + " to " + uri.getPath() + ": " + r.body());
        }
        return r.body();
    }

    @Override
    public Message call(Message request) {
        byte[] payload = request.payload();
        ByteBuffer b = ByteBuffer.allocate(6 + payload.length).putShort((short) request.type()).putInt(payload.length).put(payload);
        String hex;
        try {
            hex = post(http, base.resolve("/call/" + session), HexFormat.of().formatHex(b.array())).strip();
        } catch (DeviceException.TransportUnavailable e) {
            throw new DeviceException.DeviceDisconnected("lost the Trezor Bridge in the middle of an exchange: " + e.getMessage(), e);
        }
        byte[] raw = HexFormat.of().parseHex(hex);
        ByteBuffer in = ByteBuffer.wrap(raw);
        int type = in.getShort() & 0xffff;
        int length = in.getInt();
        byte[] body = new byte[length];
        in.get(body);
        return new Message(type, body);
    }

    @Override
    public String describe() {
        return "Trezor Bridge " + path;
    }

    @Override
    public void close() {
        try {
            post(http, base.resolve("/release/" + session), "");
        } catch (DeviceException e) {
            // the Bridge drops the session when the device goes away anyway
        }
    }
}
