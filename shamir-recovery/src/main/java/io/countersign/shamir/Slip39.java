package io.countersign.shamir;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * SLIP-0039 split and combine (SLIP-0039, "Generating the shares" and "Combining the
 * shares", current revision with the extendable backup flag). Stateless; thread-safe.
 *
 * <p>Secrets are byte arrays the caller owns: this class copies what it needs and wipes its
 * own intermediate copies (encrypted master secret, group shares) before returning.
 */
public final class Slip39 {
    /** Smallest master secret in bytes (128 bits). */
    public static final int MIN_SECRET_BYTES = 16;
    /** Largest iteration exponent (4 bits). */
    public static final int MAX_ITERATION_EXPONENT = 15;
    /** Maximum number of groups, and of members in a group. */
    public static final int MAX_SHARE_COUNT = SecretSharing.MAX_SHARE_COUNT;

    private Slip39() { }

    /**
     * Splits a master secret into share mnemonics (SLIP-0039 GenerateShares).
     *
     * @param masterSecret      the secret, at least 16 bytes and an even number of bytes (16 or 32 usually;
     *                          BIP-39 entropy of 16..32 bytes fits); not modified
     * @param passphrase        printable ASCII bytes (32..126), empty for none; not modified
     * @param groupThreshold    GT, number of groups needed, 1..groups.size()
     * @param groups            1..16 groups, each T-of-N with N &lt;= 16, and T &gt; 1 when N &gt; 1
     * @param iterationExponent e, 0..15: PBKDF2 runs (10000 &lt;&lt; e) / 4 iterations in each of 4 rounds
     * @param extendable        the extendable backup flag (recommended: true): the identifier is not part of
     *                          the encryption salt, so more shares for the same secret and passphrase can be
     *                          made later with the same identifier
     * @param rng               source of the identifier and of the random share parts
     * @return one list of mnemonics per group, in group order; member i of group g is {@code get(g).get(i)}
     * @throws InvalidSecretException       bad secret length
     * @throws InvalidPassphraseException   a passphrase byte outside 32..126
     * @throws InvalidGroupLayoutException  a layout SLIP-0039 forbids, or e outside 0..15
     */
    public static List<List<String>> split(byte[] masterSecret, byte[] passphrase, int groupThreshold,
                                           List<GroupSpec> groups, int iterationExponent, boolean extendable,
                                           SecureRandom rng) throws ShamirException {
        List<List<Share>> shares = splitShares(masterSecret, passphrase, groupThreshold, groups,
                iterationExponent, extendable, rng);
        return shares.stream().map(g -> g.stream().map(Share::mnemonic).toList()).toList();
    }

    /**
     * As {@link #split} but returns the decoded shares, e.g. for printing share cards with their
     * group and member numbers. Same parameters and exceptions.
     */
    public static List<List<Share>> splitShares(byte[] masterSecret, byte[] passphrase, int groupThreshold,
                                                List<GroupSpec> groups, int iterationExponent, boolean extendable,
                                                SecureRandom rng) throws ShamirException {
        if (masterSecret.length < MIN_SECRET_BYTES || masterSecret.length % 2 != 0) {
            throw new InvalidSecretException(masterSecret.length);
        }
        checkPassphrase(passphrase);
        checkLayout(groupThreshold, groups, iterationExponent);

        byte[] idBytes = new byte[2];
        rng.nextBytes(idBytes);
        int identifier = ((idBytes[0] & 0xFF) << 8 | (idBytes[1] & 0xFF)) & ((1 << Share.ID_LENGTH_BITS) - 1);

        byte[] ems = FeistelCipher.encrypt(masterSecret, passphrase, iterationExponent, identifier, extendable);
        byte[][] groupShares = SecretSharing.split(groupThreshold, groups.size(), ems, rng);
        Arrays.fill(ems, (byte) 0);
        List<List<Share>> out = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            GroupSpec spec = groups.get(g);
            byte[][] members = SecretSharing.split(spec.memberThreshold(), spec.memberCount(), groupShares[g], rng);
            List<Share> list = new ArrayList<>(members.length);
            for (int m = 0; m < members.length; m++) {
                list.add(new Share(identifier, extendable, iterationExponent, g, groupThreshold, groups.size(),
                        m, spec.memberThreshold(), members[m]));
                Arrays.fill(members[m], (byte) 0);
            }
            Arrays.fill(groupShares[g], (byte) 0);
            out.add(List.copyOf(list));
        }
        return List.copyOf(out);
    }

    private static void checkLayout(int groupThreshold, List<GroupSpec> groups, int e)
            throws InvalidGroupLayoutException {
        if (e < 0 || e > MAX_ITERATION_EXPONENT) {
            throw new InvalidGroupLayoutException("iteration exponent " + e + " outside 0.." + MAX_ITERATION_EXPONENT);
        }
        if (groups.isEmpty() || groups.size() > MAX_SHARE_COUNT) {
            throw new InvalidGroupLayoutException(groups.size() + " groups: must be 1.." + MAX_SHARE_COUNT);
        }
        if (groupThreshold < 1 || groupThreshold > groups.size()) {
            throw new InvalidGroupLayoutException("group threshold " + groupThreshold + " must be 1.." + groups.size()
                    + " (the number of groups)");
        }
        for (int g = 0; g < groups.size(); g++) {
            GroupSpec s = groups.get(g);
            String name = "group " + (g + 1) + " (" + s + "): ";
            if (s.memberCount() < 1 || s.memberCount() > MAX_SHARE_COUNT) {
                throw new InvalidGroupLayoutException(name + "member count must be 1.." + MAX_SHARE_COUNT);
            }
            if (s.memberThreshold() < 1 || s.memberThreshold() > s.memberCount()) {
                throw new InvalidGroupLayoutException(name + "member threshold must be 1.." + s.memberCount());
            }
            if (s.memberThreshold() == 1 && s.memberCount() > 1) {
                throw new InvalidGroupLayoutException(name + "member threshold 1 with more than one member is not"
                        + " allowed; use a 1/1 group and copy its share");
            }
        }
    }

    static void checkPassphrase(byte[] passphrase) throws InvalidPassphraseException {
        for (int i = 0; i < passphrase.length; i++) {
            if (passphrase[i] < 32 || passphrase[i] > 126) {
                throw new InvalidPassphraseException(i + 1);
            }
        }
    }

    /**
     * Combines share mnemonics into the master secret (SLIP-0039, "Combining the shares").
     * Exactly GT groups with exactly T shares each must be given, as the spec requires; an
     * exact duplicate of a share is ignored. A wrong passphrase is NOT detected: it yields a
     * different secret of the same length.
     *
     * @param mnemonics  share mnemonics (case, extra spaces and 4-letter abbreviations tolerated);
     *                   errors name a share by its 1-based position in this list
     * @param passphrase printable ASCII bytes, empty for none; not modified
     * @return the master secret, as many bytes as each share value; the caller should wipe it
     * @throws ShamirException per share: {@link UnknownWordException}, {@link InvalidMnemonicLengthException},
     *         {@link InvalidChecksumException}, {@link InvalidShareException}, {@link InvalidPaddingException};
     *         per set: {@link NoSharesException}, {@link MixedIdentifiersException},
     *         {@link MixedIterationExponentsException}, {@link MismatchedParameterException},
     *         {@link DuplicateMemberIndexException}, {@link InsufficientGroupsException},
     *         {@link InsufficientSharesException}, {@link ExcessSharesException},
     *         {@link DigestMismatchException}; {@link InvalidPassphraseException}
     */
    public static byte[] combine(List<String> mnemonics, byte[] passphrase) throws ShamirException {
        return combineShares(parseAll(mnemonics), passphrase);
    }

    /** As {@link #combine} for shares already parsed; positions are 1-based positions in this list. */
    public static byte[] combineShares(List<Share> shares, byte[] passphrase) throws ShamirException {
        checkPassphrase(passphrase);
        ShareSet set = ShareSet.of(shares);
        int gt = set.groupThreshold();
        if (set.groups.size() < gt) {
            throw new InsufficientGroupsException(set.groups.size(), gt, CeremonyStatus.of(shares).summary());
        }
        if (set.groups.size() > gt) {
            throw new ExcessSharesException(set.groups.size() + " groups given but exactly " + gt
                    + " are needed; leave out " + (set.groups.size() - gt));
        }
        for (Map.Entry<Integer, List<ShareSet.Positioned>> e : set.groups.entrySet()) {
            int t = e.getValue().get(0).share().memberThreshold();
            int n = e.getValue().size();
            if (n < t) {
                throw new InsufficientSharesException(e.getKey(), n, t);
            }
            if (n > t) {
                throw new ExcessSharesException("group " + (e.getKey() + 1) + ": " + n + " shares given but exactly "
                        + t + " are needed; leave out " + (n - t));
            }
        }
        int[] groupXs = new int[gt];
        byte[][] groupYs = new byte[gt][];
        int k = 0;
        try {
            for (Map.Entry<Integer, List<ShareSet.Positioned>> e : set.groups.entrySet()) {
                List<ShareSet.Positioned> members = e.getValue();
                int[] xs = new int[members.size()];
                byte[][] ys = new byte[members.size()][];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = members.get(i).share().memberIndex();
                    ys[i] = members.get(i).share().valueRef();
                }
                groupXs[k] = e.getKey();
                groupYs[k] = SecretSharing.recover(members.get(0).share().memberThreshold(), xs, ys, e.getKey());
                k++;
            }
            byte[] ems = SecretSharing.recover(gt, groupXs, groupYs, -1);
            try {
                Share a = set.first;
                return FeistelCipher.decrypt(ems, passphrase, a.iterationExponent(), a.identifier(), a.extendable());
            } finally {
                Arrays.fill(ems, (byte) 0);
            }
        } finally {
            for (byte[] y : groupYs) {
                if (y != null) {
                    Arrays.fill(y, (byte) 0);
                }
            }
        }
    }

    /**
     * Parses mnemonics, naming errors by 1-based position in the list.
     *
     * @throws ShamirException the first share that does not decode (see {@link Share#parse(String, int)})
     */
    public static List<Share> parseAll(List<String> mnemonics) throws ShamirException {
        List<Share> shares = new ArrayList<>(mnemonics.size());
        for (int i = 0; i < mnemonics.size(); i++) {
            shares.add(Share.parse(mnemonics.get(i), i + 1));
        }
        return shares;
    }

    /**
     * Splits text into one mnemonic per line, as the CLI reads stdin: blank lines are dropped and
     * surrounding spaces trimmed.
     *
     * @param text lines separated by \n, \r\n or \r
     * @return the non-blank lines, trimmed, in order
     */
    public static List<String> mnemonicsFromText(String text) {
        return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
