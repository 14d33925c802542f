package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import java.util.Arrays;
import org.hid4java.HidDevice;

/** 64-byte HID reports through hid4java (Ledger; Trezor One). Report id 0 is prepended on write. */
public final class HidPacketIo implements PacketIo {
    private static final int READ_SLICE_MS = 500;
    private final HidDevice device;

    private HidPacketIo(HidDevice device) {
        this.device = device;
    }

    /**
     * Opens a device found by {@link UsbDiscovery}.
     *
     * @throws DeviceException.NoPermission if the OS refuses to open it
     */
    public static HidPacketIo open(HidDevice device) {
        if (!device.isOpen() && !device.open()) {
            throw new DeviceException.NoPermission("cannot open " + device.getProduct() + " at " + device.getPath() + ": "
                    + UsbDiscovery.permissionHint() + " (or close Ledger Live / Trezor Suite, which may hold it)", null);
        }
        return new HidPacketIo(device);
    }

    @Override
    public void write(byte[] packet) {
        int n = device.write(packet, packet.length, (byte) 0);
        if (n < 0) {
            throw new DeviceException.DeviceDisconnected("the device at " + device.getPath()
                    + " went away while writing (" + device.getLastErrorMessage() + ")", null);
        }
    }

    @Override
    public byte[] read() {
        byte[] buffer = new byte[64];
        while (true) {
            int n = device.read(buffer, READ_SLICE_MS);
            if (n < 0) {
                throw new DeviceException.DeviceDisconnected("the device at " + device.getPath()
                        + " went away in the middle of an exchange (" + device.getLastErrorMessage() + ")", null);
            }
            if (n > 0) {
                return Arrays.copyOf(buffer, 64);
            }
        }
    }

    @Override
    public String describe() {
        return device.getPath();
    }

    @Override
    public void close() {
        device.close();
    }
}
