package io.countersign.hw.transport;

import io.countersign.hw.protocol.TrezorV1Codec.Message;

/** Moves one Trezor message to the device and returns the next message it sends back. */
public interface TrezorWire extends AutoCloseable {

    /**
     * @throws io.countersign.hw.DeviceException.DeviceDisconnected if the device goes away
     */
    Message call(Message request);

    String describe();

    @Override
    void close();
}
