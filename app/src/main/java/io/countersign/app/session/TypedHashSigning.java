package io.countersign.app.session;

import io.countersign.eth.Signature;
import io.countersign.eth.Signer;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.TypedData;
import io.countersign.hw.ledger.LedgerSigner;
import io.countersign.hw.trezor.TrezorSigner;

/**
 * Signing an EIP-712 digest from its two hashes: Ledger's hashed mode (INS 0x0C), Trezor's
 * EthereumSignTypedHash, or a software key over {@code keccak256(0x1901 ‖ domain ‖ message)}.
 * The device shows only the two hashes, so the person must compare them with hashes Countersign
 * computed from the real document (e.g. {@code safe hash}).
 */
final class TypedHashSigning {
    private TypedHashSigning() {}

    /**
     * @param domainHash 32 bytes
     * @param messageHash 32 bytes
     * @throws CountersignException.Usage for a signer that cannot sign hashes
     */
    static Signature sign(Signer signer, byte[] domainHash, byte[] messageHash) {
        return switch (LazySigner.unwrap(signer)) {
            case LedgerSigner ledger -> ledger.app().signEip712Hashed(ledger.path(), domainHash, messageHash);
            case TrezorSigner trezor -> Signature.fromBytes(
                    trezor.client().signTypedHash(trezor.path(), domainHash, messageHash).getSignature().toByteArray());
            case SoftwareSigner software -> software.signDigest(TypedData.digest(domainHash, messageHash));
            default -> throw new CountersignException.Usage(signer.label() + " cannot sign EIP-712 hashes");
        };
    }
}
