package io.countersign.hw.protocol.thp;

/**
 * The first byte of every THP packet (trezor-firmware docs/common/thp/specification.md, "Transport
 * packet structure"). A property matches when {@code controlByte & mask == maskedValue}; the
 * sequence bit (mask 0x10) and the ACK bit (mask 0x08) ride on handshake, encrypted-transport and
 * ACK control bytes.
 */
public final class ThpControlByte {
    public static final int CONTINUATION = 0x80;
    public static final int CODEC_V1 = 0x3F;
    public static final int CHANNEL_ALLOCATION_REQUEST = 0x40;
    public static final int CHANNEL_ALLOCATION_RESPONSE = 0x41;
    public static final int TRANSPORT_ERROR = 0x42;
    public static final int PING = 0x43;
    public static final int PONG = 0x44;
    /** ACK with sequence bit 0 ({@code 0010X000}, mask 0xF7). */
    public static final int ACK = 0x20;
    public static final int HANDSHAKE_INIT_REQUEST = 0x00;
    public static final int HANDSHAKE_INIT_RESPONSE = 0x01;
    public static final int HANDSHAKE_COMPLETION_REQUEST = 0x02;
    public static final int HANDSHAKE_COMPLETION_RESPONSE = 0x03;
    public static final int ENCRYPTED_TRANSPORT = 0x04;

    public static final int SEQ_BIT = 0x10;
    public static final int ACK_BIT = 0x08;
    static final int ACK_MASK = 0xF7;
    static final int DATA_MASK = 0xE7;

    private ThpControlByte() {}

    public static boolean isContinuation(int cb) {
        return (cb & 0x80) == 0x80;
    }

    public static boolean isAck(int cb) {
        return (cb & ACK_MASK) == ACK;
    }

    /** Handshake messages and encrypted transport: the ones that carry a sequence bit and are ACKed. */
    public static boolean isData(int cb) {
        return (cb & 0xE0) == 0 && (cb & DATA_MASK) <= ENCRYPTED_TRANSPORT;
    }

    /** The data kind without the sync bits: one of HANDSHAKE_* or ENCRYPTED_TRANSPORT, or -1. */
    public static int dataKind(int cb) {
        return isData(cb) ? cb & DATA_MASK : -1;
    }

    /** True for every control byte the specification defines (an initiation or continuation packet). */
    public static boolean isKnown(int cb) {
        return isContinuation(cb) || isAck(cb) || isData(cb) || cb == CODEC_V1
                || (cb >= CHANNEL_ALLOCATION_REQUEST && cb <= PONG);
    }

    public static boolean seqBit(int cb) {
        return (cb & SEQ_BIT) != 0;
    }

    public static boolean ackBit(int cb) {
        return (cb & ACK_BIT) != 0;
    }

    /** {@code cb} with its sequence and ACK bits replaced. */
    public static int withSyncBits(int cb, boolean seq, boolean ack) {
        return (cb & ~(SEQ_BIT | ACK_BIT)) | (seq ? SEQ_BIT : 0) | (ack ? ACK_BIT : 0);
    }

    /** The ACK control byte for a received data message's sequence bit: 0x20 or 0x28. */
    public static int ackFor(boolean seq) {
        return ACK | (seq ? ACK_BIT : 0);
    }

    /** A readable name for messages, e.g. {@code 0x14 (ENCRYPTED_TRANSPORT seq1 ack0)}. */
    public static String describe(int cb) {
        String hex = String.format("0x%02x", cb);
        if (isContinuation(cb)) {
            return hex + " (CONTINUATION)";
        }
        if (isAck(cb)) {
            return hex + " (ACK" + (ackBit(cb) ? 1 : 0) + ")";
        }
        if (isData(cb)) {
            String[] names = {"HANDSHAKE_INIT_REQUEST", "HANDSHAKE_INIT_RESPONSE", "HANDSHAKE_COMPLETION_REQUEST",
                "HANDSHAKE_COMPLETION_RESPONSE", "ENCRYPTED_TRANSPORT"};
            return hex + " (" + names[cb & DATA_MASK] + " seq" + (seqBit(cb) ? 1 : 0) + " ack" + (ackBit(cb) ? 1 : 0) + ")";
        }
        return switch (cb) {
            case CODEC_V1 -> hex + " (CODEC_V1)";
            case CHANNEL_ALLOCATION_REQUEST -> hex + " (CHANNEL_ALLOCATION_REQUEST)";
            case CHANNEL_ALLOCATION_RESPONSE -> hex + " (CHANNEL_ALLOCATION_RESPONSE)";
            case TRANSPORT_ERROR -> hex + " (TRANSPORT_ERROR)";
            case PING -> hex + " (PING)";
            case PONG -> hex + " (PONG)";
            default -> hex + " (reserved)";
        };
    }
}
