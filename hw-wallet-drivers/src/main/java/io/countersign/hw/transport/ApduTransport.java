package io.countersign.hw.transport;

/**
 * Moves one command APDU to a Ledger (or an emulator, or a recording) and returns its answer. No
 * protocol logic: status words are the caller's business.
 */
public interface ApduTransport extends AutoCloseable {

    /**
     * @param apdu the full command APDU ({@code CLA INS P1 P2 Lc data})
     * @return response data followed by the 2-byte status word
     * @throws io.countersign.hw.DeviceException.DeviceDisconnected if the device goes away mid-exchange
     */
    byte[] exchange(byte[] apdu);

    /** What this transport reaches, for labels and logs (never secrets). */
    String describe();

    @Override
    void close();
}
