package io.countersign.airgap;

import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import com.sparrowwallet.hummingbird.UR;
import com.sparrowwallet.hummingbird.registry.CryptoKeypath;
import com.sparrowwallet.hummingbird.registry.pathcomponent.IndexPathComponent;
import com.sparrowwallet.hummingbird.registry.pathcomponent.PathComponent;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.StrictJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * ERC-4527 {@code eth-sign-request} (UR type {@code eth-sign-request}, CBOR tag 401): a map
 * with keys 1 {@code request-id} (uuid, tag 37, optional), 2 {@code sign-data} (bytes),
 * 3 {@code data-type} (int, default 1), 4 {@code chain-id} (int, optional), 5
 * {@code derivation-path} (crypto-keypath, tag 304), 6 {@code address} (20 bytes, optional),
 * 7 {@code origin} (text, optional).
 *
 * @param requestId 16 bytes, or null
 * @param signData for {@link DataType#TYPED_DATA} the UTF-8 {@code eth_signTypedData_v4} JSON;
 *     for {@link DataType#PERSONAL_MESSAGE} the message bytes; for the transaction types the
 *     RLP (typed: EIP-2718 type byte first) of the unsigned transaction
 * @param chainId EIP-155 chain id, or null
 * @param path the signer's BIP-32 path
 * @param sourceFingerprint the 4-byte fingerprint of the master key the path starts at, or null
 * @param address the signer's address, or null
 * @param origin free text naming the requester, or null
 */
public record EthSignRequest(byte[] requestId, byte[] signData, DataType dataType, BigInteger chainId, Bip32Path path,
        byte[] sourceFingerprint, Address address, String origin) {
    /** The UR type. */
    public static final String UR_TYPE = "eth-sign-request";
    static final int TAG_KEYPATH = 304;

    /** ERC-4527 {@code data-type}. */
    public enum DataType {
        /** RLP of a legacy transaction. */
        TRANSACTION(1, "transaction"),
        /** {@code eth_signTypedData_v4} JSON (EIP-712). */
        TYPED_DATA(2, "typed-data"),
        /** EIP-191 personal message. */
        PERSONAL_MESSAGE(3, "personal-message"),
        /** EIP-2718 typed transaction (type byte ‖ RLP). */
        TYPED_TRANSACTION(4, "typed-transaction");

        public final int code;
        public final String id;

        DataType(int code, String id) {
            this.code = code;
            this.id = id;
        }

        static DataType of(BigInteger code) {
            for (DataType t : values()) {
                if (BigInteger.valueOf(t.code).equals(code)) {
                    return t;
                }
            }
            throw new AirgapException("eth-sign-request data-type " + code + " is none ERC-4527 defines (1 transaction, "
                    + "2 typed data, 3 personal message, 4 typed transaction)");
        }
    }

    public EthSignRequest {
        requestId = requestId == null ? null : requestId.clone();
        signData = signData.clone();
        sourceFingerprint = sourceFingerprint == null ? null : sourceFingerprint.clone();
        if (requestId != null && requestId.length != 16) {
            throw new AirgapException("eth-sign-request request-id must be a 16-byte UUID, found " + requestId.length + " bytes");
        }
        if (sourceFingerprint != null && sourceFingerprint.length != 4) {
            throw new AirgapException("eth-sign-request source fingerprint must be 4 bytes, found " + sourceFingerprint.length);
        }
        java.util.Objects.requireNonNull(dataType, "dataType");
        java.util.Objects.requireNonNull(path, "path");
    }

    @Override
    public byte[] requestId() {
        return requestId == null ? null : requestId.clone();
    }

    @Override
    public byte[] signData() {
        return signData.clone();
    }

    @Override
    public byte[] sourceFingerprint() {
        return sourceFingerprint == null ? null : sourceFingerprint.clone();
    }

    /** The CBOR map, keys in ascending order. */
    public byte[] toCbor() {
        Map m = new Map();
        Cbor.putUuid(m, 1, requestId);
        m.put(new UnsignedInteger(2), new ByteString(signData));
        m.put(new UnsignedInteger(3), new UnsignedInteger(dataType.code));
        if (chainId != null) {
            m.put(new UnsignedInteger(4), new UnsignedInteger(chainId));
        }
        List<PathComponent> components = new ArrayList<>();
        for (int i : path.indices()) {
            components.add(new IndexPathComponent(i & ~Bip32Path.HARDENED, (i & Bip32Path.HARDENED) != 0));
        }
        DataItem keypath = new CryptoKeypath(components, sourceFingerprint).toCbor();
        keypath.setTag(TAG_KEYPATH);
        m.put(new UnsignedInteger(5), keypath);
        if (address != null) {
            m.put(new UnsignedInteger(6), new ByteString(address.bytes()));
        }
        if (origin != null) {
            m.put(new UnsignedInteger(7), new UnicodeString(origin));
        }
        return Cbor.encode(m);
    }

    public UR toUr() {
        return Cbor.ur(UR_TYPE, toCbor());
    }

    /**
     * Parses the CBOR of an {@code eth-sign-request} strictly: unknown keys, wrong kinds, a
     * missing {@code sign-data} or {@code derivation-path}, a wildcard or range in the path, a
     * chain id outside 1..{@link StrictJson#MAX_CHAIN_ID} and an address that is not 20 bytes are
     * refused.
     *
     * @throws AirgapException naming the field
     */
    public static EthSignRequest fromCbor(byte[] cbor) {
        Map m = Cbor.map(Cbor.decodeOne(cbor, UR_TYPE), UR_TYPE, Set.of(1, 2, 3, 4, 5, 6, 7));
        byte[] id = Cbor.optionalUuid(m, 1, "eth-sign-request request-id");
        DataItem data = Cbor.get(m, 2);
        if (data == null) {
            throw new AirgapException("eth-sign-request has no sign-data (key 2)");
        }
        byte[] signData = Cbor.bytes(data, "eth-sign-request sign-data");
        DataItem typeItem = Cbor.get(m, 3);
        DataType type = typeItem == null ? DataType.TRANSACTION : DataType.of(Cbor.unsigned(typeItem, "eth-sign-request data-type"));
        BigInteger chainId = null;
        DataItem chainItem = Cbor.get(m, 4);
        if (chainItem != null) {
            try {
                chainId = StrictJson.chainId(Cbor.unsigned(chainItem, "eth-sign-request chain-id"), "eth-sign-request chain-id");
            } catch (io.countersign.eth.EthException e) {
                throw new AirgapException(e.getMessage(), e);
            }
        }
        DataItem pathItem = Cbor.get(m, 5);
        if (pathItem == null) {
            throw new AirgapException("eth-sign-request has no derivation-path (key 5)");
        }
        Cbor.requireTag(pathItem, TAG_KEYPATH, "eth-sign-request derivation-path");
        Cbor.map(pathItem, "eth-sign-request derivation-path", Set.of(1, 2, 3));
        CryptoKeypath keypath;
        try {
            keypath = CryptoKeypath.fromCbor(pathItem);
        } catch (RuntimeException e) {
            throw new AirgapException("eth-sign-request derivation-path: not a crypto-keypath (" + e.getMessage() + ")", e);
        }
        List<PathComponent> components = keypath.getComponents();
        if (components.isEmpty() || components.size() > 10) {
            throw new AirgapException("eth-sign-request derivation-path has " + components.size() + " components; expected 1 to 10");
        }
        int[] indices = new int[components.size()];
        for (int i = 0; i < indices.length; i++) {
            if (!(components.get(i) instanceof IndexPathComponent c) || c.getIndex() < 0) {
                throw new AirgapException("eth-sign-request derivation-path component " + (i + 1) + " (" + components.get(i)
                        + ") is not a single index: a signing path names one key");
            }
            indices[i] = c.getIndex() | (c.isHardened() ? Bip32Path.HARDENED : 0);
        }
        byte[] fingerprint = keypath.getSourceFingerprint();
        if (fingerprint != null && fingerprint.length != 4) {
            fingerprint = fingerprint.length < 4 ? leftPad(fingerprint) : null;
        }
        Address address = null;
        DataItem addressItem = Cbor.get(m, 6);
        if (addressItem != null) {
            byte[] a = Cbor.bytes(addressItem, "eth-sign-request address");
            if (a.length != 20) {
                throw new AirgapException("eth-sign-request address must be 20 bytes, found " + a.length);
            }
            address = Address.of(a);
        }
        DataItem originItem = Cbor.get(m, 7);
        String origin = originItem == null ? null : Cbor.text(originItem, "eth-sign-request origin");
        return new EthSignRequest(id, signData, type, chainId, new Bip32Path(indices), fingerprint, address, origin);
    }

    private static byte[] leftPad(byte[] b) {
        byte[] out = new byte[4];
        System.arraycopy(b, 0, out, 4 - b.length, b.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EthSignRequest r && Arrays.equals(requestId, r.requestId) && Arrays.equals(signData, r.signData)
                && dataType == r.dataType && java.util.Objects.equals(chainId, r.chainId) && path.equals(r.path)
                && Arrays.equals(sourceFingerprint, r.sourceFingerprint) && java.util.Objects.equals(address, r.address)
                && java.util.Objects.equals(origin, r.origin);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signData) * 31 + Arrays.hashCode(requestId);
    }

    @Override
    public String toString() {
        return "eth-sign-request " + dataType.id + (requestId == null ? "" : " " + RequestIds.format(requestId));
    }
}
