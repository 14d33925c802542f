package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/** Calldata for the Safe functions Countersign calls, and decoders for their return data. */
public final class SafeAbi {
    private SafeAbi() {}

    /**
     * {@code execTransaction(to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken,
     * refundReceiver, signatures)} calldata.
     *
     * @param packedSignatures from {@link SafeSignatures#pack}
     */
    public static byte[] execTransaction(SafeTx tx, byte[] packedSignatures) {
        return encode(new Function("execTransaction", List.of(addr(tx.to()), new Uint256(tx.value()),
                new DynamicBytes(tx.data()), new Uint8(tx.operation().code()), new Uint256(tx.safeTxGas()),
                new Uint256(tx.baseGas()), new Uint256(tx.gasPrice()), addr(tx.gasToken()), addr(tx.refundReceiver()),
                new DynamicBytes(packedSignatures)), List.of(new TypeReference<Bool>() {})));
    }

    /** {@code getTransactionHash(…, nonce)} calldata (1.0.0+ argument order). */
    public static byte[] getTransactionHash(SafeTx tx) {
        return encode(new Function("getTransactionHash", List.of(addr(tx.to()), new Uint256(tx.value()),
                new DynamicBytes(tx.data()), new Uint8(tx.operation().code()), new Uint256(tx.safeTxGas()),
                new Uint256(tx.baseGas()), new Uint256(tx.gasPrice()), addr(tx.gasToken()), addr(tx.refundReceiver()),
                new Uint256(tx.nonce())), List.of(new TypeReference<Bytes32>() {})));
    }

    /** {@code approveHash(bytes32)} calldata. */
    public static byte[] approveHash(byte[] safeTxHash) {
        return encode(new Function("approveHash", List.of(new Bytes32(safeTxHash)), List.of()));
    }

    /**
     * {@code approvedHashes(address owner, bytes32 hash)} calldata: the Safe's public mapping,
     * non-zero once {@code owner} called {@code approveHash(hash)} (Safe.sol, every version).
     */
    public static byte[] approvedHashes(Address owner, byte[] hash) {
        return encode(new Function("approvedHashes", List.of(addr(owner), new Bytes32(hash)),
                List.of(new TypeReference<Uint256>() {})));
    }

    /**
     * The legacy EIP-1271 {@code isValidSignature(bytes data, bytes signature)} calldata that
     * Safe 1.0.0 to 1.4.1 {@code checkNSignatures} sends to a contract owner (v 0), with
     * {@code data} the SafeTx pre-image {@code 0x19 0x01 ‖ domainSeparator ‖ safeTxStructHash};
     * a valid signature returns {@link #EIP1271_LEGACY_MAGIC} (ISignatureValidator.sol).
     */
    public static byte[] isValidSignatureLegacy(byte[] data, byte[] signature) {
        return encode(new Function("isValidSignature", List.of(new DynamicBytes(data), new DynamicBytes(signature)),
                List.of(new TypeReference<org.web3j.abi.datatypes.generated.Bytes4>() {})));
    }

    /** {@code bytes4(keccak256("isValidSignature(bytes,bytes)"))}, the legacy EIP-1271 magic value. */
    public static final byte[] EIP1271_LEGACY_MAGIC = {0x20, (byte) 0xc1, 0x3b, 0x0b};

    /**
     * {@code setup(owners, threshold, to, data, fallbackHandler, paymentToken, payment,
     * paymentReceiver)} calldata for a new Safe proxy (1.3.0/1.4.1).
     */
    public static byte[] setup(List<Address> owners, int threshold, Address fallbackHandler) {
        List<org.web3j.abi.datatypes.Address> ownerTypes = new ArrayList<>();
        owners.forEach(o -> ownerTypes.add(addr(o)));
        return encode(new Function("setup", List.of(
                new DynamicArray<>(org.web3j.abi.datatypes.Address.class, ownerTypes), new Uint256(threshold),
                addr(Address.ZERO), new DynamicBytes(new byte[0]), addr(fallbackHandler), addr(Address.ZERO),
                new Uint256(0), addr(Address.ZERO)), List.of()));
    }

    /** SafeProxyFactory {@code createProxyWithNonce(singleton, initializer, saltNonce)} calldata. */
    public static byte[] createProxyWithNonce(Address singleton, byte[] initializer, BigInteger saltNonce) {
        return encode(new Function("createProxyWithNonce", List.of(addr(singleton), new DynamicBytes(initializer),
                new Uint256(saltNonce)), List.of()));
    }

    /** Calldata of a function with no arguments, e.g. {@code nonce()}, {@code getOwners()}, {@code VERSION()}. */
    public static byte[] noArgs(String name) {
        return encode(new Function(name, List.of(), List.of()));
    }

    /** Decodes a single {@code uint256} return. */
    public static BigInteger decodeUint(byte[] returned) {
        return (BigInteger) decode(returned, new TypeReference<Uint256>() {}).getFirst().getValue();
    }

    /** Decodes a single {@code bytes32} return. */
    public static byte[] decodeBytes32(byte[] returned) {
        return (byte[]) decode(returned, new TypeReference<Bytes32>() {}).getFirst().getValue();
    }

    /** Decodes a single {@code string} return. */
    public static String decodeString(byte[] returned) {
        return (String) decode(returned, new TypeReference<Utf8String>() {}).getFirst().getValue();
    }

    /** Decodes a single {@code address} return. */
    public static Address decodeAddress(byte[] returned) {
        return Address.parse((String) decode(returned, new TypeReference<org.web3j.abi.datatypes.Address>() {}).getFirst().getValue());
    }

    /** Decodes a single {@code address[]} return. */
    @SuppressWarnings("unchecked")
    public static List<Address> decodeAddresses(byte[] returned) {
        List<Type<?>> values = decode(returned, new TypeReference<DynamicArray<org.web3j.abi.datatypes.Address>>() {});
        List<Address> out = new ArrayList<>();
        for (Object a : ((DynamicArray<org.web3j.abi.datatypes.Address>) values.getFirst()).getValue()) {
            out.add(Address.parse(((org.web3j.abi.datatypes.Address) a).getValue()));
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Type<?>> decode(byte[] returned, TypeReference<?> type) {
        List decoded = FunctionReturnDecoder.decode(Hex.encode(returned), List.of((TypeReference<Type>) type));
        if (decoded.isEmpty()) {
            throw new io.countersign.eth.EthException.InvalidInputException(
                    "the contract returned no data: is this address a Safe on this chain?");
        }
        return decoded;
    }

    static org.web3j.abi.datatypes.Address addr(Address a) {
        return new org.web3j.abi.datatypes.Address(a.toLowerHex());
    }

    static byte[] encode(Function f) {
        return Hex.decode(FunctionEncoder.encode(f), f.getName());
    }
}
