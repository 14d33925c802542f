package io.countersign.hw.protocol.thp;

/**
 * A THP packet header, parsed for the role that receives it (specification.md, "Transport packet
 * structure", "Initiation Packet", "Continuation Packet"). The sequence and ACK bits are not part of
 * the header value; {@link #toBytes} takes them separately.
 *
 * <p>Rules: the control byte must be one the specification defines; the channel id must be
 * 0x0001..0xFFEF or the broadcast channel 0xFFFF; the length (transport payload with CRC) must be
 * 4..60000; ACK (4), transport error (5), allocation request, ping and pong (12) have fixed lengths;
 * a host accepts only the messages a device sends and vice versa.
 *
 * @param kind what the packet is
 * @param channelId the 16-bit channel id (0xFFFF for broadcast kinds)
 * @param payloadLength the length field (transport payload with CRC); 0 for continuations
 * @param phase for {@link Kind#HANDSHAKE}, which of the four handshake messages; otherwise null
 */
public record ThpHeader(Kind kind, int channelId, int payloadLength, HandshakePhase phase) {
    public static final int INIT_LENGTH = 5;
    public static final int CONT_LENGTH = 3;
    public static final int MAX_PAYLOAD_LENGTH = 60000;
    public static final int MIN_CHANNEL_ID = 0x0001;
    public static final int MAX_CHANNEL_ID = 0xFFEF;

    public enum Kind { CONTINUATION, ACK, CODEC_V1, CHANNEL_ALLOCATION_REQUEST, CHANNEL_ALLOCATION_RESPONSE, TRANSPORT_ERROR, PING, PONG, HANDSHAKE, ENCRYPTED }

    /** Which side reads or writes the packet. */
    public enum Role { HOST, DEVICE }

    public enum HandshakePhase {
        INITIATION_REQUEST(ThpControlByte.HANDSHAKE_INIT_REQUEST, Role.HOST),
        INITIATION_RESPONSE(ThpControlByte.HANDSHAKE_INIT_RESPONSE, Role.DEVICE),
        COMPLETION_REQUEST(ThpControlByte.HANDSHAKE_COMPLETION_REQUEST, Role.HOST),
        COMPLETION_RESPONSE(ThpControlByte.HANDSHAKE_COMPLETION_RESPONSE, Role.DEVICE);

        final int controlByte;
        final Role sender;

        HandshakePhase(int controlByte, Role sender) {
            this.controlByte = controlByte;
            this.sender = sender;
        }
    }

    public static boolean channelIdValid(int cid) {
        return (cid >= MIN_CHANNEL_ID && cid <= MAX_CHANNEL_ID) || cid == ThpMessage.BROADCAST_CHANNEL;
    }

