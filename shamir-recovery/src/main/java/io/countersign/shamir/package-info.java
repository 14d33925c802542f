/**
 * SLIP-0039 (Shamir's Secret-Sharing for Mnemonic Codes, current revision with the
 * extendable backup flag) and BIP-39 entropy conversion.
 *
 * <p>Entry points: {@link io.countersign.shamir.Slip39} (split and combine),
 * {@link io.countersign.shamir.Share} (one decoded share),
 * {@link io.countersign.shamir.CeremonyStatus} (which groups are complete),
 * {@link io.countersign.shamir.Wordlist} (word completion) and
 * {@link io.countersign.shamir.Bip39}. Every failure is a subtype of the sealed
 * {@link io.countersign.shamir.ShamirException}. Nothing in this package logs.
 */
package io.countersign.shamir;
