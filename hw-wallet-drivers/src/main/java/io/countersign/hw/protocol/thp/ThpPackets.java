package io.countersign.hw.protocol.thp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * THP segmenting and error-detection layers (specification.md, "Segmenting layer", "Error
 * detection layer"): a transport payload plus its CRC-32 goes into one initiation packet
 * ({@code cb | cid | length | data}) and as few continuation packets ({@code 0x80 | cid | data})
 * as possible, the last one padded with zero bytes. USB packets are 64 bytes.
 */
public final class ThpPackets {
    public static final int PACKET_SIZE = 64;
    /** Longest transport payload without CRC (the length field counts the CRC too). */
    public static final int MAX_PAYLOAD = ThpHeader.MAX_PAYLOAD_LENGTH - ThpCrc32.LENGTH;

    private ThpPackets() {}

    /** The 64-byte packets of one message, CRC included. */
    public static List<byte[]> encode(ThpMessage m) {
        if (m.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("THP payload of " + m.length() + " bytes exceeds " + MAX_PAYLOAD);
        }
        return packets(m.controlByte(), m.channelId(), m.length() + ThpCrc32.LENGTH, m.payload(), true, PACKET_SIZE);
    }

    /**
     * Writes {@code body} behind a header whose length field is {@code lengthField}, optionally
     * followed by the CRC-32 of header and body. No packets for an empty body without CRC.
     */
    public static List<byte[]> packets(int controlByte, int channelId, int lengthField, byte[] body, boolean withCrc, int packetSize) {
        byte[] header = {(byte) controlByte, (byte) (channelId >>> 8), (byte) channelId, (byte) (lengthField >>> 8), (byte) lengthField};
        byte[] data = body;
        if (withCrc) {
            byte[] checked = concat(header, body);
            data = concat(body, ThpCrc32.compute(checked));
        }
        List<byte[]> out = new ArrayList<>();
        if (data.length == 0) {
            return out;
        }
        int pos = Math.min(data.length, packetSize - ThpHeader.INIT_LENGTH);
        byte[] first = new byte[packetSize];
        System.arraycopy(header, 0, first, 0, header.length);
        System.arraycopy(data, 0, first, ThpHeader.INIT_LENGTH, pos);
        out.add(first);
        while (pos < data.length) {
            byte[] p = new byte[packetSize];
            p[0] = (byte) ThpControlByte.CONTINUATION;
            p[1] = (byte) (channelId >>> 8);
            p[2] = (byte) channelId;
            int n = Math.min(data.length - pos, packetSize - ThpHeader.CONT_LENGTH);
            System.arraycopy(data, pos, p, ThpHeader.CONT_LENGTH, n);
            pos += n;
            out.add(p);
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /**
     * Reassembles packets into messages for one receiving role. A new initiation packet abandons an
     * unfinished payload; continuations for another channel or with nothing pending are ignored;
     * padding is discarded. Not thread-safe.
     */
    public static final class Reassembler {
        private final ThpHeader.Role receiver;
        private ThpHeader pending;
        private int pendingControlByte;
        private ByteArrayOutputStream buffer;

        public Reassembler(ThpHeader.Role receiver) {
            this.receiver = receiver;
        }

        /**
         * Adds one packet.
         *
         * @return the complete message once its last packet has arrived, else null
         * @throws ThpFramingException for a malformed header or a CRC mismatch (the payload is dropped)
         */
        public ThpMessage add(byte[] packet) throws ThpFramingException {
            ThpHeader h = ThpHeader.parse(receiver, packet);
            if (h.kind() == ThpHeader.Kind.CODEC_V1) {
                throw new ThpFramingException("the device answered in protocol v1, not THP");
            }
            if (h.kind() == ThpHeader.Kind.CONTINUATION) {
                if (pending == null || h.channelId() != pending.channelId()) {
                    return null;
                }
                buffer.write(packet, ThpHeader.CONT_LENGTH, packet.length - ThpHeader.CONT_LENGTH);
            } else {
                pending = h;
                pendingControlByte = packet[0] & 0xFF;
                buffer = new ByteArrayOutputStream(h.payloadLength() + PACKET_SIZE);
                buffer.write(packet, ThpHeader.INIT_LENGTH, packet.length - ThpHeader.INIT_LENGTH);
            }
            if (buffer.size() < pending.payloadLength()) {
                return null;
            }
            ThpHeader done = pending;
            byte[] all = Arrays.copyOf(buffer.toByteArray(), done.payloadLength());
            pending = null;
            buffer = null;
            byte[] payload = Arrays.copyOf(all, all.length - ThpCrc32.LENGTH);
            byte[] crc = Arrays.copyOfRange(all, all.length - ThpCrc32.LENGTH, all.length);
            byte[] header = {(byte) pendingControlByte, (byte) (done.channelId() >>> 8), (byte) done.channelId(),
                (byte) (done.payloadLength() >>> 8), (byte) done.payloadLength()};
            if (!ThpCrc32.isValid(crc, concat(header, payload))) {
                throw new ThpFramingException("THP payload on channel " + String.format("%04x", done.channelId())
                        + " failed its CRC-32 check; discarded", true);
            }
            return new ThpMessage(pendingControlByte, done.channelId(), payload);
        }
    }
}
