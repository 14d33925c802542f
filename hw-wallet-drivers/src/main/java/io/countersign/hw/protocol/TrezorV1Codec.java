package io.countersign.hw.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Trezor wire protocol v1 (common/protob/protocol.md "Codec v1"), with no I/O. A message travels in
 * 64-byte packets: the first is {@code ?##} ‖ message type (uint16 BE) ‖ payload length (uint32
 * BE) ‖ the first 55 payload bytes; each following packet is {@code ?} ‖ the next 63 bytes. Unused
 * bytes are zero.
 */
public final class TrezorV1Codec {
    /** Packet size in bytes (HID report, WebUSB interrupt transfer, emulator UDP datagram). */
    public static final int PACKET_SIZE = 64;
    /** Every packet starts with '?' (0x3f). */
    public static final byte REPORT_MARK = 0x3f;
    /** The first packet continues with "##". */
    public static final byte MAGIC = 0x23;
    private static final int FIRST_HEADER = 9;

    private TrezorV1Codec() {}

    /** A decoded message: its MessageType id and protobuf payload. */
    public record Message(int type, byte[] payload) {
        public Message {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /** Splits a message into 64-byte packets. */
    public static List<byte[]> encode(int type, byte[] payload) {
        List<byte[]> packets = new ArrayList<>();
        byte[] first = new byte[PACKET_SIZE];
        first[0] = REPORT_MARK;
        first[1] = MAGIC;
        first[2] = MAGIC;
        first[3] = (byte) (type >> 8);
        first[4] = (byte) type;
        first[5] = (byte) (payload.length >>> 24);
        first[6] = (byte) (payload.length >>> 16);
        first[7] = (byte) (payload.length >>> 8);
        first[8] = (byte) payload.length;
        int n = Math.min(PACKET_SIZE - FIRST_HEADER, payload.length);
        System.arraycopy(payload, 0, first, FIRST_HEADER, n);
        packets.add(first);
        int offset = n;
        while (offset < payload.length) {
            byte[] next = new byte[PACKET_SIZE];
            next[0] = REPORT_MARK;
            int m = Math.min(PACKET_SIZE - 1, payload.length - offset);
            System.arraycopy(payload, offset, next, 1, m);
            offset += m;
            packets.add(next);
        }
        return packets;
    }

    /** Reassembles a message from packets fed in order. */
    public static final class Decoder {
        private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        private int type = -1;
        private int length;

        /**
         * Adds the next packet.
         *
         * @return the message once complete, else {@code null}
         * @throws IllegalArgumentException if the packet lacks the {@code ?} / {@code ?##} marks
         */
        public Message add(byte[] packet) {
            if (packet.length < 1 || packet[0] != REPORT_MARK) {
                throw new IllegalArgumentException("not a protocol-v1 packet: it does not start with '?'");
            }
            int offset = 1;
            if (type < 0) {
                if (packet.length < FIRST_HEADER || packet[1] != MAGIC || packet[2] != MAGIC) {
                    throw new IllegalArgumentException("first protocol-v1 packet does not start with '?##'");
                }
                type = ((packet[3] & 0xff) << 8) | (packet[4] & 0xff);
                length = ((packet[5] & 0xff) << 24) | ((packet[6] & 0xff) << 16) | ((packet[7] & 0xff) << 8) | (packet[8] & 0xff);
                if (length < 0) {
                    throw new IllegalArgumentException("protocol-v1 message length out of range");
                }
                offset = FIRST_HEADER;
            }
            int n = Math.min(packet.length - offset, length - payload.size());
            payload.write(packet, offset, n);
            return payload.size() == length ? new Message(type, payload.toByteArray()) : null;
        }
    }
}
