package io.countersign.hw.ledger;

import io.countersign.hw.DeviceException;

/** Ledger status words this driver gives a meaning to (app-ethereum doc/ethapp.adoc, ledgerjs errors). */
public enum StatusWord {
    /** Success. */
    OK(0x9000),
    /** The device is locked (screen saver / PIN not entered). */
    LOCKED_DEVICE(0x5515),
    /** Security status not satisfied: older firmware's "device locked". */
    SECURITY_STATUS_NOT_SATISFIED(0x6982),
    /** Conditions of use not satisfied: the user rejected on the device. */
    CONDITIONS_NOT_SATISFIED(0x6985),
    /** Invalid data: in the Ethereum app, blind signing (contract data) is disabled. */
    INVALID_DATA(0x6A80),
    /** Instruction not supported: the open app is not the Ethereum app (or is too old for it). */
    INS_NOT_SUPPORTED(0x6D00),
    /** Class not supported: no app open, or another app. */
    CLA_NOT_SUPPORTED(0x6E00),
    /** The dashboard answered: no app is open. */
    APP_NOT_OPEN(0x6511);

    private final int code;

    StatusWord(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * Throws the typed error for a status word other than 0x9000.
     *
     * @param sw the status word received
     * @param what the request, for the message, e.g. "sign transaction"
     */
    public static void check(int sw, String what) {
        if (sw == OK.code) {
            return;
        }
        String hex = String.format("0x%04x", sw);
        if (sw == CONDITIONS_NOT_SATISFIED.code) {
            throw new DeviceException.RefusedOnDevice("rejected on the Ledger (" + what + ", status " + hex + ")");
        }
        if (sw == LOCKED_DEVICE.code || sw == SECURITY_STATUS_NOT_SATISFIED.code) {
            throw new DeviceException.DeviceLocked("the Ledger is locked (status " + hex + "): unlock it with its PIN and open the Ethereum app");
        }
        if (sw == INS_NOT_SUPPORTED.code || sw == CLA_NOT_SUPPORTED.code || sw == APP_NOT_OPEN.code) {
            throw new DeviceException.WrongApp("the Ethereum app is not open on the Ledger (status " + hex + "): open the Ethereum app and try again");
        }
        if (sw == INVALID_DATA.code) {
            throw new DeviceException.BlindSigningDisabled("the Ledger refused to " + what + " (status " + hex + "): on the device open the Ethereum app,"
                    + " go to Settings and enable \"Blind signing\", then try again");
        }
        throw new DeviceException.DeviceFailure("the Ledger answered status " + hex + " to " + what);
    }
}
