package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import io.countersign.hw.DeviceInfo;
import io.countersign.hw.DeviceInfo.State;
import io.countersign.hw.DeviceInfo.TransportKind;
import io.countersign.hw.DeviceInfo.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hid4java.HidDevice;
import org.hid4java.HidManager;
import org.hid4java.HidServices;
import org.hid4java.HidServicesSpecification;
import org.hid4java.ScanMode;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;

/**
 * Finds wallets by USB vendor/product id over every transport this machine can run. A transport
 * whose native library is missing (or absent USB) never throws from {@link #scan()}: it becomes a
 * note, and the device list is simply shorter.
 */
public final class UsbDiscovery {
    private static HidServices hid;
    private static Context usb;

    private UsbDiscovery() {}

    /**
     * What a scan found.
     *
     * @param devices wallets seen
     * @param notes one line per transport that could not run here, saying the fallback
     */
    public record Result(List<DeviceInfo> devices, List<String> notes) {}

    /** Lists Ledgers and Trezors over HID, WebUSB and (if WebUSB cannot run) the Trezor Bridge. */
    public static Result scan() {
        List<DeviceInfo> devices = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try {
            for (HidDevice d : hidDevices()) {
                if (isLedger(d)) {
                    devices.add(new DeviceInfo(Vendor.LEDGER, UsbIds.ledgerModel(d.getProductId()), TransportKind.HID, id(d), null, State.UNKNOWN));
                } else if (isTrezorOne(d)) {
                    devices.add(new DeviceInfo(Vendor.TREZOR, "Trezor One", TransportKind.HID, id(d), null, State.UNKNOWN));
                }
            }
        } catch (DeviceException.TransportUnavailable e) {
            notes.add(e.getMessage());
        }
        boolean webUsb = false;
        try {
            devices.addAll(webUsbTrezors());
            webUsb = true;
        } catch (DeviceException.TransportUnavailable e) {
            notes.add(e.getMessage());
        }
        if (!webUsb) {
            try {
                for (TrezorBridge.BridgeDevice d : TrezorBridge.enumerate(TrezorBridge.DEFAULT)) {
                    State state = d.product() == UsbIds.TREZOR_BOOTLOADER_PRODUCT ? State.IN_BOOTLOADER : State.UNKNOWN;
                    devices.add(new DeviceInfo(Vendor.TREZOR, "Trezor", TransportKind.TREZOR_BRIDGE, d.path(), null, state));
                }
            } catch (DeviceException e) {
                notes.add("Trezor Bridge: " + e.getMessage());
            }
        }
        return new Result(List.copyOf(devices), List.copyOf(notes));
    }

    static boolean isLedger(HidDevice d) {
        return d.getVendorId() == UsbIds.LEDGER_VENDOR && (d.getUsagePage() & 0xffff) == UsbIds.LEDGER_USAGE_PAGE;
    }

    static boolean isTrezorOne(HidDevice d) {
        return d.getVendorId() == UsbIds.TREZOR_ONE_VENDOR && d.getProductId() == UsbIds.TREZOR_ONE_PRODUCT;
    }

    private static String id(HidDevice d) {
        String serial = d.getSerialNumber();
        return serial != null && !serial.isBlank() ? serial : d.getPath();
    }

    /**
     * The first Ledger (or the one whose serial or path is {@code id}).
     *
     * @throws DeviceException.NoDevice if none is connected
     */
    public static HidDevice findLedger(String id) {
        return find(id, "Ledger", true);
    }

    /** The first Trezor One (or the one named {@code id}), or {@code null}. */
    public static HidDevice findTrezorOne(String id) {
        for (HidDevice d : hidDevices()) {
            if (isTrezorOne(d) && (id == null || id.equals(d.getSerialNumber()) || id.equals(d.getPath()))) {
                return d;
            }
        }
        return null;
    }

    private static HidDevice find(String id, String what, boolean ledger) {
        for (HidDevice d : hidDevices()) {
            if ((ledger ? isLedger(d) : isTrezorOne(d)) && (id == null || id.equals(d.getSerialNumber()) || id.equals(d.getPath()))) {
                return d;
            }
        }
        throw new DeviceException.NoDevice("no " + what + (id == null ? "" : " with id " + id)
                + " is connected: plug it in, unlock it" + (ledger ? " and open the Ethereum app" : ""), null);
    }

    private static synchronized List<HidDevice> hidDevices() {
        try {
            if (hid == null) {
                HidServicesSpecification spec = new HidServicesSpecification();
                spec.setAutoStart(false);
                spec.setAutoShutdown(false);
                spec.setScanMode(ScanMode.NO_SCAN);
                hid = HidManager.getHidServices(spec);
            }
            return hid.getAttachedHidDevices();
        } catch (RuntimeException | LinkageError e) {
            throw new DeviceException.TransportUnavailable("USB HID (hid4java) is unavailable on " + platform() + " (" + e
                    + "): Ledgers and the Trezor One cannot be reached; Speculos (speculos:HOST:PORT) still works", e);
        }
    }

