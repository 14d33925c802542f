package io.countersign.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped word lists are exactly the published ones, and the lookups behave. */
class WordlistTest {

    /**
     * SHA-256 of the shipped file (one word per line, "\n"-terminated). The list was taken from two
     * independent copies that agree word for word: the npm package slip39 0.1.9 (WORD_LIST) and a
     * published Go copy found through the code index; its first/last words and criteria are
     * checked below as well.
     */
    private static final String SLIP39_SHA256 = "bcc4555340332d169718aed8bf31dd9d5248cb7da6e5d355140ef4f1e601eec3";
    /** Well-known SHA-256 of BIP-39 english.txt (bitcoin/bips); the shipped copy is web3j's, identical to ethers'. */
    private static final String BIP39_SHA256 = "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";

    private static String sha256(String resource) throws Exception {
        try (InputStream in = Wordlist.class.getResourceAsStream(resource)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    void slip39ListIsThePublishedOne() throws Exception {
        assertEquals(SLIP39_SHA256, sha256("slip39-wordlist.txt"));
        List<String> w = Wordlist.words();
        assertEquals(1024, w.size());
        assertEquals("academic", w.get(0));
        assertEquals("zero", w.get(1023));
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < w.size(); i++) {
            String word = w.get(i);
            assertTrue(word.length() >= 4 && word.length() <= 8, word);
            assertTrue(word.matches("[a-z]+"), word);
            assertTrue(prefixes.add(word.substring(0, 4)), "4-letter prefix not unique: " + word);
            if (i > 0) {
                assertTrue(w.get(i - 1).compareTo(word) < 0, "not sorted at " + word);
            }
        }
    }

    @Test
    void bip39ListIsThePublishedOne() throws Exception {
        assertEquals(BIP39_SHA256, sha256("bip39-english.txt"));
        assertEquals(2048, Bip39.words().size());
        assertEquals("abandon", Bip39.words().get(0));
        assertEquals("zoo", Bip39.words().get(2047));
    }

    @Test
    void completionAfterFourLettersIsUnique() {
        assertEquals(List.of("academic"), Wordlist.complete("acad"));
        assertEquals(List.of("academic", "acid", "acne", "acquire", "acrobat", "activity", "actress"),
                Wordlist.complete(" AC "));
        assertEquals(List.of(), Wordlist.complete("qqq"));
        assertEquals(1024, Wordlist.complete("").size());
    }

    @Test
    void lookupAcceptsCaseSpacesAndFourLetterAbbreviations() {
        assertEquals(OptionalInt.of(0), Wordlist.indexOf(" Academic "));
        assertEquals(OptionalInt.of(0), Wordlist.indexOf("ACAD"));
        assertEquals(OptionalInt.of(1023), Wordlist.indexOf("zero"));
        assertEquals(OptionalInt.empty(), Wordlist.indexOf("aca"), "three letters are not enough");
        assertEquals(OptionalInt.empty(), Wordlist.indexOf("acadx"), "an abbreviation must be a prefix");
    }

    @Test
    void suggestionsPutTheIntendedWordFirst() {
        assertEquals("academic", Wordlist.suggest("acadmic").get(0));
        assertEquals("satoshi", Wordlist.suggest("satoshy").get(0));
        assertTrue(Wordlist.suggest("bqxyz").size() <= 3);
    }
}
