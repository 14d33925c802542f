package io.countersign.hw.protocol;

/**
 * A response APDU: data followed by the 2-byte status word.
 *
 * @param data response data without the status word
 * @param statusWord e.g. 0x9000
 */
public record ApduResponse(byte[] data, int statusWord) {
    public ApduResponse {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * Splits raw response bytes (data ‖ SW1 SW2).
     *
     * @throws IllegalArgumentException if shorter than the 2-byte status word
     */
    public static ApduResponse parse(byte[] raw) {
        if (raw.length < 2) {
            throw new IllegalArgumentException("a response APDU has at least a 2-byte status word, got " + raw.length + " bytes");
        }
        byte[] data = java.util.Arrays.copyOf(raw, raw.length - 2);
        int sw = ((raw[raw.length - 2] & 0xff) << 8) | (raw[raw.length - 1] & 0xff);
        return new ApduResponse(data, sw);
    }

    /** data ‖ status word. */
    public byte[] encode() {
        byte[] out = java.util.Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (statusWord >> 8);
        out[data.length + 1] = (byte) statusWord;
        return out;
    }
}
