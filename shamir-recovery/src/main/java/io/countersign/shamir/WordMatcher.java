package io.countersign.shamir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A sorted word list with lookups shared by the SLIP-0039 and BIP-39 lists: exact lookup,
 * abbreviation (a typed word of at least four letters that is a prefix of exactly one list
 * word; both lists have unique 4-letter prefixes), prefix completion and nearest-word hints.
 */
final class WordMatcher {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Minimum letters of a typed abbreviation; both lists have unique 4-letter prefixes. */
    static final int ABBREVIATION_LETTERS = 4;

    private final List<String> words;
    private final Map<String, Integer> index = new HashMap<>();

    private WordMatcher(List<String> words) {
        this.words = List.copyOf(words);
        for (int i = 0; i < words.size(); i++) {
            index.put(words.get(i), i);
        }
    }

    static WordMatcher load(String resource, int expectedSize) {
        try (InputStream in = WordMatcher.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            List<String> list = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (list.size() != expectedSize) {
                throw new IllegalStateException(resource + " has " + list.size() + " words, expected " + expectedSize);
            }
            return new WordMatcher(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a phrase on any whitespace after trimming and lower-casing; never null. */
    static String[] tokens(String phrase) {
        String norm = phrase.strip().toLowerCase(Locale.ROOT);
        return norm.isEmpty() ? new String[0] : WHITESPACE.split(norm);
    }

    List<String> words() { return words; }

    String word(int i) { return words.get(i); }

    int size() { return words.size(); }

    /** Index of an exact word or of an unambiguous abbreviation of at least 4 letters; -1 if none. */
    int lookup(String typed) {
        Integer exact = index.get(typed);
        if (exact != null) {
            return exact;
        }
        if (typed.length() < ABBREVIATION_LETTERS) {
            return -1;
        }
        List<String> candidates = complete(typed);
        return candidates.size() == 1 ? index.get(candidates.get(0)) : -1;
    }

    /** All list words starting with the given (lower-case) prefix, in list order. */
    List<String> complete(String prefix) {
        int start = insertionPoint(prefix);
        List<String> out = new ArrayList<>();
        for (int i = start; i < words.size() && words.get(i).startsWith(prefix); i++) {
            out.add(words.get(i));
        }
        return out;
    }

    private int insertionPoint(String prefix) {
        int lo = 0;
        int hi = words.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (words.get(mid).compareTo(prefix) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Up to {@code max} nearest list words by Damerau-Levenshtein distance, nearest first. */
    List<String> suggest(String typed, int max) {
        record Scored(String word, int distance, int order) { }
        List<Scored> scored = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            int d = distance(typed, w);
            if (typed.length() >= 3 && w.startsWith(typed.substring(0, 3))) {
                d = Math.max(0, d - 1);
            }
            scored.add(new Scored(w, d, i));
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::order));
        int best = scored.isEmpty() ? 0 : scored.get(0).distance();
        return scored.stream().filter(s -> s.distance() <= best + 1).limit(max).map(Scored::word).toList();
    }

    /** Optimal-string-alignment (restricted Damerau-Levenshtein) distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
