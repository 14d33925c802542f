package io.countersign.hw.protocol.thp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.countersign.hw.trezor.proto.TrezorThp.ThpDeviceProperties;
import io.countersign.hw.trezor.proto.TrezorThp.ThpHandshakeCompletionReqNoisePayload;
import io.countersign.hw.trezor.proto.TrezorThp.ThpPairingMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cross-implementation check against Trezor's npm package {@code @trezor/protocol} 10.0.0
 * (installed in testchain/): for seeded random key sets injected into both, our host's handshake
 * messages, handshake hash, transport keys, credential matching and CPace values equal the
 * package's. The Trezor's initiation response is built by the node script from the package's own
 * primitives (thp-peer.mjs), so the Java host also decrypts a response it did not make.
 */
class ThpNpmCrossTest {
    private static final int CASES = 24;
    private static final long SEED = 0x7448_5001L;
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path testchain() {
        String dir = System.getProperty("countersign.testchain");
        if (dir == null) {
            fail("system property countersign.testchain is not set; run the tests through Maven");
        }
        Path root = Path.of(dir);
        if (!Files.isRegularFile(root.resolve("node_modules/@trezor/protocol/lib/protocol-thp/index.js"))) {
            fail("npm package @trezor/protocol not found under " + root + "/node_modules: run `npm ci` in testchain/");
        }
        return root;
    }

    private static Path script() throws IOException {
        Path js = Files.createTempFile("thp-peer", ".mjs");
        try (InputStream in = ThpNpmCrossTest.class.getResourceAsStream("thp-peer.mjs")) {
            Files.write(js, in.readAllBytes());
        }
        js.toFile().deleteOnExit();
        return js;
    }

    private static JsonNode node(ArrayNode cases) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", script().toString(), testchain().toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        try (var w = p.getOutputStream()) {
            w.write(JSON.writeValueAsBytes(cases));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, p.exitValue(), "node failed (run `npm ci` in testchain/): " + out);
        return JSON.readTree(out);
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    void handshakeAndCpaceEqualTrezorsPackage() throws Exception {
        Random r = new Random(SEED);
        ArrayNode cases = JSON.createArrayNode();
        for (int i = 0; i < CASES; i++) {
            ThpDeviceProperties props = ThpDeviceProperties.newBuilder().setInternalModel(i % 3 == 0 ? "T3W1" : "T3B1")
                    .setModelVariant(r.nextInt(4)).setProtocolVersionMajor(2).setProtocolVersionMinor(r.nextInt(3))
                    .addPairingMethods(ThpPairingMethod.CodeEntry).addPairingMethods(ThpPairingMethod.SkipPairing).build();
            ObjectNode c = cases.addObject();
            c.put("deviceProperties", HEX.formatHex(props.toByteArray()));
            c.put("tryToUnlock", r.nextInt(2));
            c.put("hostEphemeralPrivate", HEX.formatHex(random(r, 32)));
            c.put("trezorEphemeralPrivate", HEX.formatHex(random(r, 32)));
            c.put("trezorStaticPrivate", HEX.formatHex(random(r, 32)));
            c.put("hostStaticPrivate", HEX.formatHex(random(r, 32)));
            if (i % 2 == 0) {
                c.put("credential", HEX.formatHex(random(r, 20 + r.nextInt(60))));
                c.put("otherHostStaticPrivate", HEX.formatHex(random(r, 32)));
                c.put("otherTrezorStaticPrivate", HEX.formatHex(random(r, 32)));
            }
            c.put("code", String.format("%06d", r.nextInt(1_000_000)));
            c.put("hostCpacePrivate", HEX.formatHex(random(r, 32)));
            c.put("trezorCpacePublic", HEX.formatHex(ThpCrypto.publicKey(random(r, 32))));
        }
        JsonNode results = node(cases);
        assertEquals(CASES, results.size());
        for (int i = 0; i < CASES; i++) {
            JsonNode c = cases.get(i);
            JsonNode n = results.get(i);
            String at = "case " + i + " (seed " + Long.toHexString(SEED) + ")";
            ThpHandshake hs = new ThpHandshake(hex(c, "deviceProperties"), hex(c, "hostEphemeralPrivate"), c.get("tryToUnlock").asInt() == 1);
            assertEquals(n.get("initRequest").asText(), HEX.formatHex(hs.initiationRequest()), at);
            hs.readInitiationResponse(hex(n, "initResponse"));
            assertEquals(n.get("trezorMaskedStaticPubkey").asText(), HEX.formatHex(hs.trezorMaskedStaticPublicKey()), at);

            boolean paired = c.has("credential");
            assertEquals(paired, n.get("credentialFound").asBoolean(), at);
            byte[] trezorStatic = ThpCrypto.publicKey(hex(c, "trezorStaticPrivate"));
            assertTrue(ThpHandshake.matches(trezorStatic, hs.trezorEphemeralPublicKey(), hs.trezorMaskedStaticPublicKey()), at);
            if (paired) {
                byte[] other = ThpCrypto.publicKey(hex(c, "otherTrezorStaticPrivate"));
                assertFalse(ThpHandshake.matches(other, hs.trezorEphemeralPublicKey(), hs.trezorMaskedStaticPublicKey()), at);
            }
            ThpHandshakeCompletionReqNoisePayload.Builder payload = ThpHandshakeCompletionReqNoisePayload.newBuilder();
            if (paired) {
                payload.setHostPairingCredential(ByteString.copyFrom(hex(c, "credential")));
            }
            byte[] completion = hs.completionRequest(hex(c, "hostStaticPrivate"), payload.build().toByteArray());
            assertEquals(n.get("completionRequest").asText(), HEX.formatHex(completion), at);
            assertEquals(n.get("handshakeHash").asText(), HEX.formatHex(hs.handshakeHash()), at);
            byte[][] keys = hs.transportKeys();
            assertEquals(n.get("hostKey").asText(), HEX.formatHex(keys[0]), at);
            assertEquals(n.get("trezorKey").asText(), HEX.formatHex(keys[1]), at);

            Cpace.Result cp = Cpace.hostKeys(c.get("code").asText(), hs.handshakeHash(), hex(c, "hostCpacePrivate"), hex(c, "trezorCpacePublic"));
            assertEquals(n.get("cpaceHostPublicKey").asText(), HEX.formatHex(cp.publicKey()), at);
            assertEquals(n.get("cpaceTag").asText(), HEX.formatHex(cp.tag()), at);
        }
    }

    private static byte[] hex(JsonNode n, String field) {
        return HEX.parseHex(n.get(field).asText());
    }
}
