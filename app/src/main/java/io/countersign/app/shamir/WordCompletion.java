package io.countersign.app.shamir;

import io.countersign.shamir.Wordlist;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Word completion for typing a share: the word under the caret, its number in the share, and
 * the SLIP-39 word it completes to. SLIP-39 words are unique in their first four letters, so
 * four letters decide the word; fewer letters give a short list of candidates.
 *
 * @param start      index in the text where the current word starts
 * @param end        index where it ends (the caret)
 * @param prefix     the letters typed, lower case
 * @param wordNumber 1-based number of the word in the share
 * @param candidates list words starting with {@code prefix} (at most {@link #MAX_CANDIDATES})
 */
public record WordCompletion(int start, int end, String prefix, int wordNumber, List<String> candidates) {
    /** Letters after which a prefix is unique in the SLIP-39 list. */
    public static final int UNIQUE_PREFIX = 4;
    /** Candidates shown for a shorter prefix. */
    public static final int MAX_CANDIDATES = 6;

    /** The word being typed at {@code caretPosition} in {@code text} (clamped to the text). */
    public static WordCompletion at(String text, int caretPosition) {
        int caret = Math.max(0, Math.min(caretPosition, text.length()));
        int start = caret;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        String before = text.substring(0, start).strip();
        int number = before.isEmpty() ? 1 : before.split("\\s+").length + 1;
        String prefix = text.substring(start, caret).toLowerCase(Locale.ROOT);
        List<String> all = prefix.isEmpty() ? List.of() : Wordlist.complete(prefix);
        return new WordCompletion(start, caret, prefix, number, all.subList(0, Math.min(all.size(), MAX_CANDIDATES)));
    }

    /** The single word four or more typed letters complete to. */
    public Optional<String> completion() {
        return prefix.length() >= UNIQUE_PREFIX && candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
    }

    /** A one-line hint for the entry field, e.g. {@code word 5 · acad → academic (Space or Tab completes)}. */
    public String hint() {
        if (prefix.isEmpty()) {
            return "word " + wordNumber + ": type its first letters; four letters are enough";
        }
        Optional<String> word = completion();
        if (word.isPresent()) {
            return word.get().equals(prefix)
                    ? "word " + wordNumber + " · " + prefix + " ✓"
                    : "word " + wordNumber + " · " + prefix + " → " + word.get() + "   (Space or Tab completes)";
        }
        if (candidates.isEmpty()) {
            List<String> near = Wordlist.suggest(prefix);
            return "word " + wordNumber + " · \"" + prefix + "\" is not in the SLIP-39 word list"
                    + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near));
        }
        return "word " + wordNumber + " · " + String.join(", ", candidates) + (candidates.size() == MAX_CANDIDATES ? ", …" : "");
    }
}
