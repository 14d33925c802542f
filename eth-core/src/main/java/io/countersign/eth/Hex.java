package io.countersign.eth;

import java.util.HexFormat;

/** Strict hex parsing and 0x-prefixed lower-case formatting. */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    /**
     * Parses hex with or without a {@code 0x} prefix; {@code ""} and {@code "0x"} give an empty
     * array.
     *
     * @param field the field name used in the error message, e.g. {@code "data"}
     * @throws EthException.InvalidInputException on odd length or a non-hex character
     */
    public static byte[] decode(String hex, String field) {
        if (hex == null) {
            throw new EthException.InvalidInputException(field + " is missing (expected hex bytes)");
        }
        String body = strip(hex.trim());
        if (body.length() % 2 != 0) {
            throw new EthException.InvalidInputException(
                    field + " has an odd number of hex digits (" + body.length() + "): bytes take two digits each");
        }
        try {
            return HEX.parseHex(body);
        } catch (IllegalArgumentException e) {
            throw new EthException.InvalidInputException(field + " is not hex: " + abbreviate(hex), e);
        }
    }

    /** Like {@link #decode(String, String)} but also requires exactly {@code length} bytes. */
    public static byte[] decode(String hex, String field, int length) {
        byte[] bytes = decode(hex, field);
        if (bytes.length != length) {
            throw new EthException.InvalidInputException(
                    field + " must be " + length + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** {@code 0x} followed by two lower-case hex digits per byte. */
    public static String encode(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }

    /** Two lower-case hex digits per byte, no prefix. */
    public static String encodeBare(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}
