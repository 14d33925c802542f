package io.countersign.airgap;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * ERC-4527 request ids: 16-byte UUIDs (CBOR tag 37, RFC 9562). Countersign derives the id of its
 * own requests from the safeTxHash, so a returning {@code eth-signature} is matched to its
 * request without keeping state: the first 16 bytes of the safeTxHash with the version nibble
 * set to 4 and the variant bits to {@code 10}, laid out as a version-4 UUID (RFC 9562 section
 * 5.4) whose random bits are hash bits. Not version 8 (custom data), which would be the exact
 * label: deployed ERC-4527 code refuses it (Keystone's registry formats ids with the uuid 8.x
 * package, whose {@code stringify} accepts versions 1 to 5 only; KeystoneInteropTest). Requests
 * made by other software carry their own ids, which are echoed back.
 */
public final class RequestIds {
    private RequestIds() {}

    /**
     * @param safeTxHash 32 bytes
     * @return 16 bytes
     */
    public static byte[] forSafeTxHash(byte[] safeTxHash) {
        if (safeTxHash.length != 32) {
            throw new IllegalArgumentException("safeTxHash must be 32 bytes");
        }
        byte[] id = Arrays.copyOf(safeTxHash, 16);
        id[6] = (byte) ((id[6] & 0x0F) | 0x40);
        id[8] = (byte) ((id[8] & 0x3F) | 0x80);
        return id;
    }

    /** {@code 8-4-4-4-12} lowercase hex. */
    public static String format(byte[] id) {
        String h = HexFormat.of().formatHex(id);
        if (id.length != 16) {
            return h;
        }
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
    }
}
