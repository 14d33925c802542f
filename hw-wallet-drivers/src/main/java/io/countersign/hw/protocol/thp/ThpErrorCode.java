package io.countersign.hw.protocol.thp;

/**
 * Transport error codes carried by a {@code transport_error} (0x42) message, one byte
 * (specification.md, "Allocation layer").
 */
public enum ThpErrorCode {
    /** 1: the Trezor is reassembling a message on another channel; back off and resend. */
    TRANSPORT_BUSY(1, "the Trezor is busy with another program; close Trezor Suite or other wallet programs and try again"),
    /** 2: the channel id is not (or no longer) allocated; allocate a new channel. */
    UNALLOCATED_CHANNEL(2, "the Trezor dropped this connection's channel; start the request again"),
    /** 3: the Trezor could not decrypt a message; the channel is gone. */
    DECRYPTION_FAILED(3, "the Trezor could not decrypt a message (altered on the way, or another program uses the device); start the request again"),
    /** 5: handshake refused because the device is locked. */
    DEVICE_LOCKED(5, "the Trezor is locked; unlock it with its PIN and try again"),
    /** Any other value (0 and 4 are reserved). */
    UNKNOWN(-1, "the Trezor reported an unknown transport error; update Countersign or the Trezor firmware");

    private final int code;
    private final String advice;

    ThpErrorCode(int code, String advice) {
        this.code = code;
        this.advice = advice;
    }

    public int code() {
        return code;
    }

    /** What the user should do, one sentence. */
    public String advice() {
        return advice;
    }

    public static ThpErrorCode of(int b) {
        for (ThpErrorCode c : values()) {
            if (c.code == (b & 0xFF)) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
