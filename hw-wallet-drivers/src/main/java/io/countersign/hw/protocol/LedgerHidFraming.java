package io.countersign.hw.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Ledger's HID framing (ledgerjs {@code hid-framing}), with no I/O: an APDU travels in 64-byte
 * reports, each {@code channel(2) ‖ tag 0x05 ‖ sequence(2, big-endian) ‖ payload}; the first
 * report's payload starts with the 2-byte total length of the APDU (or response). Unused bytes are
 * zero.
 */
public final class LedgerHidFraming {
    /** HID report size in bytes. */
    public static final int PACKET_SIZE = 64;
    /** The channel id ledgerjs uses for every exchange. */
    public static final int CHANNEL = 0x0101;
    /** Tag of an APDU-carrying report. */
    public static final int TAG_APDU = 0x05;
    private static final int HEADER = 5;

    private LedgerHidFraming() {}

    /** Splits one command APDU into 64-byte reports. */
    public static List<byte[]> wrap(byte[] apdu) {
        byte[] body = new byte[apdu.length + 2];
        body[0] = (byte) (apdu.length >> 8);
        body[1] = (byte) apdu.length;
        System.arraycopy(apdu, 0, body, 2, apdu.length);
        List<byte[]> packets = new ArrayList<>();
        int offset = 0;
        int sequence = 0;
        do {
            byte[] packet = new byte[PACKET_SIZE];
            writeHeader(packet, sequence++);
            int n = Math.min(PACKET_SIZE - HEADER, body.length - offset);
            System.arraycopy(body, offset, packet, HEADER, n);
            offset += n;
            packets.add(packet);
        } while (offset < body.length);
        return packets;
    }

    private static void writeHeader(byte[] packet, int sequence) {
        packet[0] = (byte) (CHANNEL >> 8);
        packet[1] = (byte) CHANNEL;
        packet[2] = (byte) TAG_APDU;
        packet[3] = (byte) (sequence >> 8);
        packet[4] = (byte) sequence;
    }

    /**
     * Reassembles one response from reports fed in order.
     */
    public static final class Unwrapper {
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private int expectedLength = -1;
        private int sequence;

        /**
         * Adds the next report.
         *
         * @return the complete response (data ‖ status word) once every byte arrived, else {@code null}
         * @throws IllegalArgumentException on a wrong channel, tag or sequence number
         */
        public byte[] add(byte[] packet) {
            if (packet.length < HEADER + (sequence == 0 ? 2 : 0)) {
                throw new IllegalArgumentException("HID report too short: " + packet.length + " bytes");
            }
            int channel = ((packet[0] & 0xff) << 8) | (packet[1] & 0xff);
            int tag = packet[2] & 0xff;
            int seq = ((packet[3] & 0xff) << 8) | (packet[4] & 0xff);
            if (channel != CHANNEL || tag != TAG_APDU) {
                throw new IllegalArgumentException(String.format("unexpected HID report: channel 0x%04x tag 0x%02x", channel, tag));
            }
            if (seq != sequence) {
                throw new IllegalArgumentException("HID report out of order: expected sequence " + sequence + ", got " + seq);
            }
            int offset = HEADER;
            if (sequence == 0) {
                expectedLength = ((packet[5] & 0xff) << 8) | (packet[6] & 0xff);
                offset += 2;
            }
            sequence++;
            int n = Math.min(packet.length - offset, expectedLength - data.size());
            data.write(packet, offset, n);
            return data.size() == expectedLength ? data.toByteArray() : null;
        }
    }

    /** Reassembles a complete list of reports (test helper and HID read loop). */
    public static byte[] unwrap(List<byte[]> packets) {
        Unwrapper u = new Unwrapper();
        for (byte[] p : packets) {
            byte[] done = u.add(p);
            if (done != null) {
                return done;
            }
        }
        throw new IllegalArgumentException("incomplete response: " + packets.size() + " reports are not enough");
    }

}
