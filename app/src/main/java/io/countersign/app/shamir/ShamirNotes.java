package io.countersign.app.shamir;

/**
 * The plain-language warnings the CLI and the console both show, worded once so the two
 * faces cannot drift apart (docs/recovery.md sections 5 and 6 explain them at length).
 */
public final class ShamirNotes {
    private ShamirNotes() {}

    /** Shown next to every fingerprint after a combine. */
    public static final String WRONG_PASSPHRASE =
            "A wrong passphrase cannot be detected: it silently yields a different wallet. "
            + "Compare this fingerprint address with the one recorded when the shares were made.";

    /** Shown whenever shares hold the entropy of a BIP-39 phrase (split --bip39-env, combine --bip39). */
    public static final String BIP39_NOT_TREZOR =
            "These shares restore the BIP-39 phrase (its entropy is the SLIP-39 master secret). "
            + "They do not restore a SLIP-39 wallet on a Trezor: entered into a Trezor's Shamir recovery "
            + "they open a different wallet.";

    /** Shown with a raw master secret: which wallet the fingerprint belongs to. */
    public static final String MASTER_SECRET_AS_SEED =
            "The fingerprint treats the master secret as the BIP-32 seed, as SLIP-39 wallets (Trezor) do.";

    /** Shown at split time. */
    public static final String RECORD_FINGERPRINT =
            "Record this fingerprint address: after a recovery, the guardians compare it to prove the shares "
            + "and the passphrase were right.";
}
