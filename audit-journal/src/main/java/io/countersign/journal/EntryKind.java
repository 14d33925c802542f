package io.countersign.journal;

/**
 * What a journal entry records. Stored and hashed by its {@link #name()}, so constants
 * may be added but never renamed or removed: old journals must keep verifying.
 * No kind ever carries a secret.
 */
public enum EntryKind {
    /** A signing request was built, imported or opened (payload: request summary, safeTxHash). */
    REQUEST,
    /** The policy gate decided on a request (allow, deny, require-timelock, require-approval, with reasons). */
    DECISION,
    /** A device or software signer returned a signature and it was checked by recovering the signer. */
    SIGNATURE,
    /** Signatures from other officers were merged into a request ({@code safe merge}; docs/architecture.md, "Journal entry kinds"). */
    COLLECT,
    /** A transaction was broadcast (payload: chain id, tx hash, outcome). */
    BROADCAST,
    /** A signed request or execution calldata left the machine as a file or QR (air-gapped step 8). */
    EXPORT,
    /** A signed policy bundle was installed (payload: bundle hash, signer, version). */
    POLICY_INSTALL,
    /** A SLIP-39 split or combine ceremony took place (payload: group thresholds, counts, never shares). */
    RECOVERY_CEREMONY,
    /**
     * A device signed the journal's head (payload: sequence, head, the EIP-191 message
     * {@code SEQ:HASH}, signer, signature): the journal cannot be rolled back past it without
     * that device.
     */
    CHECKPOINT,
    /**
     * A spend reserved by a {@code DECISION} entry (its {@code policySpend}) is cancelled because no
     * signature came of it: the device refused or failed, or the signature did not verify
     * (payload: safeTxHash, {@code reservation} = the DECISION entry's sequence, reason).
     * Nothing is ever deleted; a reservation without RELEASE or SIGNATURE stays counted.
     */
    RELEASE,
    /**
     * A Safe request was simulated on a node before signing, or signing went ahead without it
     * (payload: safeTxHash, method, node, block, resultHash, success, outflows; or
     * {@code skipped} with the reason, e.g. {@code --no-simulate}).
     */
    SIMULATION
}
