package io.countersign.app.shamir;

/**
 * What a SLIP-39 master secret is, which decides how the fingerprint wallet is derived and
 * how the secret is shown after a combine.
 */
public enum SecretKind {
    /**
     * The entropy of a BIP-39 phrase (split with {@code --bip39-env}): the wallet is the BIP-39
     * seed of the phrase with an empty BIP-39 passphrase, then BIP-32.
     */
    BIP39_ENTROPY,
    /**
     * A raw SLIP-39 master secret (split with {@code --secret-hex-env}, or a Trezor Shamir
     * backup): the master secret is the BIP-32 seed.
     */
    MASTER_SECRET
}
