package io.countersign.app.shamir;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import java.util.Arrays;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * The fingerprint of a recovered wallet: its first Ethereum address, {@code m/44'/60'/0'/0/0}.
 * It is public, so guardians can compare it with the one recorded at split time without
 * revealing the secret.
 */
public final class Fingerprints {
    private Fingerprints() {}

    /** The path of the fingerprint address. */
    public static final Bip32Path PATH = Bip32Path.ETHEREUM_FIRST;

    /**
     * The first address of a BIP-39 phrase's wallet: BIP-39 seed with an empty BIP-39
     * passphrase, then BIP-32 (BIP-44 path {@code m/44'/60'/0'/0/0}).
     *
     * @param phrase an English BIP-39 phrase with a valid checksum
     */
    public static Address ofBip39(String phrase) {
        try (SoftwareSigner signer = SoftwareSigner.fromMnemonic(phrase, "", PATH, "fingerprint")) {
            return signer.address();
        }
    }

    /**
     * The first address of the BIP-32 wallet whose seed is {@code seed}: the way SLIP-39
     * wallets use the master secret (BIP-32 master key = HMAC-SHA512("Bitcoin seed", seed)).
     *
     * @param seed 16 to 64 bytes; not modified
     */
    public static Address ofSeed(byte[] seed) {
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
        Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(master, PATH.indices());
        byte[] pub = Numeric.toBytesPadded(child.getPublicKey(), 64);
        try {
            return Address.fromPublicKey(pub);
        } finally {
            Arrays.fill(pub, (byte) 0);
        }
    }

    /**
     * The fingerprint of a master secret of the given kind.
     *
     * @throws io.countersign.shamir.InvalidBip39Exception if {@code kind} is BIP-39 entropy and the
     *     secret is not 16, 20, 24, 28 or 32 bytes
     */
    public static Address of(byte[] masterSecret, SecretKind kind) throws io.countersign.shamir.InvalidBip39Exception {
        return switch (kind) {
            case BIP39_ENTROPY -> ofBip39(io.countersign.shamir.Bip39.fromEntropy(masterSecret));
            case MASTER_SECRET -> ofSeed(masterSecret);
        };
    }
}
