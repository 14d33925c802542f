package io.countersign.hw.protocol.thp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.hw.Vectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** THP crypto against the upstream vectors in test-vectors/thp (see its PROVENANCE.md). */
class ThpCryptoVectorTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(JsonNode n) {
        return HEX.parseHex(n.asText());
    }

    @Test
    void protocolNameIsTheFirmwares() {
        assertEquals(Vectors.read("thp/crypto.json").get("protocol_name").asText(), HEX.formatHex(ThpCrypto.PROTOCOL_NAME));
    }

    @Test
    void aesGcmReproducesTheFirmwareVectors() throws Exception {
        JsonNode v = Vectors.read("thp/crypto.json").get("aesgcm");
        assertEquals(4, v.size());
        for (JsonNode c : v) {
            byte[] out = ThpCrypto.encrypt(hex(c.get("key")), c.get("nonce").asLong(), hex(c.get("ad")), hex(c.get("plaintext")));
            assertEquals(c.get("ciphertext").asText() + c.get("tag").asText(), HEX.formatHex(out), c.toString());
            assertArrayEquals(hex(c.get("plaintext")), ThpCrypto.decrypt(hex(c.get("key")), c.get("nonce").asLong(), hex(c.get("ad")), out));
            out[0] ^= 1;
            byte[] tampered = out;
            assertThrows(ThpCryptoException.class, () -> ThpCrypto.decrypt(hex(c.get("key")), c.get("nonce").asLong(), hex(c.get("ad")), tampered));
        }
    }

    @Test
    void hkdfReproducesTheFirmwareVectors() {
        JsonNode v = Vectors.read("thp/crypto.json").get("hkdf");
        assertEquals(2, v.size());
        for (JsonNode c : v) {
            byte[][] out = ThpCrypto.hkdf(hex(c.get("chaining_key")), hex(c.get("input")));
            assertEquals(c.get("output_1").asText(), HEX.formatHex(out[0]));
            assertEquals(c.get("output_2").asText(), HEX.formatHex(out[1]));
        }
    }

    @Test
    void ivReproducesTheFirmwareVectorsAndRefusesOverflow() {
        JsonNode v = Vectors.read("thp/crypto.json");
        assertEquals(6, v.get("iv").size());
        for (JsonNode c : v.get("iv")) {
            assertEquals(c.get("iv").asText(), HEX.formatHex(ThpCrypto.iv(new BigInteger(c.get("nonce").asText()))));
        }
        JsonNode o = v.get("iv_overflow");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThpCrypto.iv(new BigInteger(o.get("nonce").asText())));
        assertEquals(o.get("error").asText(), e.getMessage());
    }

    @Test
    void elligator2ReproducesTheVectors() {
        JsonNode v = Vectors.read("thp/elligator2.json").get("vectors");
        assertEquals(10, v.size());
        for (JsonNode c : v) {
            assertEquals(c.get("output").asText(), HEX.formatHex(Elligator2.mapToCurve25519(hex(c.get("input")))), c.toString());
        }
    }

    @Test
    void cpaceGeneratorReproducesTheVector() {
        JsonNode g = Vectors.read("thp/cpace.json").get("generator");
        assertEquals(g.get("generator_string").asText(), HEX.formatHex(Cpace.generatorString(hex(g.get("prs")), hex(g.get("ci")), hex(g.get("sid")))));
        assertEquals(g.get("generator").asText(), HEX.formatHex(Cpace.generator(hex(g.get("prs")), hex(g.get("ci")), hex(g.get("sid")))));
    }

    @Test
    void cpaceRefusesLowOrderPointsAndAcceptsTheRest() throws Exception {
        JsonNode v = Vectors.read("thp/cpace.json");
        byte[] s = hex(v.get("private_key"));
        assertEquals(14, v.get("rejected").size());
        for (JsonNode c : v.get("rejected")) {
            assertThrows(ThpCryptoException.class, () -> ThpCrypto.x25519(s, hex(c.get("u"))), c.get("name").asText());
            // the host's CPace step refuses such a Trezor key too
            assertThrows(ThpCryptoException.class, () -> Cpace.hostKeys("123456", new byte[32], s, hex(c.get("u"))), c.get("name").asText());
        }
        assertEquals(5, v.get("accepted").size());
        for (JsonNode c : v.get("accepted")) {
            assertEquals(c.get("shared_secret").asText(), HEX.formatHex(ThpCrypto.x25519(s, hex(c.get("u")))), c.get("name").asText());
        }
    }

    @Test
    void maskedStaticKeyMatchesOnlyTheSuitesSecondCredential() {
        JsonNode m = Vectors.read("thp/trezor_suite.json").get("masking");
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < m.get("known_credentials").size(); i++) {
            JsonNode c = m.get("known_credentials").get(i);
            if (ThpHandshake.matches(hex(c.get("trezor_static_public_key")), hex(m.get("trezor_ephemeral_pubkey")), hex(m.get("trezor_masked_static_pubkey")))) {
                found.add(i);
            }
        }
        List<Integer> expected = new ArrayList<>();
        m.get("expected_match_indexes").forEach(x -> expected.add(x.asInt()));
        assertEquals(expected, found);
    }

    @Test
    void cipherStateStopsAfterTheLastNonce() throws Exception {
        byte[] key = new byte[32];
        ThpCipherState last = new ThpCipherState(key, -1L); // 2^64 - 1, the last valid nonce
        byte[] c = last.encrypt(new byte[] {1});
        assertEquals(HEX.formatHex(ThpCrypto.encrypt(key, -1L, new byte[0], new byte[] {1})), HEX.formatHex(c));
        ThpCryptoException e = assertThrows(ThpCryptoException.class, () -> last.encrypt(new byte[] {1}));
        assertTrue(e.getMessage().contains("Nonce overflow"));
    }
}
