package io.countersign.hw.protocol.thp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One THP transport payload as it travels in a channel: control byte, channel id and the payload
 * without CRC (specification.md, "Transport layer").
 *
 * @param controlByte the initiation packet's control byte, 0..0x7F
 * @param channelId 16-bit channel id; 0xFFFF is the broadcast channel
 * @param payload transport payload without the CRC; at most {@link ThpPackets#MAX_PAYLOAD} bytes
 */
public record ThpMessage(int controlByte, int channelId, byte[] payload) {
    public static final int BROADCAST_CHANNEL = 0xFFFF;

    public ThpMessage {
        if (controlByte < 0 || controlByte > 0x7F) {
            throw new IllegalArgumentException("an initiation control byte is 0x00..0x7f, got " + controlByte);
        }
        if (channelId < 0 || channelId > 0xFFFF) {
            throw new IllegalArgumentException("channel id is 16 bits, got " + channelId);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    public boolean isAck() {
        return ThpControlByte.isAck(controlByte);
    }

    public boolean isData() {
        return ThpControlByte.isData(controlByte);
    }

    public boolean seqBit() {
        return ThpControlByte.seqBit(controlByte);
    }

    public boolean ackBit() {
        return ThpControlByte.ackBit(controlByte);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThpMessage m && m.controlByte == controlByte && m.channelId == channelId && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * controlByte + channelId) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ThpMessage[" + ThpControlByte.describe(controlByte) + ", cid=" + String.format("%04x", channelId)
                + ", " + payload.length + " bytes]";
    }

    /** Payload bytes as hex, for tests and fixtures (never for messages that may carry secrets). */
    public String payloadHex() {
        return HexFormat.of().formatHex(payload);
    }
}
