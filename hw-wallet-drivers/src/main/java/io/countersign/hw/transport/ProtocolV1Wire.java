package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import io.countersign.hw.protocol.TrezorV1Codec;
import io.countersign.hw.protocol.TrezorV1Codec.Message;

/** Trezor protocol v1 over 64-byte packets (HID, WebUSB, emulator UDP). */
public final class ProtocolV1Wire implements TrezorWire {
    private final PacketIo io;

    public ProtocolV1Wire(PacketIo io) {
        this.io = io;
    }

    @Override
    public Message call(Message request) {
        for (byte[] packet : TrezorV1Codec.encode(request.type(), request.payload())) {
            io.write(packet);
        }
        TrezorV1Codec.Decoder decoder = new TrezorV1Codec.Decoder();
        while (true) {
            Message m;
            try {
                m = decoder.add(io.read());
            } catch (IllegalArgumentException e) {
                throw new DeviceException.DeviceFailure("garbled answer from the Trezor at " + io.describe() + ": " + e.getMessage(), e);
            }
            if (m != null) {
                return m;
            }
        }
    }

    @Override
    public String describe() {
        return io.describe();
    }

    @Override
    public void close() {
        io.close();
    }
}
