package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import io.countersign.hw.protocol.thp.ThpAllocation;
import io.countersign.hw.protocol.thp.ThpControlByte;
import io.countersign.hw.protocol.thp.ThpErrorCode;
import io.countersign.hw.protocol.thp.ThpFramingException;
import io.countersign.hw.protocol.thp.ThpHeader;
import io.countersign.hw.protocol.thp.ThpMessage;
import io.countersign.hw.protocol.thp.ThpPackets;
import java.security.SecureRandom;

/**
 * The host end of one THP channel over 64-byte packets (specification.md, "Allocation layer",
 * "Synchronization layer"): allocation on the broadcast channel, then handshake and encrypted
 * messages with the alternating-bit protocol. Each data message carries a sequence bit; it is
 * resent every {@link #ackTimeoutMillis} until an ACK with that bit arrives, at most
 * {@link #MAX_RETRANSMISSIONS} times. Every data message received is ACKed (duplicates too, and
 * then discarded). A device that offers protocol 2.1 may acknowledge with the ACK bit of its next
 * data message instead of a separate ACK (piggybacking); the host signals support by setting the
 * ACK bit on its first handshake message.
 *
 * <p>Transport errors become typed {@link DeviceException}s that say what to do.
 */
public final class ThpChannel implements AutoCloseable {
    /** Retransmissions of one message before the channel is given up (the specification suggests at most 50). */
    public static final int MAX_RETRANSMISSIONS = 20;

    private final PacketIo io;
    private final int ackTimeoutMillis;
    private final ThpPackets.Reassembler reassembler = new ThpPackets.Reassembler(ThpHeader.Role.HOST);
    private ThpAllocation allocation;
    private boolean sendSeq;
    private boolean receiveSeq;
    private ThpMessage held;
    private int retransmissions;

    /**
     * @param io the device's packets
     * @param ackTimeoutMillis how long to wait for an ACK before resending
     */
    public ThpChannel(PacketIo io, int ackTimeoutMillis) {
        this.io = io;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    /**
     * Requests a channel with a random 8-byte nonce; responses carrying another nonce are skipped.
     *
     * @throws DeviceException.DeviceFailure if the answer is malformed or never comes
     */
    public ThpAllocation allocate() {
        byte[] nonce = new byte[8];
        new SecureRandom().nextBytes(nonce);
        write(ThpAllocation.request(nonce));
        for (int attempt = 0; attempt <= MAX_RETRANSMISSIONS; attempt++) {
            ThpMessage m = readMessage(ackTimeoutMillis * 4);
            if (m == null) {
                write(ThpAllocation.request(nonce));
                continue;
            }
            try {
                ThpAllocation a = ThpAllocation.parse(nonce, m);
                if (a != null) {
                    allocation = a;
                    sendSeq = false;
                    receiveSeq = false;
                    return a;
                }
            } catch (ThpFramingException e) {
                throw new DeviceException.DeviceFailure("the Trezor at " + io.describe() + " answered the channel request wrongly: " + e.getMessage(), e);
            }
        }
        throw new DeviceException.DeviceFailure("the Trezor at " + io.describe() + " did not allocate a THP channel; reconnect it and try again", null);
    }

    public ThpAllocation allocation() {
        return allocation;
    }

    /**
     * Sends one data message (a handshake message or encrypted transport) and waits for its ACK,
     * resending on timeout.
     *
     * @param kind ThpControlByte.HANDSHAKE_* or ENCRYPTED_TRANSPORT
     */
    public void send(int kind, byte[] payload) {
        int cb = ThpControlByte.withSyncBits(kind, sendSeq, !receiveSeq);
        ThpMessage m = new ThpMessage(cb, allocation.channelId(), payload);
        boolean seq = sendSeq;
        sendSeq = !sendSeq;
        write(m);
        int resent = 0;
        while (true) {
            ThpMessage in = readMessage(ackTimeoutMillis);
            if (in == null) {
                if (resent++ >= MAX_RETRANSMISSIONS) {
                    throw new DeviceException.DeviceDisconnected("the Trezor at " + io.describe() + " did not acknowledge a message after "
                            + MAX_RETRANSMISSIONS + " retransmissions", null);
                }
                retransmissions++;
                write(m);
                continue;
            }
            if (in.channelId() != allocation.channelId()) {
                continue;
            }
            checkError(in);
            if (in.isAck()) {
                if (in.length() == 0 && in.ackBit() == seq) {
                    return;
                }
                continue;
            }
            if (in.isData()) {
                if (allocation.ackPiggybacking() && in.ackBit() == seq && in.seqBit() == receiveSeq) {
                    held = in;
                    return;
                }
                if (in.seqBit() != receiveSeq) {
                    // a repeat of something we already took: ACK it again
                    write(new ThpMessage(ThpControlByte.ackFor(in.seqBit()), allocation.channelId(), new byte[0]));
                }
            }
        }
    }

    /**
     * Waits for the next data message of this channel, ACKs it and returns it; duplicates are ACKed
     * and dropped.
     *
     * @param timeoutMillis how long the device may take (a person may be confirming on it)
     */
    public ThpMessage receive(int timeoutMillis) {
        while (true) {
            ThpMessage in;
            if (held != null) {
                in = held;
                held = null;
            } else {
                in = readMessage(timeoutMillis);
                if (in == null) {
                    throw new DeviceException.DeviceDisconnected("the Trezor at " + io.describe() + " stopped answering for "
                            + timeoutMillis / 1000 + " s in the middle of an exchange", null);
                }
            }
            if (in.channelId() != allocation.channelId()) {
                continue;
            }
            checkError(in);
            if (!in.isData()) {
                continue;
            }
            write(new ThpMessage(ThpControlByte.ackFor(in.seqBit()), allocation.channelId(), new byte[0]));
            if (in.seqBit() != receiveSeq) {
                continue;
            }
            receiveSeq = !receiveSeq;
            return in;
        }
    }

    /** How many messages had to be resent so far (for tests and diagnostics). */
    public int retransmissions() {
        return retransmissions;
    }

    private void checkError(ThpMessage in) {
        if (in.controlByte() == ThpControlByte.TRANSPORT_ERROR) {
            byte[] p = in.payload();
            ThpErrorCode code = ThpErrorCode.of(p.length > 0 ? p[0] : 0);
            throw DeviceException.thp(code, "the Trezor at " + io.describe() + " reported " + code.name() + " (" + (p.length > 0 ? p[0] & 0xFF : -1) + "): " + code.advice());
        }
    }

    private void write(ThpMessage m) {
        for (byte[] p : ThpPackets.encode(m)) {
            io.write(p);
        }
    }

    /** The next complete message, or null when nothing arrives within the time; bad packets are skipped. */
    private ThpMessage readMessage(int timeoutMillis) {
        long end = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            byte[] packet = io.read((int) left);
            if (packet == null) {
                return null;
            }
            try {
                ThpMessage m = reassembler.add(packet);
                if (m != null) {
                    return m;
                }
            } catch (ThpFramingException e) {
                if (!e.badChecksum() && e.getMessage().contains("protocol v1")) {
                    throw new DeviceException.DeviceFailure("the device at " + io.describe() + " speaks protocol v1, not THP", e);
                }
                // damaged or foreign packet: dropped; the sender's retransmission repairs it
            }
        }
    }

    @Override
    public void close() {
        io.close();
    }
}
