package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import org.usb4java.DeviceHandle;
import org.usb4java.LibUsb;

/**
 * 64-byte interrupt transfers with a WebUSB Trezor (Model T, Safe 3, Safe 5) through usb4java:
 * interface 0, endpoint 0x01 out, 0x81 in.
 */
public final class WebUsbPacketIo implements PacketIo {
    /** The Trezor WebUSB interface. */
    public static final int INTERFACE = 0;
    /** Host-to-device interrupt endpoint. */
    public static final byte ENDPOINT_OUT = 0x01;
    /** Device-to-host interrupt endpoint. */
    public static final byte ENDPOINT_IN = (byte) 0x81;
    private static final long READ_SLICE_MS = 500;
    private final DeviceHandle handle;
    private final String path;

    WebUsbPacketIo(DeviceHandle handle, String path) {
        this.handle = handle;
        this.path = path;
    }

    @Override
    public void write(byte[] packet) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(packet.length).put(packet).flip();
        IntBuffer transferred = IntBuffer.allocate(1);
        int rc = LibUsb.interruptTransfer(handle, ENDPOINT_OUT, buffer, transferred, 5_000);
        if (rc != LibUsb.SUCCESS) {
            throw gone("writing", rc);
        }
    }

    @Override
    public byte[] read() {
        while (true) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64);
            IntBuffer transferred = IntBuffer.allocate(1);
            int rc = LibUsb.interruptTransfer(handle, ENDPOINT_IN, buffer, transferred, READ_SLICE_MS);
            if (rc == LibUsb.ERROR_TIMEOUT) {
                continue;
            }
            if (rc != LibUsb.SUCCESS) {
                throw gone("reading", rc);
            }
            byte[] out = new byte[64];
            buffer.get(out, 0, Math.min(64, transferred.get(0)));
            return out;
        }
    }

    private DeviceException gone(String doing, int rc) {
        return new DeviceException.DeviceDisconnected("the Trezor at " + path + " went away while " + doing + " ("
                + LibUsb.errorName(rc) + ")", null);
    }

    @Override
    public String describe() {
        return "webusb:" + path;
    }

    /** Releases the interface and closes the handle; a second call does nothing (libusb must not see a freed handle). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibUsb.releaseInterface(handle, INTERFACE);
        LibUsb.close(handle);
    }

    private boolean closed;
}
