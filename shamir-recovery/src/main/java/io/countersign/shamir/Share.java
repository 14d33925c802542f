package io.countersign.shamir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One decoded SLIP-0039 share mnemonic (SLIP-0039, "Format of the share mnemonic"):
 * <pre>
 * | id 15 bits | ext 1 | e 4 | GI 4 | Gt 4 | g 4 | I 4 | t 4 | padded value | checksum 30 |
 * </pre>
 * Thresholds and counts are held here as their real values (1..16), indices as the 0-based
 * values of the format. Immutable; {@link #value()} returns a copy. {@link #toString()}
 * shows the parameters only, never the value or the words.
 */
public final class Share {
    /** Length of the identifier in bits. */
    public static final int ID_LENGTH_BITS = 15;
    /** Length of the iteration exponent in bits. */
    public static final int ITERATION_EXP_LENGTH_BITS = 4;
    /** Words holding identifier, extendable flag and iteration exponent (20 bits). */
    static final int ID_EXP_LENGTH_WORDS = 2;
    /** Words of a share that are not the share value: 2 + 2 group/member words + 3 checksum. */
    static final int METADATA_LENGTH_WORDS = ID_EXP_LENGTH_WORDS + 2 + Rs1024.CHECKSUM_LENGTH_WORDS;
    /** Minimum share length: metadata + 13 words for a 128-bit value. */
    public static final int MIN_MNEMONIC_LENGTH_WORDS = METADATA_LENGTH_WORDS + 13;
    private static final int RADIX_BITS = 10;

    private final int identifier;
    private final boolean extendable;
    private final int iterationExponent;
    private final int groupIndex;
    private final int groupThreshold;
    private final int groupCount;
    private final int memberIndex;
    private final int memberThreshold;
    private final byte[] value;

    /**
     * A share from its fields; the value is copied.
     *
     * @param identifier        0..32767
     * @param iterationExponent 0..15
     * @param groupIndex        0..15
     * @param groupThreshold    1..16, not above groupCount
     * @param groupCount        1..16
     * @param memberIndex       0..15
     * @param memberThreshold   1..16
     * @param value             share value, at least 16 bytes, even length
     * @throws IllegalArgumentException if a field is out of range
     */
    public Share(int identifier, boolean extendable, int iterationExponent, int groupIndex,
                 int groupThreshold, int groupCount, int memberIndex, int memberThreshold, byte[] value) {
        check(identifier, 0, (1 << ID_LENGTH_BITS) - 1, "identifier");
        check(iterationExponent, 0, 15, "iteration exponent");
        check(groupIndex, 0, 15, "group index");
        check(groupCount, 1, 16, "group count");
        check(groupThreshold, 1, groupCount, "group threshold");
        check(memberIndex, 0, 15, "member index");
        check(memberThreshold, 1, 16, "member threshold");
        if (value.length < 16 || value.length % 2 != 0) {
            throw new IllegalArgumentException("share value must be at least 16 bytes and even, got " + value.length);
        }
        this.identifier = identifier;
        this.extendable = extendable;
        this.iterationExponent = iterationExponent;
        this.groupIndex = groupIndex;
        this.groupThreshold = groupThreshold;
        this.groupCount = groupCount;
        this.memberIndex = memberIndex;
        this.memberThreshold = memberThreshold;
        this.value = value.clone();
    }

    private static void check(int v, int min, int max, String name) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " " + v + " outside " + min + ".." + max);
        }
    }

    /**
     * Decodes a share mnemonic; see {@link #parse(String, int)}. Errors say "the share".
     */
    public static Share parse(String mnemonic) throws ShamirException {
        return parse(mnemonic, 0);
    }

    /**
     * Decodes a share mnemonic. Case, surrounding spaces and repeated spaces are ignored, and
     * a word may be abbreviated to its first four (or more) letters.
     *
     * @param mnemonic the words of one share (20 words for 128 bits, 33 for 256 bits)
     * @param position 1-based position of the share in the caller's input, used in errors; 0 if none
     * @throws UnknownWordException           a word is not in the SLIP-0039 list
     * @throws InvalidMnemonicLengthException fewer than 20 words, or a count needing more than 8 padding bits
     * @throws InvalidChecksumException       the RS1024 checksum fails
     * @throws InvalidShareException          the group threshold exceeds the group count
     * @throws InvalidPaddingException        the padding bits are not zero
     */
    public static Share parse(String mnemonic, int position) throws ShamirException {
        String[] tokens = WordMatcher.tokens(mnemonic);
        int[] data = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            data[i] = Wordlist.LIST.lookup(tokens[i]);
            if (data[i] < 0) {
                throw new UnknownWordException(position, i + 1, tokens[i], Wordlist.LIST.suggest(tokens[i], 3));
            }
        }
        try {
            return decode(data, position);
        } finally {
            Arrays.fill(data, 0);
        }
    }

    private static Share decode(int[] data, int position) throws ShamirException {
        if (data.length < MIN_MNEMONIC_LENGTH_WORDS) {
            throw new InvalidMnemonicLengthException(position, data.length,
                    "at least " + MIN_MNEMONIC_LENGTH_WORDS + " words are needed");
        }
        int valueWords = data.length - METADATA_LENGTH_WORDS;
        int paddingBits = (RADIX_BITS * valueWords) % 16;
        if (paddingBits > 8) {
            throw new InvalidMnemonicLengthException(position, data.length,
                    "the share value would need " + paddingBits + " padding bits");
        }
        int idExp = (data[0] << RADIX_BITS) | data[1];
        int identifier = idExp >>> (ITERATION_EXP_LENGTH_BITS + 1);
        boolean extendable = ((idExp >>> ITERATION_EXP_LENGTH_BITS) & 1) == 1;
        int exponent = idExp & ((1 << ITERATION_EXP_LENGTH_BITS) - 1);
        if (!Rs1024.verify(data, extendable)) {
            throw new InvalidChecksumException(position);
        }
        int params = (data[2] << RADIX_BITS) | data[3];
        int groupIndex = (params >>> 16) & 0xF;
        int groupThreshold = ((params >>> 12) & 0xF) + 1;
        int groupCount = ((params >>> 8) & 0xF) + 1;
        int memberIndex = (params >>> 4) & 0xF;
        int memberThreshold = (params & 0xF) + 1;
        if (groupThreshold > groupCount) {
            throw new InvalidShareException(position, "group threshold " + groupThreshold
                    + " is greater than group count " + groupCount);
        }
        int firstValueWord = data[ID_EXP_LENGTH_WORDS + 2];
        if (paddingBits > 0 && (firstValueWord >>> (RADIX_BITS - paddingBits)) != 0) {
            throw new InvalidPaddingException(position);
        }
        byte[] value = new byte[(RADIX_BITS * valueWords - paddingBits) / 8];
        long acc = 0;
        int bits = 0;
        int out = 0;
        for (int i = 0; i < valueWords; i++) {
            acc = (acc << RADIX_BITS) | data[ID_EXP_LENGTH_WORDS + 2 + i];
            bits += RADIX_BITS;
            if (i == 0) {
                bits -= paddingBits;
                acc &= (1L << bits) - 1;
            }
            while (bits >= 8) {
                value[out++] = (byte) (acc >>> (bits - 8));
                bits -= 8;
                acc &= (1L << bits) - 1;
            }
        }
        try {
            return new Share(identifier, extendable, exponent, groupIndex, groupThreshold, groupCount,
                    memberIndex, memberThreshold, value);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    /** The share as 10-bit word values, checksum included. */
    int[] indices() {
        int valueWords = (value.length * 8 + RADIX_BITS - 1) / RADIX_BITS;
        int[] data = new int[METADATA_LENGTH_WORDS + valueWords];
        int idExp = (identifier << (ITERATION_EXP_LENGTH_BITS + 1)) | ((extendable ? 1 : 0) << ITERATION_EXP_LENGTH_BITS)
                | iterationExponent;
        data[0] = idExp >>> RADIX_BITS;
        data[1] = idExp & 1023;
        int params = (groupIndex << 16) | ((groupThreshold - 1) << 12) | ((groupCount - 1) << 8)
                | (memberIndex << 4) | (memberThreshold - 1);
        data[2] = params >>> RADIX_BITS;
        data[3] = params & 1023;
        // value as a big-endian integer left-padded with zero bits to valueWords * 10 bits
        int paddingBits = valueWords * RADIX_BITS - value.length * 8;
        long acc = 0;
        int bits = paddingBits;
        int w = ID_EXP_LENGTH_WORDS + 2;
        for (byte b : value) {
            acc = (acc << 8) | (b & 0xFF);
            bits += 8;
            if (bits >= RADIX_BITS) {
                data[w++] = (int) (acc >>> (bits - RADIX_BITS)) & 1023;
                bits -= RADIX_BITS;
                acc &= (1L << bits) - 1;
            }
        }
        int[] payload = Arrays.copyOf(data, data.length - Rs1024.CHECKSUM_LENGTH_WORDS);
        int[] checksum = Rs1024.create(payload, extendable);
        System.arraycopy(checksum, 0, data, payload.length, checksum.length);
        Arrays.fill(payload, 0);
        return data;
    }

    /** The share's words, lower case, checksum included. */
    public List<String> words() {
        int[] data = indices();
        List<String> words = new ArrayList<>(data.length);
        for (int i : data) {
            words.add(Wordlist.word(i));
        }
        Arrays.fill(data, 0);
        return List.copyOf(words);
    }

    /** The share mnemonic: its words separated by single spaces. */
    public String mnemonic() {
        return String.join(" ", words());
    }

    /** 15-bit random identifier common to all shares of one split (0..32767). */
    public int identifier() { return identifier; }

    /** The extendable backup flag: the salt omits the identifier and the checksum uses "shamir_extendable". */
    public boolean extendable() { return extendable; }

    /** Iteration exponent e (0..15): PBKDF2 runs (10000 &lt;&lt; e) / 4 iterations in each of 4 rounds. */
    public int iterationExponent() { return iterationExponent; }

    /** Group index GI (0-based, 0..15); shown to people as group {@code groupIndex + 1}. */
    public int groupIndex() { return groupIndex; }

    /** Group threshold GT (1..16): how many groups recover the secret. */
    public int groupThreshold() { return groupThreshold; }

    /** Group count G (1..16). */
    public int groupCount() { return groupCount; }

    /** Member index I (0-based, 0..15) within the group. */
    public int memberIndex() { return memberIndex; }

    /** Member threshold T (1..16): how many shares of this group recover the group share. */
    public int memberThreshold() { return memberThreshold; }

    /** A copy of the share value (as many bytes as the master secret). Wipe it after use. */
    public byte[] value() { return value.clone(); }

    /** Length of the share value in bytes (= master secret length). */
    public int valueLength() { return value.length; }

    /** Value bytes without copying, for this package. */
    byte[] valueRef() { return value; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Share s && identifier == s.identifier && extendable == s.extendable
                && iterationExponent == s.iterationExponent && groupIndex == s.groupIndex
                && groupThreshold == s.groupThreshold && groupCount == s.groupCount
                && memberIndex == s.memberIndex && memberThreshold == s.memberThreshold
                && java.security.MessageDigest.isEqual(value, s.value);
    }

    @Override
    public int hashCode() {
        return ((identifier * 31 + groupIndex) * 31 + memberIndex) * 31 + value.length;
    }

    /** Parameters only, e.g. {@code Share[id=1234, ext, e=1, group 1 of 2 (GT 2), member 3 (T 3), 16 bytes]}. */
    @Override
    public String toString() {
        return "Share[id=" + identifier + (extendable ? ", ext" : "") + ", e=" + iterationExponent
                + ", group " + (groupIndex + 1) + " of " + groupCount + " (GT " + groupThreshold + ")"
                + ", member " + (memberIndex + 1) + " (T " + memberThreshold + "), " + value.length + " bytes]";
    }
}
