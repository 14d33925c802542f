package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import java.util.Arrays;

/**
 * One owner's approval of a safeTxHash, in one of the four forms {@code checkSignatures}
 * accepts (Safe.sol {@code checkNSignatures}). Every form has a 65-byte static part; a contract
 * signature also has a dynamic part.
 */
public sealed interface SafeSignature {

    /** The owner this signature counts for. */
    Address signer();

    SignatureMethod method();

    /** The 65 bytes Safe reads at this signature's slot ({@code r ‖ s ‖ v}). */
    byte[] staticPart(int dynamicOffset);

    /** The dynamic part (length word + data), empty unless a contract signature. */
    default byte[] dynamicPart() {
        return new byte[0];
    }

    /** The signature as stored in a request file: the 65-byte static part, or for a contract signature its data. */
    String encoded();

    /** EIP-712: {@code ecrecover(safeTxHash, v, r, s)}, v 27/28. */
    record Eip712(Address signer, Signature signature) implements SafeSignature {
        @Override
        public SignatureMethod method() {
            return SignatureMethod.EIP712;
        }

        @Override
        public byte[] staticPart(int dynamicOffset) {
            return signature.toBytes();
        }

        @Override
        public String encoded() {
            return signature.toHex();
        }
    }

    /** eth_sign: the EIP-191 signature over the safeTxHash with v raised by 4 (31/32). */
    record EthSign(Address signer, Signature signature) implements SafeSignature {
        @Override
        public SignatureMethod method() {
            return SignatureMethod.ETH_SIGN;
        }

        @Override
        public byte[] staticPart(int dynamicOffset) {
            return signature.toBytes();
        }

        @Override
        public String encoded() {
            return signature.toHex();
        }
    }

    /** Approved hash: r is the owner, s zero, v 1; valid once the owner called approveHash. */
    record ApprovedHash(Address signer) implements SafeSignature {
        @Override
        public SignatureMethod method() {
            return SignatureMethod.APPROVED_HASH;
        }

        @Override
        public byte[] staticPart(int dynamicOffset) {
            byte[] out = new byte[65];
            System.arraycopy(signer.bytes(), 0, out, 12, 20);
            out[64] = 1;
            return out;
        }

        @Override
        public String encoded() {
            return Hex.encode(staticPart(0));
        }
    }

    /**
     * EIP-1271: r is the owner contract, s the byte offset of the dynamic part within the
     * packed signatures, v 0; the dynamic part is a 32-byte length followed by the data the
     * owner contract's {@code isValidSignature} checks.
     */
    record Contract(Address signer, byte[] data) implements SafeSignature {
        public Contract {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public SignatureMethod method() {
            return SignatureMethod.CONTRACT;
        }

        @Override
        public byte[] staticPart(int dynamicOffset) {
            byte[] out = new byte[65];
            System.arraycopy(signer.bytes(), 0, out, 12, 20);
            byte[] offset = SafeHasher.word(java.math.BigInteger.valueOf(dynamicOffset));
            System.arraycopy(offset, 0, out, 32, 32);
            return out;
        }

        @Override
        public byte[] dynamicPart() {
            byte[] length = SafeHasher.word(java.math.BigInteger.valueOf(data.length));
            byte[] out = Arrays.copyOf(length, 32 + data.length);
            System.arraycopy(data, 0, out, 32, data.length);
            return out;
        }

        @Override
        public String encoded() {
            return Hex.encode(data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Contract c && signer.equals(c.signer) && Arrays.equals(data, c.data);
        }

        @Override
        public int hashCode() {
            return signer.hashCode() * 31 + Arrays.hashCode(data);
        }
    }
}
