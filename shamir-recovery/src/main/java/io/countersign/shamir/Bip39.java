package io.countersign.shamir;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * BIP-39 phrases (English list, shipped as {@code bip39-english.txt}) to entropy and back, so
 * a BIP-39 wallet's entropy can be split with SLIP-0039 and its phrase rebuilt after
 * combining. Only the entropy is handled: the BIP-39 seed (PBKDF2-HMAC-SHA512 of the phrase)
 * is not computed here.
 */
public final class Bip39 {
    /** Number of words in the English BIP-39 list. */
    public static final int SIZE = 2048;

    static final WordMatcher LIST = WordMatcher.load("bip39-english.txt", SIZE);

    private Bip39() { }

    /**
     * Entropy of a BIP-39 phrase, checksum verified (BIP-39, "Generating the mnemonic" in reverse).
     * Case and spacing are ignored; a word may be abbreviated to its first four (or more) letters.
     *
     * @param phrase 12, 15, 18, 21 or 24 English BIP-39 words
     * @return 16, 20, 24, 28 or 32 bytes of entropy; the caller should wipe it
     * @throws InvalidBip39Exception wrong word count, unknown word (with suggestions) or bad checksum
     */
    public static byte[] toEntropy(String phrase) throws InvalidBip39Exception {
        String[] words = WordMatcher.tokens(phrase);
        int n = words.length;
        if (n < 12 || n > 24 || n % 3 != 0) {
            throw new InvalidBip39Exception(InvalidBip39Exception.Reason.WORD_COUNT,
                    n + " words: a BIP-39 phrase has 12, 15, 18, 21 or 24 words", 0, List.of());
        }
        int totalBits = n * 11;
        int checksumBits = totalBits / 33;
        int entropyBytes = (totalBits - checksumBits) / 8;
        byte[] bits = new byte[(totalBits + 7) / 8];
        try {
            for (int i = 0; i < n; i++) {
                int idx = LIST.lookup(words[i]);
                if (idx < 0) {
                    List<String> hints = LIST.suggest(words[i], 3);
                    throw new InvalidBip39Exception(InvalidBip39Exception.Reason.UNKNOWN_WORD,
                            "word " + (i + 1) + " \"" + words[i] + "\" is not in the BIP-39 English list"
                                    + (hints.isEmpty() ? "" : "; nearest: " + String.join(", ", hints)), i + 1, hints);
                }
                for (int b = 0; b < 11; b++) {
                    if (((idx >>> (10 - b)) & 1) != 0) {
                        int pos = i * 11 + b;
                        bits[pos / 8] |= (byte) (0x80 >>> (pos % 8));
                    }
                }
            }
            byte[] entropy = Arrays.copyOf(bits, entropyBytes);
            int expected = (sha256(entropy)[0] & 0xFF) >>> (8 - checksumBits);
            int actual = (bits[entropyBytes] & 0xFF) >>> (8 - checksumBits);
            if (expected != actual) {
                Arrays.fill(entropy, (byte) 0);
                throw new InvalidBip39Exception(InvalidBip39Exception.Reason.CHECKSUM,
                        "BIP-39 checksum does not match: a word is wrong or out of order", 0, List.of());
            }
            return entropy;
        } finally {
            Arrays.fill(bits, (byte) 0);
        }
    }

    /**
     * The BIP-39 phrase for entropy (BIP-39, "Generating the mnemonic").
     *
     * @param entropy 16, 20, 24, 28 or 32 bytes; not modified
     * @return 12..24 lower-case words separated by single spaces
     * @throws InvalidBip39Exception entropy of another length
     */
    public static String fromEntropy(byte[] entropy) throws InvalidBip39Exception {
        if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
            throw new InvalidBip39Exception(InvalidBip39Exception.Reason.ENTROPY_LENGTH,
                    entropy.length + " bytes of entropy: BIP-39 takes 16, 20, 24, 28 or 32", 0, List.of());
        }
        int checksumBits = entropy.length / 4;
        byte[] bits = Arrays.copyOf(entropy, entropy.length + 1);
        bits[entropy.length] = sha256(entropy)[0];
        int n = (entropy.length * 8 + checksumBits) / 11;
        List<String> words = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int idx = 0;
            for (int b = 0; b < 11; b++) {
                int pos = i * 11 + b;
                idx = (idx << 1) | ((bits[pos / 8] >>> (7 - pos % 8)) & 1);
            }
            words.add(LIST.word(idx));
        }
        Arrays.fill(bits, (byte) 0);
        return String.join(" ", words);
    }

    /** English BIP-39 words starting with a prefix, for completion; "" gives all 2048. */
    public static List<String> complete(String prefix) {
        return LIST.complete(prefix.strip().toLowerCase(Locale.ROOT));
    }

    /** All 2048 English BIP-39 words in list order; unmodifiable. */
    public static List<String> words() {
        return LIST.words();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
