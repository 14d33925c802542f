package io.countersign.airgap;

import co.nstant.in.cbor.model.ByteString;
import com.sparrowwallet.hummingbird.UR;
import io.countersign.eth.EthException;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.nio.charset.StandardCharsets;

/**
 * One decoded air-gap code: what a scanned UR carries.
 *
 * <p>The Countersign request code is {@code ur:bytes} (BCR-2020-006's untyped byte string:
 * CBOR {@code bstr}) holding the request file's JSON exactly as {@link RequestFile#toJson}
 * writes it, UTF-8: everything the offline side's gate needs (owners, threshold, Safe version,
 * meta, signatures so far). It is read with every check of {@link RequestFile#parse}.
 */
public sealed interface AirgapCode {
    /** The UR type this code travels as. */
    String urType();

    /** An ERC-4527 {@code eth-sign-request}. */
    record SignRequest(EthSignRequest request) implements AirgapCode {
        @Override
        public String urType() {
            return EthSignRequest.UR_TYPE;
        }
    }

    /** An ERC-4527 {@code eth-signature}. */
    record Signature(EthSignatureCode signature) implements AirgapCode {
        @Override
        public String urType() {
            return EthSignatureCode.UR_TYPE;
        }
    }

    /** A {@code crypto-hdkey}: an offline signer's account key. */
    record HdKey(HdKeyInfo key) implements AirgapCode {
        @Override
        public String urType() {
            return HdKeyInfo.UR_TYPE;
        }
    }

    /** A whole Countersign request file ({@code ur:bytes}). */
    record Request(SafeRequest request) implements AirgapCode {
        @Override
        public String urType() {
            return "bytes";
        }
    }

    /** The Countersign request code of a request. */
    static UR requestUr(SafeRequest r) {
        return Cbor.ur("bytes", Cbor.encode(new ByteString(RequestFile.toJson(r).getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Reads an assembled UR.
     *
     * @throws AirgapException for a type Countersign does not read, or a payload that fails its
     *     type's checks (for a request: every check of {@link RequestFile#parse})
     */
    static AirgapCode of(UR ur) {
        byte[] cbor = ur.getCborBytes();
        return switch (ur.getType()) {
            case EthSignRequest.UR_TYPE -> new SignRequest(EthSignRequest.fromCbor(cbor));
            case EthSignatureCode.UR_TYPE -> new Signature(EthSignatureCode.fromCbor(cbor));
            case HdKeyInfo.UR_TYPE -> new HdKey(HdKeyInfo.fromCbor(cbor));
            case "bytes" -> {
                byte[] json = Cbor.bytes(Cbor.decodeOne(cbor, "ur:bytes"), "ur:bytes");
                try {
                    yield new Request(RequestFile.parse(io.countersign.eth.json.JsonErrors.utf8(null, json)));
                } catch (EthException | IllegalArgumentException | ArithmeticException e) {
                    throw new AirgapException("the ur:bytes code is not a valid Countersign request: " + e.getMessage(), e);
                }
            }
            default -> throw new AirgapException("ur:" + ur.getType() + " is not a code Countersign reads (eth-sign-request, "
                    + "eth-signature, crypto-hdkey, bytes for a Countersign request)");
        };
    }
}
