package io.countersign.hw.trezor;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.countersign.eth.Bip32Path;
import io.countersign.hw.DeviceException;
import io.countersign.hw.eip712.TypedDataDocument;
import io.countersign.hw.trezor.proto.TrezorCommon;
import io.countersign.hw.trezor.proto.TrezorEip712;
import io.countersign.hw.trezor.proto.TrezorEthereum;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Thin functions over a {@link TrezorSession}, one per Ethereum request, as trezorlib
 * {@code ethereum.py} sends them.
 */
public final class TrezorEthereumClient {
    /** Bytes of data in the first signing message and at most in each EthereumTxAck. */
    public static final int DATA_CHUNK = 1024;
    private final TrezorSession session;

    public TrezorEthereumClient(TrezorSession session) {
        this.session = session;
    }

    public TrezorSession session() {
        return session;
    }

    /**
     * A transaction signature: {@code v} as trezorlib returns it (legacy: EIP-155 {@code v},
     * recalculated from a 0/1 answer; EIP-1559: y-parity), r and s 32 bytes each.
     */
    public record TxSignature(BigInteger v, byte[] r, byte[] s) {}

    /** Initialize: resets the session state and returns the device's Features. */
    public TrezorCommon.Features initialize() {
        return (TrezorCommon.Features) session.call(TrezorCommon.Initialize.getDefaultInstance(), TrezorCommon.Features.class);
    }

    /** EthereumGetAddress: the checksummed address, shown on the device when {@code show}. */
    public String getAddress(Bip32Path path, boolean show) {
        TrezorEthereum.EthereumGetAddress.Builder m = TrezorEthereum.EthereumGetAddress.newBuilder().addAllAddressN(indices(path)).setShowDisplay(show);
        return ((TrezorEthereum.EthereumAddress) session.call(m.build(), TrezorEthereum.EthereumAddress.class)).getAddress();
    }

    /** EthereumGetPublicKey: the BIP-32 node and xpub of {@code path}. */
    public TrezorEthereum.EthereumPublicKey getPublicKey(Bip32Path path) {
        var m = TrezorEthereum.EthereumGetPublicKey.newBuilder().addAllAddressN(indices(path)).setShowDisplay(false).build();
        return (TrezorEthereum.EthereumPublicKey) session.call(m, TrezorEthereum.EthereumPublicKey.class);
    }

    /**
     * EthereumSignTx (legacy, EIP-155): integers as minimal big-endian bytes (zero is empty),
     * the first 1024 data bytes in {@code data_initial_chunk}, the rest as requested.
     *
     * @param to 0x-hex recipient, or {@code null} for contract creation
     * @param txType Wanchain's tx_type, else {@code null}
     */
    public TxSignature signTx(Bip32Path path, BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to, BigInteger value,
            byte[] data, long chainId, Integer txType) {
        TrezorEthereum.EthereumSignTx.Builder m = TrezorEthereum.EthereumSignTx.newBuilder().addAllAddressN(indices(path))
                .setNonce(be(nonce)).setGasPrice(be(gasPrice)).setGasLimit(be(gasLimit)).setValue(be(value)).setChainId(chainId)
                .setDataLength(data.length).setDataInitialChunk(ByteString.copyFrom(data, 0, Math.min(DATA_CHUNK, data.length)));
        if (to != null) {
            m.setTo(to);
        }
        if (txType != null) {
            m.setTxType(txType);
        }
        TrezorEthereum.EthereumTxRequest r = dataLoop(m.build(), data);
        return new TxSignature(eip155V(r, chainId), r.getSignatureR().toByteArray(), r.getSignatureS().toByteArray());
    }

    /** trezorlib: "only signature bit returned, recalculate signature_v": v ≤ 1 becomes v + 2·chainId + 35 (chainId unsigned). */
    private static BigInteger eip155V(TrezorEthereum.EthereumTxRequest r, long chainId) {
        BigInteger unsignedChainId = new BigInteger(Long.toUnsignedString(chainId));
        BigInteger v = BigInteger.valueOf(r.getSignatureV());
        return r.getSignatureV() <= 1 ? v.add(unsignedChainId.shiftLeft(1)).add(BigInteger.valueOf(35)) : v;
    }

    /** An EIP-2930 access-list entry. */
    public record AccessListEntry(String address, List<byte[]> storageKeys) {}

    /** EthereumSignTxEIP1559; {@code v} is the y-parity 0/1. */
    public TxSignature signTxEip1559(Bip32Path path, BigInteger nonce, BigInteger gasLimit, String to, BigInteger value, byte[] data,
            long chainId, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, List<AccessListEntry> accessList) {
        TrezorEthereum.EthereumSignTxEIP1559.Builder m = TrezorEthereum.EthereumSignTxEIP1559.newBuilder().addAllAddressN(indices(path))
                .setNonce(be(nonce)).setGasLimit(be(gasLimit)).setValue(be(value)).setChainId(chainId)
                .setMaxGasFee(be(maxFeePerGas)).setMaxPriorityFee(be(maxPriorityFeePerGas))
                .setDataLength(data.length).setDataInitialChunk(ByteString.copyFrom(data, 0, Math.min(DATA_CHUNK, data.length)));
        if (to != null) {
            m.setTo(to);
        }
        for (AccessListEntry e : accessList) {
            var entry = TrezorEthereum.EthereumSignTxEIP1559.EthereumAccessList.newBuilder().setAddress(e.address());
            e.storageKeys().forEach(k -> entry.addStorageKeys(ByteString.copyFrom(k)));
            m.addAccessList(entry);
        }
        TrezorEthereum.EthereumTxRequest r = dataLoop(m.build(), data);
        return new TxSignature(BigInteger.valueOf(r.getSignatureV()), r.getSignatureR().toByteArray(), r.getSignatureS().toByteArray());
    }

