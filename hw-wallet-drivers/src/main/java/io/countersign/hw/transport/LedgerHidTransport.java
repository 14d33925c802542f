package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import io.countersign.hw.protocol.LedgerHidFraming;

/** A Ledger over USB HID: APDUs framed by {@link LedgerHidFraming} over 64-byte reports. */
public final class LedgerHidTransport implements ApduTransport {
    private final PacketIo io;

    public LedgerHidTransport(PacketIo io) {
        this.io = io;
    }

    @Override
    public byte[] exchange(byte[] apdu) {
        for (byte[] packet : LedgerHidFraming.wrap(apdu)) {
            io.write(packet);
        }
        LedgerHidFraming.Unwrapper unwrapper = new LedgerHidFraming.Unwrapper();
        while (true) {
            byte[] done;
            try {
                done = unwrapper.add(io.read());
            } catch (IllegalArgumentException e) {
                throw new DeviceException.DeviceFailure("garbled HID answer from " + io.describe() + ": " + e.getMessage(), e);
            }
            if (done != null) {
                return done;
            }
        }
    }

    @Override
    public String describe() {
        return "Ledger HID " + io.describe();
    }

    @Override
    public void close() {
        io.close();
    }
}
