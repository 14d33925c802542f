package io.countersign.hw.protocol.thp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.hw.Vectors;
import io.countersign.hw.protocol.thp.ThpHeader.Role;
import io.countersign.hw.trezor.proto.TrezorThp.ThpPairingMethod;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** THP framing against the upstream vectors in test-vectors/thp (see its PROVENANCE.md). */
class ThpFramingVectorTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void crc32ReproducesTheFirmwareVectors() {
        JsonNode v = Vectors.read("thp/crc32.json");
        assertEquals(8, v.get("correct").size());
        for (JsonNode c : v.get("correct")) {
            byte[] data = HEX.parseHex(c.get(0).asText());
            assertEquals(c.get(1).asText(), HEX.formatHex(ThpCrc32.compute(data)));
            assertTrue(ThpCrc32.isValid(HEX.parseHex(c.get(1).asText()), data));
        }
        assertEquals(7, v.get("incorrect").size());
        for (JsonNode c : v.get("incorrect")) {
            assertFalse(ThpCrc32.isValid(HEX.parseHex(c.get(1).asText()), HEX.parseHex(c.get(0).asText())), c.toString());
        }
    }

    @Test
    void packetWriterReproducesTheFirmwareVectors() {
        JsonNode v = Vectors.read("thp/writer.json");
        assertEquals(6, v.get("cases").size());
        for (JsonNode c : v.get("cases")) {
            List<byte[]> packets = ThpPackets.packets(ThpControlByte.ENCRYPTED_TRANSPORT, 0x1234, c.get("length_field").asInt(),
                    HEX.parseHex(c.get("payload").asText()), c.get("with_checksum").asBoolean(), 64);
            List<String> hex = new ArrayList<>();
            packets.forEach(p -> hex.add(HEX.formatHex(p)));
            List<String> expected = new ArrayList<>();
            c.get("packets").forEach(p -> expected.add(p.asText()));
            assertEquals(expected, hex, c.get("name").asText());
        }
    }

    @Test
    void reassemblyChecksTheCrcOfTheWriterVector() throws Exception {
        JsonNode c = Vectors.read("thp/writer.json").get("cases").get(4); // empty payload with checksum
        assertEquals("test_write_empty_payload_with_checksum", c.get("name").asText());
        ThpMessage m = new ThpPackets.Reassembler(Role.HOST).add(HEX.parseHex(c.get("packets").get(0).asText()));
        assertEquals(new ThpMessage(0x04, 0x1234, new byte[0]), m);
        byte[] damaged = HEX.parseHex(c.get("packets").get(0).asText());
        damaged[8] ^= 1;
        ThpFramingException e = assertThrows(ThpFramingException.class, () -> new ThpPackets.Reassembler(Role.HOST).add(damaged));
        assertTrue(e.badChecksum(), e.getMessage());
    }

    @Test
    void headersParseAndSerializeAsTheRustVectors() throws Exception {
        JsonNode v = Vectors.read("thp/header.json");
        assertEquals(8, v.get("good").size());
        for (JsonNode c : v.get("good")) {
            byte[] bytes = HEX.parseHex(c.get("bytes").asText());
            for (Role r : Role.values()) {
                ThpHeader h = ThpHeader.parse(r, bytes);
                assertHeader(c, h);
                byte[] out = h.toBytes(r, false, false);
                assertArrayEquals(java.util.Arrays.copyOf(bytes, out.length), out, c.toString());
                if (h.kind() == ThpHeader.Kind.ENCRYPTED) {
                    assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 5), h.toBytes(r, true, false)));
                }
            }
        }
        roleSpecific(v.get("good_device"), Role.DEVICE, Role.HOST);
        roleSpecific(v.get("good_host"), Role.HOST, Role.DEVICE);
        int bad = 0;
        for (String group : new String[] {"bad_short", "bad"}) {
            for (JsonNode b : v.get(group)) {
                for (Role r : Role.values()) {
                    assertThrows(ThpFramingException.class, () -> ThpHeader.parse(r, HEX.parseHex(b.asText())), b.asText() + " " + r);
                }
                bad++;
            }
        }
        assertEquals(18, bad);
    }

    /** Parsed only by {@code reader}; serialized only by the other side. */
    private static void roleSpecific(JsonNode vectors, Role reader, Role writer) throws Exception {
        assertEquals(4, vectors.size());
        for (JsonNode c : vectors) {
            byte[] bytes = HEX.parseHex(c.get("bytes").asText());
            ThpHeader h = ThpHeader.parse(reader, bytes);
            assertHeader(c, h);
            assertThrows(ThpFramingException.class, () -> ThpHeader.parse(writer, bytes), c.toString());
            byte[] out = h.toBytes(writer, false, false);
            assertArrayEquals(java.util.Arrays.copyOf(bytes, out.length), out, c.toString());
            assertThrows(IllegalArgumentException.class, () -> h.toBytes(reader, false, false), c.toString());
        }
    }

    private static void assertHeader(JsonNode c, ThpHeader h) {
        String kind = switch (c.get("kind").asText()) {
            case "Continuation" -> "CONTINUATION";
            case "Ack" -> "ACK";
            case "Encrypted" -> "ENCRYPTED";
            case "TransportError" -> "TRANSPORT_ERROR";
            case "ChannelAllocationRequest" -> "CHANNEL_ALLOCATION_REQUEST";
            case "ChannelAllocationResponse" -> "CHANNEL_ALLOCATION_RESPONSE";
            case "Ping" -> "PING";
            case "Pong" -> "PONG";
            case "Handshake" -> "HANDSHAKE";
            default -> throw new AssertionError(c.toString());
        };
        assertEquals(kind, h.kind().name(), c.toString());
        int cid = c.has("channel_id") ? c.get("channel_id").asInt() : 0xFFFF;
        assertEquals(cid, h.channelId(), c.toString());
        if (c.has("payload_len")) {
            assertEquals(c.get("payload_len").asInt(), h.payloadLength(), c.toString());
        }
        if (c.has("phase")) {
            String phase = c.get("phase").asText().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
            assertEquals(phase, h.phase().name());
        }
    }

    @Test
    void allocationMatchesTrezorSuitesRealResponse() throws Exception {
        JsonNode a = Vectors.read("thp/trezor_suite.json").get("allocation");
        byte[] nonce = HEX.parseHex(a.get("nonce").asText());
        List<byte[]> req = ThpPackets.encode(ThpAllocation.request(nonce));
        assertEquals(1, req.size());
        String request = a.get("request").asText();
        assertEquals(request, HEX.formatHex(req.get(0)).substring(0, request.length()));
        assertTrue(HEX.formatHex(req.get(0)).substring(request.length()).matches("0*"));

        ThpMessage m = new ThpPackets.Reassembler(Role.HOST).add(java.util.Arrays.copyOf(HEX.parseHex(a.get("response").asText()), 64));
        assertNotNull(m);
        ThpAllocation alloc = ThpAllocation.parse(nonce, m);
        assertEquals(Integer.parseInt(a.get("channel").asText(), 16), alloc.channelId());
        assertEquals(a.get("properties").asText(), HEX.formatHex(alloc.deviceProperties()));
        assertEquals("T3W1", alloc.properties().getInternalModel());
        assertEquals(2, alloc.properties().getProtocolVersionMajor());
        assertEquals(0, alloc.properties().getProtocolVersionMinor());
        assertFalse(alloc.ackPiggybacking());
        assertTrue(alloc.supports(ThpPairingMethod.CodeEntry));
        // h0 = SHA-256(protocol_name || device properties): Trezor Suite's "handshakeHash"
        assertEquals(a.get("handshake_hash").asText(), HEX.formatHex(ThpCrypto.sha256(ThpCrypto.PROTOCOL_NAME, alloc.deviceProperties())));
        // another nonce: not ours
        byte[] other = nonce.clone();
        other[0] ^= 1;
        assertNull(ThpAllocation.parse(other, m));
    }

    @Test
    void acksAndTransportErrorMatchTrezorSuite() throws Exception {
        JsonNode s = Vectors.read("thp/trezor_suite.json");
        JsonNode ack = s.get("ack");
        assertEquals(ack.get("ack0").asText(), encodedHex(new ThpMessage(ThpControlByte.ackFor(false), 0x1234, new byte[0])));
        assertEquals(ack.get("ack1").asText(), encodedHex(new ThpMessage(ThpControlByte.ackFor(true), 0x1234, new byte[0])));
        ThpMessage a1 = new ThpPackets.Reassembler(Role.HOST).add(java.util.Arrays.copyOf(HEX.parseHex(ack.get("ack1").asText()), 64));
        assertTrue(a1.isAck());
        assertTrue(a1.ackBit());

        ThpMessage err = new ThpPackets.Reassembler(Role.HOST).add(java.util.Arrays.copyOf(HEX.parseHex(s.get("error").get("message").asText()), 64));
        assertEquals(ThpControlByte.TRANSPORT_ERROR, err.controlByte());
        assertEquals(0x1222, err.channelId());
        assertEquals(ThpErrorCode.UNALLOCATED_CHANNEL, ThpErrorCode.of(err.payload()[0]));

        for (JsonNode x : s.get("ack_expected").get("expected")) {
            assertTrue(ThpControlByte.isData(HEX.parseHex(x.asText())[0] & 0xFF));
        }
        for (JsonNode x : s.get("ack_expected").get("not_expected")) {
            assertFalse(ThpControlByte.isData(HEX.parseHex(x.asText())[0] & 0xFF));
        }
    }

    private static String encodedHex(ThpMessage m) {
        List<byte[]> p = ThpPackets.encode(m);
        assertEquals(1, p.size());
        String h = HEX.formatHex(p.get(0));
        assertTrue(h.substring(18).matches("0*"), h);
        return h.substring(0, 18);
    }

    @Test
    void multiPacketMessagesRoundTrip() throws Exception {
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        ThpMessage m = new ThpMessage(0x14, 0x0042, payload);
        ThpPackets.Reassembler r = new ThpPackets.Reassembler(Role.DEVICE);
        List<byte[]> packets = ThpPackets.encode(m);
        assertEquals(6, packets.size()); // 304 bytes: 59 + 4 * 61 + 1
        ThpMessage out = null;
        for (byte[] p : packets) {
            assertNull(out);
            out = r.add(p);
        }
        assertEquals(m, out);
        // a lost continuation packet: the next initiation starts over, the broken one never surfaces
        ThpPackets.Reassembler r2 = new ThpPackets.Reassembler(Role.DEVICE);
        for (int i = 0; i < packets.size() - 2; i++) {
            assertNull(r2.add(packets.get(i)));
        }
        assertNull(r2.add(packets.get(0)));
        for (int i = 1; i < packets.size(); i++) {
            out = r2.add(packets.get(i));
        }
        assertEquals(m, out);
    }
}
