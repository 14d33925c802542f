package io.countersign.airgap;

import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import com.sparrowwallet.hummingbird.UR;
import java.util.Arrays;
import java.util.Set;

/**
 * ERC-4527 {@code eth-signature} (UR type {@code eth-signature}, CBOR tag 402): a map with keys
 * 1 {@code request-id} (uuid, tag 37), 2 {@code signature} (bytes: {@code r ‖ s ‖ v}, 65 bytes
 * for the data types Countersign uses) and 3 {@code origin} (text, optional).
 *
 * @param requestId 16 bytes, or null when the signer sent none
 * @param signature the signature bytes as the signer made them
 * @param origin the signer's name for itself, or null
 */
public record EthSignatureCode(byte[] requestId, byte[] signature, String origin) {
    /** The UR type. */
    public static final String UR_TYPE = "eth-signature";

    public EthSignatureCode {
        requestId = requestId == null ? null : requestId.clone();
        signature = signature.clone();
        if (requestId != null && requestId.length != 16) {
            throw new AirgapException("eth-signature request-id must be a 16-byte UUID, found " + requestId.length + " bytes");
        }
    }

    @Override
    public byte[] requestId() {
        return requestId == null ? null : requestId.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public byte[] toCbor() {
        Map m = new Map();
        Cbor.putUuid(m, 1, requestId);
        m.put(new UnsignedInteger(2), new ByteString(signature));
        if (origin != null) {
            m.put(new UnsignedInteger(3), new UnicodeString(origin));
        }
        return Cbor.encode(m);
    }

    public UR toUr() {
        return Cbor.ur(UR_TYPE, toCbor());
    }

    /**
     * @throws AirgapException for unknown keys, a missing signature, a signature that is not 65
     *     bytes, or a request id that is not a tagged 16-byte UUID
     */
    public static EthSignatureCode fromCbor(byte[] cbor) {
        Map m = Cbor.map(Cbor.decodeOne(cbor, UR_TYPE), UR_TYPE, Set.of(1, 2, 3));
        byte[] id = Cbor.optionalUuid(m, 1, "eth-signature request-id");
        DataItem sigItem = Cbor.get(m, 2);
        if (sigItem == null) {
            throw new AirgapException("eth-signature has no signature (key 2)");
        }
        byte[] sig = Cbor.bytes(sigItem, "eth-signature signature");
        if (sig.length != 65) {
            throw new AirgapException("eth-signature signature must be 65 bytes (r ‖ s ‖ v), found " + sig.length);
        }
        DataItem originItem = Cbor.get(m, 3);
        return new EthSignatureCode(id, sig, originItem == null ? null : Cbor.text(originItem, "eth-signature origin"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EthSignatureCode s && Arrays.equals(requestId, s.requestId) && Arrays.equals(signature, s.signature)
                && java.util.Objects.equals(origin, s.origin);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }
}
