package io.countersign.app.shamir;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.shamir.CeremonyStatus;
import io.countersign.shamir.GroupSpec;
import io.countersign.shamir.InvalidBip39Exception;
import io.countersign.shamir.ShamirException;
import io.countersign.shamir.Share;
import io.countersign.shamir.Slip39;
import io.countersign.journal.EntryKind;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLIP-39 split and combine ceremonies behind both faces (CLI and console): run the
 * library, derive the fingerprint, and journal that a ceremony happened (never a share or
 * a secret). Plain Java; the PBKDF2 work makes both calls take up to seconds, so the
 * console runs them off the FX thread.
 */
public final class ShamirCeremony {
    private ShamirCeremony() {}

    /**
     * Combines shares. When more shares than needed were given, combines
     * {@link CeremonyStatus#minimalShares()} (the first shares of the first complete groups) and
     * reports which were used.
     *
     * @param shares     shares in input order, already checked against each other; positions are
     *                   {@code positions.get(i)} (1-based)
     * @param positions  the guardian's 1-based position of each share, for messages
     * @param passphrase printable ASCII, empty for none; not modified
     * @param kind       how to derive the fingerprint
     * @return the recovery; the caller closes it to wipe the secret
     * @throws CountersignException.Refused too few shares ("need N more …")
     * @throws ShamirException inconsistent shares, digest mismatch, bad passphrase characters,
     *     or BIP-39 asked for a secret of a length BIP-39 does not have
     */
    public static Recovery recover(List<Share> shares, List<Integer> positions, byte[] passphrase, SecretKind kind)
            throws ShamirException {
        CeremonyStatus status = CeremonyStatus.of(shares);
        if (!status.isComplete()) {
            throw new CountersignException.Refused("too few shares: " + ShareCollector.shortfall(status)
                    + " [" + status.summary() + "]");
        }
        List<Share> minimal = status.minimalShares();
        List<Integer> used = new ArrayList<>();
        for (Share s : minimal) {
            used.add(positions.get(shares.indexOf(s)));
        }
        byte[] secret = Slip39.combineShares(minimal, passphrase);
        try {
            return new Recovery(secret, kind, Fingerprints.of(secret, kind), used, shares.size(), status.summary());
        } catch (InvalidBip39Exception | RuntimeException e) {
            java.util.Arrays.fill(secret, (byte) 0);
            throw e;
        }
    }

    /**
     * Splits a secret into SLIP-39 shares (SLIP-0039 GenerateShares) and computes the fingerprint
     * of the wallet they restore.
     *
     * @param secret            what to split; not closed here
     * @param passphrase        printable ASCII, empty for none; not modified
     * @param groupThreshold    GT, 1..groups.size()
     * @param groups            1..16 groups, T/N each
     * @param iterationExponent 0..15 (1 is what Trezor uses)
     * @param extendable        the extendable backup flag (default true)
     * @throws ShamirException a layout SLIP-0039 forbids, or a bad passphrase character
     */
    public static SplitResult split(SecretInput secret, byte[] passphrase, int groupThreshold, List<GroupSpec> groups,
                                    int iterationExponent, boolean extendable, SecureRandom rng) throws ShamirException {
        List<List<Share>> shares = Slip39.splitShares(secret.bytes(), passphrase, groupThreshold, groups,
                iterationExponent, extendable, rng);
        return new SplitResult(shares, groups, groupThreshold, secret.kind(),
                Fingerprints.of(secret.bytes(), secret.kind()), secret.length() * 8);
    }

    /** Journals a split: identifier, layout, iteration exponent, extendable flag, secret kind; no share. */
    public static void journalSplit(AppContext ctx, SplitResult r, boolean cards) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", "split");
        p.put("identifier", r.identifier());
        p.put("groupThreshold", r.groupThreshold());
        p.put("groups", r.layout().stream().map(g -> Map.of("threshold", g.memberThreshold(), "count", g.memberCount()))
                .toList());
        p.put("iterationExponent", r.iterationExponent());
        p.put("extendable", r.extendable());
        p.put("secretKind", r.kind().name());
        p.put("secretBits", r.secretBits());
        p.put("fingerprint", r.fingerprint().toString());
        p.put("shareCards", cards);
        ctx.journal().append(EntryKind.RECOVERY_CEREMONY, p);
    }

    /**
     * The latest split of the backup {@code identifier} this journal recorded: what its shares
     * protect ({@code secretKind}) and the fingerprint the guardians recorded.
     *
     * @return the RECOVERY_CEREMONY entry of kind {@code split}, or empty if this journal has none
     */
    public static java.util.Optional<io.countersign.journal.JournalEntry> recordedSplit(AppContext ctx, int identifier) {
        io.countersign.journal.JournalEntry found = null;
        for (io.countersign.journal.JournalEntry e : ctx.journal().since(EntryKind.RECOVERY_CEREMONY, java.time.Instant.EPOCH)) {
            var p = e.payload();
            if ("split".equals(p.path("kind").asString("")) && p.path("identifier").asInt(-1) == identifier) {
                found = e;
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    /** Journals a combine: identifier, group threshold, the groups used with their thresholds; no share. */
    public static void journalCombine(AppContext ctx, List<Share> shares) throws ShamirException {
        CeremonyStatus status = CeremonyStatus.of(shares);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", "combine");
        p.put("identifier", status.identifier());
        p.put("groupThreshold", status.groupThreshold());
        p.put("groupCount", status.groupCount());
        p.put("groups", status.groups().stream().map(g -> Map.of("group", g.groupIndex() + 1,
                "threshold", g.memberThreshold(), "sharesGiven", g.sharesGiven())).toList());
        p.put("iterationExponent", status.iterationExponent());
        p.put("extendable", status.extendable());
        ctx.journal().append(EntryKind.RECOVERY_CEREMONY, p);
    }
}
