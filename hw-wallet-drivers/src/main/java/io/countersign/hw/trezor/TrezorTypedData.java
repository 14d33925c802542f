package io.countersign.hw.trezor;

import com.google.protobuf.ByteString;
import io.countersign.hw.DeviceException;
import io.countersign.hw.eip712.TypedDataDocument;
import io.countersign.hw.eip712.TypedDataDocument.FieldType;
import io.countersign.hw.eip712.TypedDataDocument.Member;
import io.countersign.hw.trezor.proto.TrezorEip712.EthereumTypedDataStructAck;
import io.countersign.hw.trezor.proto.TrezorEip712.EthereumTypedDataStructAck.EthereumDataType;
import io.countersign.hw.trezor.proto.TrezorEip712.EthereumTypedDataStructAck.EthereumFieldType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Answers to the Trezor's EIP-712 questions, as trezorlib {@code ethereum.py} builds them
 * ({@code get_field_type}, {@code encode_data}, and the member-path walk of
 * {@code sign_typed_data}).
 */
final class TrezorTypedData {
    private TrezorTypedData() {}

    /** The members of struct {@code name}, for EthereumTypedDataStructAck. */
    static EthereumTypedDataStructAck structAck(TypedDataDocument doc, String name) {
        List<Member> members = doc.types().get(name);
        if (members == null) {
            throw new DeviceException.DeviceFailure("the Trezor asked for struct " + name + ", which the typed data does not define");
        }
        EthereumTypedDataStructAck.Builder ack = EthereumTypedDataStructAck.newBuilder();
        for (Member m : members) {
            ack.addMembers(EthereumTypedDataStructAck.EthereumStructMember.newBuilder().setName(m.name()).setType(fieldType(doc, FieldType.parse(m.type()))));
        }
        return ack.build();
    }

    static EthereumFieldType fieldType(TypedDataDocument doc, FieldType t) {
        EthereumFieldType.Builder b = EthereumFieldType.newBuilder();
        if (t.isArray()) {
            Integer n = t.arrays().get(t.arrays().size() - 1);
            b.setDataType(EthereumDataType.ARRAY).setEntryType(fieldType(doc, t.element()));
            if (n != null) {
                b.setSize(n);
            }
            return b.build();
        }
        switch (t.base()) {
            case "uint" -> b.setDataType(EthereumDataType.UINT).setSize(t.size() == null ? 32 : t.size() / 8);
            case "int" -> b.setDataType(EthereumDataType.INT).setSize(t.size() == null ? 32 : t.size() / 8);
            case "bytes" -> {
                b.setDataType(EthereumDataType.BYTES);
                if (t.size() != null) {
                    b.setSize(t.size());
                }
            }
            case "string" -> b.setDataType(EthereumDataType.STRING);
            case "bool" -> b.setDataType(EthereumDataType.BOOL);
            case "address" -> b.setDataType(EthereumDataType.ADDRESS);
            default -> {
                List<Member> members = doc.types().get(t.base());
                if (members == null) {
                    throw new DeviceException.DeviceFailure("unsupported EIP-712 type " + t.base());
                }
                b.setDataType(EthereumDataType.STRUCT).setSize(members.size()).setStructName(t.base());
            }
        }
        return b.build();
    }

    /** The value at {@code memberPath} (first index 0 = domain, 1 = message), encoded for EthereumTypedDataValueAck. */
    static ByteString value(TypedDataDocument doc, List<Integer> memberPath) {
        int root = memberPath.get(0);
        String typeName;
        JsonNode data;
        if (root == 0) {
            typeName = TypedDataDocument.DOMAIN;
            data = doc.domain();
        } else if (root == 1) {
            typeName = doc.primaryType();
            data = doc.message();
        } else {
            throw new DeviceException.DeviceFailure("the Trezor asked for root index " + root + "; only 0 (domain) and 1 (message) exist");
        }
        FieldType type = FieldType.parse(typeName);
        for (int index : memberPath.subList(1, memberPath.size())) {
            if (type.isArray()) {
                type = type.element();
                data = data.get(index);
            } else {
                Member m = doc.types().get(type.base()).get(index);
                type = FieldType.parse(m.type());
                data = data.get(m.name());
            }
        }
        if (type.isArray()) {
            int n = data == null || data.isNull() ? 0 : data.size();
            return ByteString.copyFrom(new byte[] {(byte) (n >> 8), (byte) n});
        }
        return ByteString.copyFrom(encode(type, data));
    }

    /** trezorlib {@code encode_data}: ints as fixed-width big-endian (signed for int), the rest raw. */
    static byte[] encode(FieldType t, JsonNode value) {
        return switch (t.base()) {
            case "bytes", "address" -> TypedDataDocument.hex(value);
            case "string" -> value == null || value.isNull() ? new byte[0] : value.asText().getBytes(StandardCharsets.UTF_8);
            case "uint", "int" -> {
                BigInteger v = TypedDataDocument.integer(value);
                yield TypedDataDocument.fixedWidth(v, t.size() == null ? 32 : t.size() / 8);
            }
            case "bool" -> new byte[] {(byte) (value != null && value.asBoolean() ? 1 : 0)};
            default -> throw new DeviceException.DeviceFailure("the Trezor asked for a whole struct " + t.base() + " as one value");
        };
    }
}
