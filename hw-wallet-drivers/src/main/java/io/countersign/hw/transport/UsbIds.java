package io.countersign.hw.transport;

/** USB vendor and product ids of the supported wallets. */
public final class UsbIds {
    private UsbIds() {}

    /** Ledger's vendor id (all current models). */
    public static final int LEDGER_VENDOR = 0x2c97;
    /** The HID usage page of a Ledger's APDU interface (other interfaces are FIDO/U2F). */
    public static final int LEDGER_USAGE_PAGE = 0xffa0;
    /** SatoshiLabs' old vendor id: Trezor One over HID. */
    public static final int TREZOR_ONE_VENDOR = 0x534c;
    /** Trezor One product id. */
    public static final int TREZOR_ONE_PRODUCT = 0x0001;
    /** pid.codes vendor id used by WebUSB Trezors (Model T, Safe 3, Safe 5). */
    public static final int TREZOR_VENDOR = 0x1209;
    /** A WebUSB Trezor running its firmware. */
    public static final int TREZOR_PRODUCT = 0x53c1;
    /** A WebUSB Trezor in its bootloader. */
    public static final int TREZOR_BOOTLOADER_PRODUCT = 0x53c0;

    /** Ledger model from the high byte of the product id (ledgerjs devices.ts). */
    public static String ledgerModel(int productId) {
        return switch (productId >> 8) {
            case 0x10 -> "Nano S";
            case 0x40 -> "Nano X";
            case 0x50 -> "Nano S Plus";
            case 0x60 -> "Stax";
            case 0x70 -> "Flex";
            case 0x80 -> "Nano Gen5";
            default -> switch (productId) {
                case 0x0001 -> "Nano S";
                case 0x0004 -> "Nano X";
                case 0x0005 -> "Nano S Plus";
                case 0x0006 -> "Stax";
                case 0x0007 -> "Flex";
                case 0x0008 -> "Nano Gen5";
                default -> String.format("Ledger (product 0x%04x)", productId);
            };
        };
    }
}
