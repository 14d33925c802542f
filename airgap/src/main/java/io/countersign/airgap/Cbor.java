package io.countersign.airgap;

import co.nstant.in.cbor.CborDecoder;
import co.nstant.in.cbor.CborEncoder;
import co.nstant.in.cbor.CborException;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.MajorType;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import com.sparrowwallet.hummingbird.UR;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/** Strict CBOR (RFC 8949) reading and writing over hummingbird's CBOR library (co.nstant.in:cbor). */
final class Cbor {
    private Cbor() {}

    static byte[] encode(DataItem item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CborEncoder(out).encode(item);
        } catch (CborException e) {
            throw new IllegalStateException("CBOR encoding failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Exactly one CBOR data item, no indefinite-length map, no repeated map key, nothing after it.
     *
     * @throws AirgapException naming {@code what}
     */
    static DataItem decodeOne(byte[] bytes, String what) {
        List<DataItem> items;
        try {
            CborDecoder d = new CborDecoder(new java.io.ByteArrayInputStream(bytes));
            d.setRejectDuplicateKeys(true);
            d.setMaxPreallocationSize(bytes.length);
            items = d.decode();
        } catch (CborException | RuntimeException e) {
            throw new AirgapException(what + ": not valid CBOR (" + e.getMessage() + ")", e);
        }
        if (items.size() != 1) {
            throw new AirgapException(what + ": expected one CBOR item, found " + items.size());
        }
        return items.getFirst();
    }

    /** The item as a map whose keys are all unsigned integers among {@code allowed}. */
    static Map map(DataItem item, String what, Set<Integer> allowed) {
        if (!(item instanceof Map m) || item.getMajorType() != MajorType.MAP) {
            throw new AirgapException(what + ": expected a CBOR map, found " + kind(item));
        }
        for (DataItem k : m.getKeys()) {
            if (!(k instanceof UnsignedInteger u) || u.getValue().bitLength() > 31 || !allowed.contains(u.getValue().intValue())) {
                throw new AirgapException(what + ": unknown key " + k + " (the keys of this type are " + allowed + ")");
            }
        }
        return m;
    }

    /** CBOR tag 37: a 16-byte UUID (ERC-4527 request ids). */
    static final int TAG_UUID = 37;

    /** A UR of {@code type} around {@code cbor}; the types used here are valid UR types. */
    static UR ur(String type, byte[] cbor) {
        try {
            return new UR(type, cbor);
        } catch (UR.InvalidTypeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts {@code id} under {@code key} as a byte string tagged {@link #TAG_UUID}; nothing when null. */
    static void putUuid(Map m, int key, byte[] id) {
        if (id != null) {
            ByteString item = new ByteString(id);
            item.setTag(TAG_UUID);
            m.put(new UnsignedInteger(key), item);
        }
    }

    /**
     * The byte string under {@code key}, which must carry tag {@link #TAG_UUID}, or null when absent.
     *
     * @throws AirgapException naming {@code field} when it is untagged, otherwise tagged, or not bytes
     */
    static byte[] optionalUuid(Map m, int key, String field) {
        DataItem item = get(m, key);
        if (item == null) {
            return null;
        }
        requireTag(item, TAG_UUID, field);
        return bytes(item, field);
    }

    static DataItem get(Map m, int key) {
        return m.get(new UnsignedInteger(key));
    }

    static byte[] bytes(DataItem item, String field) {
        if (!(item instanceof ByteString b) || item.getMajorType() != MajorType.BYTE_STRING) {
            throw new AirgapException(field + ": expected a byte string, found " + kind(item));
        }
        return b.getBytes();
    }

    static String text(DataItem item, String field) {
        if (!(item instanceof UnicodeString s) || item.getMajorType() != MajorType.UNICODE_STRING) {
            throw new AirgapException(field + ": expected a text string, found " + kind(item));
        }
        return s.getString();
    }

    static BigInteger unsigned(DataItem item, String field) {
        if (!(item instanceof UnsignedInteger u)) {
            throw new AirgapException(field + ": expected an unsigned integer, found " + kind(item));
        }
        return u.getValue();
    }

    /** The item's tag, or -1 when it has none. */
    static long tag(DataItem item) {
        return item.hasTag() ? item.getTag().getValue() : -1;
    }

    static void requireTag(DataItem item, long tag, String field) {
        if (tag(item) != tag) {
            throw new AirgapException(field + ": expected CBOR tag " + tag + ", found " + (item.hasTag() ? "tag " + tag(item) : "no tag"));
        }
    }

    static String kind(DataItem item) {
        return item == null ? "nothing" : item.getMajorType().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
