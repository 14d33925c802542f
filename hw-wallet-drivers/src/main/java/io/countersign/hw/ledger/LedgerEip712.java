package io.countersign.hw.ledger;

import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signature;
import io.countersign.eth.TypedData;
import io.countersign.hw.DeviceException;
import io.countersign.hw.eip712.TypedDataDocument;
import io.countersign.hw.eip712.TypedDataDocument.FieldType;
import io.countersign.hw.eip712.TypedDataDocument.Member;
import io.countersign.hw.protocol.ApduResponse;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Full EIP-712 clear signing on the Ledger Ethereum app (the message travels field by field so the
 * device shows every value, e.g. a SafeTx's to, value, data, operation and nonce), as hw-app-eth's
 * {@code signEIP712Message} without filters: GET APP AND VERSION, every struct definition (types
 * sorted by name, INS 0x1A), the domain then the message values (INS 0x1C), then SIGN with P2 0x01.
 *
 * <p>If the app answers the first struct definition with "instruction not supported" (0x6d00) it
 * is too old for clear signing (or a Nano S): the same request is signed from its two hashes
 * instead, and the result says so.
 */
public final class LedgerEip712 {
    private static final int P2_NAME = 0x00;
    private static final int P2_DEF_FIELD = 0xFF;
    private static final int P2_ROOT = 0x00;
    private static final int P2_ARRAY = 0x0F;
    private static final int P2_IMPL_FIELD = 0xFF;
    private static final int P1_COMPLETE = 0x00;
    private static final int P1_PARTIAL = 0x01;
    private static final int P2_SIGN_FULL = 0x01;
    private static final int FIELD_SLICE = 255;

    private LedgerEip712() {}

    /**
     * A typed-data signature and how it was made.
     *
     * @param signature v is 27 or 28
     * @param clearSigned true if the device showed the fields, false if it signed the hashes
     * @param appVersion the Ethereum app version the device reported
     */
    public record Result(Signature signature, boolean clearSigned, String appVersion) {}

    /** Type-descriptor type keys (app-ethereum "EIP712 SEND STRUCT DEFINITION"). */
    enum TypeKey {
        CUSTOM(0), INT(1), UINT(2), ADDRESS(3), BOOL(4), STRING(5), FIXED_BYTES(6), DYNAMIC_BYTES(7);

        final int value;

        TypeKey(int value) {
            this.value = value;
        }
    }

    /**
     * Signs {@code typedData}, falling back to hashed signing only when the app cannot take the full
     * message.
     *
     * @param beforeSign called right before the final SIGN APDU with what the device will show
     * @throws DeviceException.WrongApp if the open app is not Ethereum
     */
    public static Result sign(LedgerEthApp app, Bip32Path path, TypedData typedData, java.util.function.Consumer<String> beforeSign) {
        return sign(app, path, typedData, beforeSign, true);
    }

    /**
     * As {@link #sign(LedgerEthApp, Bip32Path, TypedData, java.util.function.Consumer)}; when
     * {@code permitHashed} is false and the app cannot clear-sign, nothing is signed.
     *
     * @throws DeviceException.BlindSigningNotPermitted if the app can only sign the hashes and that is not permitted
     */
    public static Result sign(LedgerEthApp app, Bip32Path path, TypedData typedData, java.util.function.Consumer<String> beforeSign,
            boolean permitHashed) {
        LedgerEthApp.AppAndVersion open = app.getAppAndVersion();
        if (!"Ethereum".equals(open.name())) {
            throw new DeviceException.WrongApp("the Ledger has \"" + open.name() + "\" open, not the Ethereum app: open the Ethereum app and try again");
        }
        TypedDataDocument doc = TypedDataDocument.of(typedData);
        Map<String, List<Member>> sorted = new TreeMap<>(doc.types());
        boolean first = true;
        for (Map.Entry<String, List<Member>> type : sorted.entrySet()) {
            byte[] name = type.getKey().getBytes(StandardCharsets.UTF_8);
            if (first) {
                ApduResponse r = app.sendRaw(EthIns.EIP712_SEND_STRUCT_DEFINITION, P1_COMPLETE, P2_NAME, name);
                if (r.statusWord() == StatusWord.INS_NOT_SUPPORTED.code()) {
                    if (!permitHashed) {
                        throw new DeviceException.BlindSigningNotPermitted("the Ledger Ethereum app " + open.version()
                                + " cannot show EIP-712 fields (no clear signing): it would sign only the domain hash "
                                + hex(typedData.domainHash()) + " and message hash " + hex(typedData.messageHash())
                                + " without showing the decoded fields; nothing was signed. Update the Ethereum app, or pass "
                                + "--allow-blind to sign the hashes after comparing them with `countersign safe hash`");
                    }
                    beforeSign.accept("EIP-712 hashes: domain " + hex(typedData.domainHash()) + ", message " + hex(typedData.messageHash()));
                    return new Result(app.signEip712Hashed(path, typedData.domainHash(), typedData.messageHash()), false, open.version());
                }
                StatusWord.check(r.statusWord(), "accept the EIP-712 types");
                first = false;
            } else {
                app.send(EthIns.EIP712_SEND_STRUCT_DEFINITION, P1_COMPLETE, P2_NAME, name, "accept the EIP-712 types");
            }
            for (Member m : type.getValue()) {
                app.send(EthIns.EIP712_SEND_STRUCT_DEFINITION, P1_COMPLETE, P2_DEF_FIELD, fieldDefinition(m), "accept the EIP-712 types");
            }
        }
        sendRoot(app, TypedDataDocument.DOMAIN);
        for (Member m : doc.types().get(TypedDataDocument.DOMAIN)) {
            sendValue(app, doc, FieldType.parse(m.type()), doc.domain().get(m.name()));
        }
        sendRoot(app, doc.primaryType());
        for (Member m : doc.types().getOrDefault(doc.primaryType(), List.of())) {
            sendValue(app, doc, FieldType.parse(m.type()), doc.message().get(m.name()));
        }
        beforeSign.accept(doc.primaryType() + " from " + hex(typedData.domainHash()).substring(0, 10) + "… field by field");
        byte[] response = app.send(EthIns.SIGN_EIP712, 0x00, P2_SIGN_FULL, LedgerEthApp.encodePath(path), "sign the EIP-712 message");
        return new Result(LedgerEthApp.signature(response), true, open.version());
    }

    private static void sendRoot(LedgerEthApp app, String name) {
        app.send(EthIns.EIP712_SEND_STRUCT_IMPLEMENTATION, P1_COMPLETE, P2_ROOT, name.getBytes(StandardCharsets.UTF_8), "accept the EIP-712 message");
    }

    /** hw-app-eth {@code makeTypeEntryStructBuffer}: type byte, [struct name], [size], [array levels], name. */
    static byte[] fieldDefinition(Member member) {
        FieldType t = FieldType.parse(member.type());
        TypeKey key = key(t);
        Integer size = switch (key) {
            case INT, UINT -> t.size() == null ? null : t.size() / 8;
            case FIXED_BYTES -> t.size();
            default -> null;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((t.isArray() ? 0x80 : 0) | (size != null ? 0x40 : 0) | key.value);
        if (key == TypeKey.CUSTOM) {
            writeShort(out, t.base());
        }
        if (size != null) {
            out.write(size);
        }
        if (t.isArray()) {
            out.write(t.arrays().size());
            for (Integer level : t.arrays()) {
                if (level == null) {
                    out.write(0);
                } else {
                    out.write(1);
                    out.write(level);
                }
            }
        }
        writeShort(out, member.name());
        return out.toByteArray();
    }

    private static TypeKey key(FieldType t) {
        return switch (t.base()) {
            case "int" -> TypeKey.INT;
            case "uint" -> TypeKey.UINT;
            case "address" -> TypeKey.ADDRESS;
            case "bool" -> TypeKey.BOOL;
            case "string" -> TypeKey.STRING;
            case "bytes" -> t.size() != null ? TypeKey.FIXED_BYTES : TypeKey.DYNAMIC_BYTES;
            default -> TypeKey.CUSTOM;
        };
    }

    private static void writeShort(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.writeBytes(b);
    }

    /** Sends one value depth-first in type-definition order; arrays send their length first. */
    private static void sendValue(LedgerEthApp app, TypedDataDocument doc, FieldType type, JsonNode value) {
        if (type.isArray()) {
            int n = value == null || value.isNull() ? 0 : value.size();
            app.send(EthIns.EIP712_SEND_STRUCT_IMPLEMENTATION, P1_COMPLETE, P2_ARRAY, new byte[] {(byte) n}, "accept the EIP-712 message");
            for (int i = 0; i < n; i++) {
                sendValue(app, doc, type.element(), value.get(i));
            }
            return;
        }
        if (key(type) == TypeKey.CUSTOM) {
            for (Member m : doc.types().getOrDefault(type.base(), List.of())) {
                sendValue(app, doc, FieldType.parse(m.type()), value == null ? null : value.get(m.name()));
            }
            return;
        }
        byte[] encoded = encodeAtomic(type, value);
        byte[] data = new byte[encoded.length + 2];
        data[0] = (byte) (encoded.length >> 8);
        data[1] = (byte) encoded.length;
        System.arraycopy(encoded, 0, data, 2, encoded.length);
        for (int offset = 0; offset < data.length; offset += FIELD_SLICE) {
            int end = Math.min(data.length, offset + FIELD_SLICE);
            app.send(EthIns.EIP712_SEND_STRUCT_IMPLEMENTATION, end == data.length ? P1_COMPLETE : P1_PARTIAL, P2_IMPL_FIELD,
                    Arrays.copyOfRange(data, offset, end), "accept the EIP-712 message");
        }
    }

    /** hw-app-eth's EIP712_TYPE_ENCODERS: integers minimal big-endian (two's complement when negative). */
    static byte[] encodeAtomic(FieldType type, JsonNode value) {
        return switch (key(type)) {
            case INT, UINT -> {
                if (value != null && value.isString() && value.asText().startsWith("0x")) {
                    yield TypedDataDocument.hex(value);
                }
                BigInteger v = TypedDataDocument.integer(value);
                yield v.signum() < 0 ? TypedDataDocument.fixedWidth(v, type.size() == null ? 32 : type.size() / 8) : TypedDataDocument.minimal(v);
            }
            case BOOL -> new byte[] {(byte) (value != null && (value.asBoolean() || "1".equals(value.asText())) ? 1 : 0)};
            case ADDRESS -> Arrays.copyOf(TypedDataDocument.hex(value), Math.min(20, TypedDataDocument.hex(value).length));
            case STRING -> value == null || value.isNull() ? new byte[0] : value.asText().getBytes(StandardCharsets.UTF_8);
            case FIXED_BYTES -> {
                byte[] b = TypedDataDocument.hex(value);
                yield Arrays.copyOf(b, Math.min(b.length, type.size()));
            }
            case DYNAMIC_BYTES -> TypedDataDocument.hex(value);
            case CUSTOM -> throw new IllegalStateException("structs are not atomic");
        };
    }

    private static String hex(byte[] b) {
        return io.countersign.eth.Hex.encode(b);
    }
}
