package io.countersign.shamir;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The SLIP-0039 word list: 1024 English words, alphabetically sorted, 4 to 8 letters, each
 * with a unique 4-letter prefix (SLIP-0039, "Wordlist"). A word's position is its 10-bit
 * value. Shipped as the resource {@code slip39-wordlist.txt}.
 */
public final class Wordlist {
    /** Number of words: 2^10 (SLIP-0039 RADIX). */
    public static final int SIZE = 1024;

    static final WordMatcher LIST = WordMatcher.load("slip39-wordlist.txt", SIZE);

    private Wordlist() { }

    /** All 1024 words in list order; unmodifiable. */
    public static List<String> words() {
        return LIST.words();
    }

    /**
     * The word with the given 10-bit value.
     *
     * @param index 0..1023
     * @throws IndexOutOfBoundsException outside 0..1023
     */
    public static String word(int index) {
        return LIST.word(index);
    }

    /**
     * The 10-bit value of a word, ignoring case and surrounding spaces. An abbreviation of at
     * least four letters that starts exactly one word (e.g. "acad" for "academic") is accepted,
     * as on SLIP-0039 metal backups.
     *
     * @return 0..1023, or empty when the word is not in the list
     */
    public static OptionalInt indexOf(String word) {
        int i = LIST.lookup(word.strip().toLowerCase(Locale.ROOT));
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /**
     * Words starting with a prefix, for completion in a share entry field. Since every word
     * has a unique 4-letter prefix, a prefix of four or more letters yields at most one word.
     *
     * @param prefix letters typed so far (case and surrounding spaces ignored); "" gives all words
     * @return matching words in list order, possibly empty
     */
    public static List<String> complete(String prefix) {
        return LIST.complete(prefix.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Up to three list words nearest to a word that is not in the list (edit distance with
     * transpositions), nearest first. Meant as a hint next to an {@link UnknownWordException}.
     */
    public static List<String> suggest(String word) {
        return LIST.suggest(word.strip().toLowerCase(Locale.ROOT), 3);
    }
}
