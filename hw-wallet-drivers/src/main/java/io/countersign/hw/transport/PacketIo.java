package io.countersign.hw.transport;

/**
 * Raw 64-byte packet I/O with a USB device or emulator (HID report, WebUSB interrupt transfer, UDP
 * datagram). Handles raw packet I/O without protocol-specific logic.
 */
public interface PacketIo extends AutoCloseable {

    /** Writes one packet of exactly 64 bytes. */
    void write(byte[] packet);

    /**
     * Blocks until one packet arrives.
     *
     * @throws io.countersign.hw.DeviceException.DeviceDisconnected if the device is gone
     */
    byte[] read();

    /**
     * Waits at most {@code timeoutMillis} for one packet.
     *
     * @return the packet, or null if none arrived in time (transports without a timed read block
     *     like {@link #read()}, so THP retransmission then relies on the device)
     */
    default byte[] read(int timeoutMillis) {
        return read();
    }

    /** Path or address, for messages. */
    String describe();

    @Override
    void close();
}
