package io.countersign.timelock;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * The module's one bridge to web3j's ABI codec: selectors, {@code abi.encode}, calldata and return
 * decoding. Everything else speaks {@link Address}, {@link BigInteger} and {@code byte[]}.
 */
@SuppressWarnings("rawtypes") // web3j's ABI codec speaks List<Type>
final class Abi {
    private Abi() {}

    /** The 4-byte function selector: the first bytes of keccak256 of the canonical signature. */
    static byte[] selector(String signature) {
        return Arrays.copyOf(keccak(signature), 4);
    }

    /** keccak256 of the UTF-8 text, e.g. an event signature (topic 0) or a role name. */
    static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code abi.encode(args…)}: the head/tail encoding of the arguments, no selector. */
    static byte[] encode(List<Type> args) {
        // encodeConstructor is web3j's name for encoding a bare parameter list.
        return Hex.decode(FunctionEncoder.encodeConstructor(args), "abi.encode");
    }

    /** Calldata: selector of {@code signature} followed by {@code abi.encode(args…)}. */
    static byte[] call(String signature, List<Type> args) {
        byte[] head = selector(signature);
        byte[] body = encode(args);
        byte[] out = Arrays.copyOf(head, 4 + body.length);
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    /** Decodes ABI data (return data, or calldata after its 4-byte selector) into web3j values. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Type> decode(byte[] data, List<TypeReference<?>> types) {
        List<TypeReference<Type>> refs = (List) types;
        return FunctionReturnDecoder.decode(Hex.encode(data), refs);
    }

    static org.web3j.abi.datatypes.Address address(Address a) {
        return new org.web3j.abi.datatypes.Address(a.toLowerHex());
    }

    static Uint256 uint(BigInteger v) {
        return new Uint256(v);
    }

    static Bytes32 bytes32(byte[] b) {
        return new Bytes32(b);
    }

    static DynamicBytes bytes(byte[] b) {
        return new DynamicBytes(b);
    }

    static Utf8String string(String s) {
        return new Utf8String(s);
    }

    static DynamicArray<org.web3j.abi.datatypes.Address> addresses(List<Address> list) {
        return new DynamicArray<>(org.web3j.abi.datatypes.Address.class, list.stream().map(Abi::address).toList());
    }

    static DynamicArray<Uint256> uints(List<BigInteger> list) {
        return new DynamicArray<>(Uint256.class, list.stream().map(Abi::uint).toList());
    }

    static DynamicArray<DynamicBytes> bytesArray(List<byte[]> list) {
        return new DynamicArray<>(DynamicBytes.class, list.stream().map(Abi::bytes).toList());
    }

    static Address toAddress(Type<?> t) {
        return Address.parse(((org.web3j.abi.datatypes.Address) t).getValue());
    }

    static BigInteger toUint(Type<?> t) {
        return (BigInteger) t.getValue();
    }

    static byte[] toBytes(Type<?> t) {
        return (byte[]) t.getValue();
    }

    static boolean toBool(Type<?> t) {
        return ((Bool) t).getValue();
    }

    static String toText(Type<?> t) {
        return ((Utf8String) t).getValue();
    }

    /** The elements of a decoded dynamic array, in order. */
    @SuppressWarnings("unchecked")
    static <T extends Type<?>> List<T> toList(Type<?> t) {
        return new ArrayList<>(((DynamicArray<T>) t).getValue());
    }

    static final TypeReference<org.web3j.abi.datatypes.Address> ADDRESS = new TypeReference<>() {};
    static final TypeReference<Uint256> UINT256 = new TypeReference<>() {};
    static final TypeReference<Bytes32> BYTES32 = new TypeReference<>() {};
    static final TypeReference<DynamicBytes> BYTES = new TypeReference<>() {};
    static final TypeReference<Utf8String> STRING = new TypeReference<>() {};
    static final TypeReference<Bool> BOOL = new TypeReference<>() {};
    static final TypeReference<DynamicArray<org.web3j.abi.datatypes.Address>> ADDRESS_ARRAY = new TypeReference<>() {};
    static final TypeReference<DynamicArray<Uint256>> UINT256_ARRAY = new TypeReference<>() {};
    static final TypeReference<DynamicArray<DynamicBytes>> BYTES_ARRAY = new TypeReference<>() {};
}