    private TrezorEthereum.EthereumTxRequest dataLoop(Message first, byte[] data) {
        var r = (TrezorEthereum.EthereumTxRequest) session.call(first, TrezorEthereum.EthereumTxRequest.class);
        int offset = Math.min(DATA_CHUNK, data.length);
        while (r.hasDataLength()) {
            int n = Math.min(r.getDataLength(), data.length - offset);
            var ack = TrezorEthereum.EthereumTxAck.newBuilder().setDataChunk(ByteString.copyFrom(data, offset, Math.max(0, n))).build();
            offset += Math.max(0, n);
            r = (TrezorEthereum.EthereumTxRequest) session.call(ack, TrezorEthereum.EthereumTxRequest.class);
        }
        if (!r.hasSignatureV() || !r.hasSignatureR() || !r.hasSignatureS()) {
            throw new DeviceException.DeviceFailure("the Trezor ended the transaction without a complete signature");
        }
        return r;
    }

    /** EthereumSignMessage (EIP-191 personal message). */
    public TrezorEthereum.EthereumMessageSignature signMessage(Bip32Path path, byte[] message) {
        var m = TrezorEthereum.EthereumSignMessage.newBuilder().addAllAddressN(indices(path)).setMessage(ByteString.copyFrom(message)).build();
        return (TrezorEthereum.EthereumMessageSignature) session.call(m, TrezorEthereum.EthereumMessageSignature.class);
    }

    /**
     * EthereumSignTypedData: answers every EthereumTypedDataStructRequest and
     * EthereumTypedDataValueRequest until the signature arrives (core models).
     */
    public TrezorEthereum.EthereumTypedDataSignature signTypedData(Bip32Path path, TypedDataDocument doc, boolean metamaskV4Compat) {
        var request = TrezorEip712.EthereumSignTypedData.newBuilder().addAllAddressN(indices(path)).setPrimaryType(doc.primaryType())
                .setMetamaskV4Compat(metamaskV4Compat).build();
        Message r = session.call(request, TrezorEip712.EthereumTypedDataStructRequest.class, TrezorEip712.EthereumTypedDataValueRequest.class,
                TrezorEthereum.EthereumTypedDataSignature.class);
        while (true) {
            Message next = switch (r) {
                case TrezorEip712.EthereumTypedDataStructRequest sr -> TrezorTypedData.structAck(doc, sr.getName());
                case TrezorEip712.EthereumTypedDataValueRequest vr ->
                        TrezorEip712.EthereumTypedDataValueAck.newBuilder().setValue(TrezorTypedData.value(doc, vr.getMemberPathList())).build();
                case TrezorEthereum.EthereumTypedDataSignature sig -> null;
                default -> throw new DeviceException.UnexpectedMessage("EthereumTypedData request or signature", r.getDescriptorForType().getName());
            };
            if (next == null) {
                return (TrezorEthereum.EthereumTypedDataSignature) r;
            }
            r = session.call(next, TrezorEip712.EthereumTypedDataStructRequest.class, TrezorEip712.EthereumTypedDataValueRequest.class,
                    TrezorEthereum.EthereumTypedDataSignature.class);
        }
    }

    /** EthereumSignTypedHash (Trezor One): the two hashes; {@code messageHash} null for domain-only data. */
    public TrezorEthereum.EthereumTypedDataSignature signTypedHash(Bip32Path path, byte[] domainHash, byte[] messageHash) {
        var m = TrezorEthereum.EthereumSignTypedHash.newBuilder().addAllAddressN(indices(path)).setDomainSeparatorHash(ByteString.copyFrom(domainHash));
        if (messageHash != null) {
            m.setMessageHash(ByteString.copyFrom(messageHash));
        }
        return (TrezorEthereum.EthereumTypedDataSignature) session.call(m.build(), TrezorEthereum.EthereumTypedDataSignature.class);
    }

    /** trezorlib {@code int_to_big_endian}: minimal big-endian bytes, zero is empty. */
    static ByteString be(BigInteger v) {
        if (v.signum() == 0) {
            return ByteString.EMPTY;
        }
        byte[] raw = v.toByteArray();
        return raw[0] == 0 ? ByteString.copyFrom(raw, 1, raw.length - 1) : ByteString.copyFrom(raw);
    }

    static List<Integer> indices(Bip32Path path) {
        return Arrays.stream(path.indices()).boxed().toList();
    }
}
