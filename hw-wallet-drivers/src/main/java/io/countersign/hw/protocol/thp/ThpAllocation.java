package io.countersign.hw.protocol.thp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.countersign.hw.trezor.proto.TrezorThp.ThpDeviceProperties;
import io.countersign.hw.trezor.proto.TrezorThp.ThpPairingMethod;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Channel allocation on the broadcast channel 0xFFFF (specification.md, "Allocation layer"): the
 * host sends an 8-byte random nonce; the Trezor answers with the nonce, a new channel id and its
 * {@code ThpDeviceProperties}. A response whose nonce differs is not for this host and is skipped.
 *
 * @param channelId the allocated channel (0x0001..0xFFEF)
 * @param deviceProperties the properties' bytes exactly as received: the handshake prologue
 * @param properties the same bytes decoded
 */
public record ThpAllocation(int channelId, byte[] deviceProperties, ThpDeviceProperties properties) {

    public static ThpMessage request(byte[] nonce) {
        if (nonce.length != 8) {
            throw new IllegalArgumentException("the allocation nonce is 8 bytes, got " + nonce.length);
        }
        return new ThpMessage(ThpControlByte.CHANNEL_ALLOCATION_REQUEST, ThpMessage.BROADCAST_CHANNEL, nonce);
    }

    /**
     * Parses a ChannelAllocationResponse for {@code nonce}.
     *
     * @return null if the message is not an allocation response or carries another nonce
     * @throws ThpFramingException if it is ours but malformed (bad channel id, undecodable properties)
     */
    public static ThpAllocation parse(byte[] nonce, ThpMessage m) throws ThpFramingException {
        if (m.controlByte() != ThpControlByte.CHANNEL_ALLOCATION_RESPONSE || m.channelId() != ThpMessage.BROADCAST_CHANNEL) {
            return null;
        }
        byte[] p = m.payload();
        if (p.length < 10 || !MessageDigest.isEqual(Arrays.copyOf(p, 8), nonce)) {
            return null;
        }
        int cid = ((p[8] & 0xFF) << 8) | (p[9] & 0xFF);
        if (cid < ThpHeader.MIN_CHANNEL_ID || cid > ThpHeader.MAX_CHANNEL_ID) {
            throw new ThpFramingException("the Trezor allocated the reserved channel id " + String.format("%04x", cid));
        }
        byte[] props = Arrays.copyOfRange(p, 10, p.length);
        try {
            return new ThpAllocation(cid, props, ThpDeviceProperties.parseFrom(props));
        } catch (InvalidProtocolBufferException e) {
            throw new ThpFramingException("the Trezor's device properties do not decode: " + e.getMessage());
        }
    }

    /** ACK piggybacking is offered from protocol 2.1 on. */
    public boolean ackPiggybacking() {
        int major = properties.getProtocolVersionMajor();
        return major > 2 || (major == 2 && properties.getProtocolVersionMinor() >= 1);
    }

    public boolean supports(ThpPairingMethod method) {
        return properties.getPairingMethodsList().contains(method);
    }

    /** e.g. {@code T3W1, THP 2.0}. */
    public String describe() {
        return properties.getInternalModel() + ", THP " + properties.getProtocolVersionMajor() + "." + properties.getProtocolVersionMinor();
    }

    @Override
    public byte[] deviceProperties() {
        return deviceProperties.clone();
    }
}