    /**
     * Parses the header at the start of {@code packet} as {@code receiver} reads it.
     *
     * @throws ThpFramingException naming what is wrong
     */
    public static ThpHeader parse(Role receiver, byte[] packet) throws ThpFramingException {
        if (packet.length < CONT_LENGTH) {
            throw new ThpFramingException("THP packet too short (" + packet.length + " bytes)");
        }
        int cb = packet[0] & 0xFF;
        int cid = ((packet[1] & 0xFF) << 8) | (packet[2] & 0xFF);
        if (!ThpControlByte.isKnown(cb)) {
            throw new ThpFramingException("invalid THP control byte " + String.format("0x%02x", cb));
        }
        if (cb == ThpControlByte.CODEC_V1 && receiver == Role.HOST) {
            return new ThpHeader(Kind.CODEC_V1, cid, 0, null);
        }
        if (!channelIdValid(cid)) {
            throw new ThpFramingException("invalid THP channel id " + String.format("%04x", cid));
        }
        if (ThpControlByte.isContinuation(cb)) {
            return new ThpHeader(Kind.CONTINUATION, cid, 0, null);
        }
        if (packet.length < INIT_LENGTH) {
            throw new ThpFramingException("THP initiation packet too short (" + packet.length + " bytes)");
        }
        int len = ((packet[3] & 0xFF) << 8) | (packet[4] & 0xFF);
        if (len > MAX_PAYLOAD_LENGTH) {
            throw new ThpFramingException("THP payload length " + len + " exceeds " + MAX_PAYLOAD_LENGTH);
        }
        if (len < ThpCrc32.LENGTH) {
            throw new ThpFramingException("THP payload length " + len + " is shorter than its CRC");
        }
        boolean broadcast = cid == ThpMessage.BROADCAST_CHANNEL;
        ThpHeader single = null;
        if (ThpControlByte.isAck(cb) && !broadcast) {
            single = new ThpHeader(Kind.ACK, cid, 4, null);
        } else if (cb == ThpControlByte.TRANSPORT_ERROR) {
            single = new ThpHeader(Kind.TRANSPORT_ERROR, cid, 5, null);
        } else if (broadcast && cb == ThpControlByte.CHANNEL_ALLOCATION_REQUEST && receiver == Role.DEVICE) {
            single = new ThpHeader(Kind.CHANNEL_ALLOCATION_REQUEST, cid, 12, null);
        } else if (broadcast && cb == ThpControlByte.PING && receiver == Role.DEVICE) {
            single = new ThpHeader(Kind.PING, cid, 12, null);
        } else if (broadcast && cb == ThpControlByte.PONG && receiver == Role.HOST) {
            single = new ThpHeader(Kind.PONG, cid, 12, null);
        }
        if (single != null) {
            if (single.payloadLength != len) {
                throw new ThpFramingException("THP " + single.kind + " must have length " + single.payloadLength + ", got " + len);
            }
            return single;
        }
        if (broadcast) {
            if (receiver == Role.HOST && cb == ThpControlByte.CHANNEL_ALLOCATION_RESPONSE) {
                return new ThpHeader(Kind.CHANNEL_ALLOCATION_RESPONSE, cid, len, null);
            }
        } else if (ThpControlByte.isData(cb)) {
            int kind = ThpControlByte.dataKind(cb);
            if (kind == ThpControlByte.ENCRYPTED_TRANSPORT) {
                return new ThpHeader(Kind.ENCRYPTED, cid, len, null);
            }
            HandshakePhase phase = HandshakePhase.values()[kind];
            if (phase.sender != receiver) {
                return new ThpHeader(Kind.HANDSHAKE, cid, len, phase);
            }
        }
        throw new ThpFramingException("unexpected THP message " + ThpControlByte.describe(cb) + " on channel "
                + String.format("%04x", cid) + " for the " + receiver.name().toLowerCase());
    }

    /**
     * The header bytes (3 for a continuation, 5 otherwise) as {@code sender} writes them, with the
     * given sync bits on ACK, handshake and encrypted-transport control bytes.
     *
     * @throws IllegalArgumentException if {@code sender} never sends this kind, or an ACK gets seq=1
     */
    public byte[] toBytes(Role sender, boolean seq, boolean ack) {
        if (kind == Kind.CONTINUATION) {
            return new byte[] {(byte) ThpControlByte.CONTINUATION, (byte) (channelId >>> 8), (byte) channelId};
        }
        int cb = switch (kind) {
            case ACK -> ThpControlByte.ACK;
            case CHANNEL_ALLOCATION_REQUEST -> sender == Role.HOST ? ThpControlByte.CHANNEL_ALLOCATION_REQUEST : -1;
            case CHANNEL_ALLOCATION_RESPONSE -> sender == Role.DEVICE ? ThpControlByte.CHANNEL_ALLOCATION_RESPONSE : -1;
            case TRANSPORT_ERROR -> ThpControlByte.TRANSPORT_ERROR;
            case PING -> sender == Role.HOST ? ThpControlByte.PING : -1;
            case PONG -> sender == Role.DEVICE ? ThpControlByte.PONG : -1;
            case HANDSHAKE -> phase.sender == sender ? phase.controlByte : -1;
            case ENCRYPTED -> ThpControlByte.ENCRYPTED_TRANSPORT;
            case CODEC_V1, CONTINUATION -> -1;
        };
        if (cb < 0) {
            throw new IllegalArgumentException("the " + sender.name().toLowerCase() + " never sends " + kind);
        }
        if (kind == Kind.ACK && seq) {
            throw new IllegalArgumentException("an ACK carries its sequence number in the ACK bit; seq must be 0");
        }
        if (kind == Kind.ACK || kind == Kind.HANDSHAKE || kind == Kind.ENCRYPTED) {
            cb = ThpControlByte.withSyncBits(cb, seq, ack);
        }
        return new byte[] {(byte) cb, (byte) (channelId >>> 8), (byte) channelId, (byte) (payloadLength >>> 8), (byte) payloadLength};
    }
}