    private static synchronized Context usb() {
        if (usb == null) {
            try {
                Context c = new Context();
                int rc = LibUsb.init(c);
                if (rc != LibUsb.SUCCESS) {
                    throw new DeviceException.TransportUnavailable("WebUSB (usb4java) could not start libusb: " + LibUsb.errorName(rc)
                            + "; falling back to the Trezor Bridge on 127.0.0.1:21325", null);
                }
                usb = c;
            } catch (RuntimeException | LinkageError e) {
                if (e instanceof DeviceException de) {
                    throw de;
                }
                throw new DeviceException.TransportUnavailable("WebUSB (usb4java) has no native libusb for " + platform()
                        + "; Trezor Model T / Safe 3 / Safe 5 need the Trezor Bridge on 127.0.0.1:21325 here (" + e + ")", e);
            }
        }
        return usb;
    }

    private static List<DeviceInfo> webUsbTrezors() {
        Context c = usb();
        DeviceList list = new DeviceList();
        int n = LibUsb.getDeviceList(c, list);
        if (n < 0) {
            throw new DeviceException.TransportUnavailable("WebUSB (usb4java) cannot list USB devices: " + LibUsb.errorName(n)
                    + "; falling back to the Trezor Bridge on 127.0.0.1:21325", null);
        }
        List<DeviceInfo> out = new ArrayList<>();
        try {
            for (Device d : list) {
                DeviceDescriptor desc = new DeviceDescriptor();
                if (LibUsb.getDeviceDescriptor(d, desc) != LibUsb.SUCCESS || (desc.idVendor() & 0xffff) != UsbIds.TREZOR_VENDOR) {
                    continue;
                }
                int product = desc.idProduct() & 0xffff;
                if (product == UsbIds.TREZOR_PRODUCT || product == UsbIds.TREZOR_BOOTLOADER_PRODUCT) {
                    out.add(new DeviceInfo(Vendor.TREZOR, "Trezor Model T / Safe", TransportKind.WEBUSB, path(d), null,
                            product == UsbIds.TREZOR_BOOTLOADER_PRODUCT ? State.IN_BOOTLOADER : State.UNKNOWN));
                }
            }
        } finally {
            LibUsb.freeDeviceList(list, true);
        }
        return out;
    }

    private static String path(Device d) {
        return LibUsb.getBusNumber(d) + "-" + LibUsb.getDeviceAddress(d);
    }

    /**
     * Opens the first WebUSB Trezor in firmware mode (or the one at bus-address {@code id}).
     *
     * @return {@code null} if none is connected
     * @throws DeviceException.TransportUnavailable if usb4java cannot run here
     */
    public static WebUsbPacketIo openWebUsbTrezor(String id) {
        Context c = usb();
        DeviceList list = new DeviceList();
        int n = LibUsb.getDeviceList(c, list);
        if (n < 0) {
            return null;
        }
        try {
            for (Device d : list) {
                DeviceDescriptor desc = new DeviceDescriptor();
                if (LibUsb.getDeviceDescriptor(d, desc) != LibUsb.SUCCESS || (desc.idVendor() & 0xffff) != UsbIds.TREZOR_VENDOR
                        || (id != null && !id.equals(path(d)))) {
                    continue;
                }
                if ((desc.idProduct() & 0xffff) == UsbIds.TREZOR_BOOTLOADER_PRODUCT) {
                    throw new DeviceException.NoDevice("the Trezor at " + path(d) + " is in bootloader: restart it without touching the screen", null);
                }
                DeviceHandle h = new DeviceHandle();
                int rc = LibUsb.open(d, h);
                if (rc == LibUsb.ERROR_ACCESS) {
                    throw new DeviceException.NoPermission("no permission to open the Trezor at " + path(d) + ": " + permissionHint(), null);
                }
                if (rc != LibUsb.SUCCESS) {
                    throw new DeviceException.NoDevice("cannot open the Trezor at " + path(d) + ": " + LibUsb.errorName(rc), null);
                }
                rc = LibUsb.claimInterface(h, WebUsbPacketIo.INTERFACE);
                if (rc != LibUsb.SUCCESS) {
                    LibUsb.close(h);
                    throw new DeviceException.NoPermission("cannot claim the Trezor at " + path(d) + " (" + LibUsb.errorName(rc)
                            + "): close Trezor Suite or the Bridge, which may hold it; " + permissionHint(), null);
                }
                return new WebUsbPacketIo(h, path(d));
            }
        } finally {
            LibUsb.freeDeviceList(list, true);
        }
        return null;
    }

    /** What to do about a device the OS will not open. */
    public static String permissionHint() {
        if (platform().startsWith("linux")) {
            return "install the udev rules with `sudo packaging/linux/udev/install-udev-rules.sh` (docs/devices.md), then unplug and replug the device";
        }
        return "check that no other program (Ledger Live, Trezor Suite) holds the device";
    }

    static String platform() {
        return System.getProperty("os.name", "?").toLowerCase(Locale.ROOT) + "-" + System.getProperty("os.arch", "?");
    }
}
