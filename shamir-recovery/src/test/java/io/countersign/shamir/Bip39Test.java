package io.countersign.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** BIP-39 entropy in and out against trezor/python-mnemonic's English vectors. */
class Bip39Test {

    @SuppressWarnings("unchecked")
    static List<List<String>> vectors() throws IOException {
        try (InputStream in = Bip39Test.class.getResourceAsStream("bip39-vectors.json")) {
            Map<String, Object> m = (Map<String, Object>) MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (List<List<String>>) m.get("english");
        }
    }

    @TestFactory
    Stream<DynamicTest> vectorsConvertBothWays() throws IOException {
        return vectors().stream().map(v -> dynamicTest(v.get(0), () -> {
            assertEquals(v.get(0), TestSupport.hex(Bip39.toEntropy(v.get(1))));
            assertEquals(v.get(1), Bip39.fromEntropy(TestSupport.hex(v.get(0))));
        }));
    }

    @Test
    void phraseInputToleratesCaseSpacesAndAbbreviations() throws Exception {
        assertEquals("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
                TestSupport.hex(Bip39.toEntropy("  LEGAL winn  thank year\twave sausage worth useful legal winner thank yellow\n")));
    }

    @Test
    void wrongLastWordFailsTheChecksum() {
        InvalidBip39Exception e = assertThrows(InvalidBip39Exception.class, () -> Bip39.toEntropy(
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"));
        assertEquals(InvalidBip39Exception.Reason.CHECKSUM, e.reason());
    }

    @Test
    void unknownWordIsNamedWithSuggestions() {
        InvalidBip39Exception e = assertThrows(InvalidBip39Exception.class, () -> Bip39.toEntropy(
                "legal winner thank year wave sausqge worth useful legal winner thank yellow"));
        assertEquals(InvalidBip39Exception.Reason.UNKNOWN_WORD, e.reason());
        assertEquals(6, e.wordPosition());
        assertEquals("sausage", e.suggestions().get(0));
    }

    @Test
    void wordCountAndEntropyLengthAreChecked() {
        assertEquals(InvalidBip39Exception.Reason.WORD_COUNT,
                assertThrows(InvalidBip39Exception.class, () -> Bip39.toEntropy("zoo zoo zoo")).reason());
        assertEquals(InvalidBip39Exception.Reason.ENTROPY_LENGTH,
                assertThrows(InvalidBip39Exception.class, () -> Bip39.fromEntropy(new byte[18])).reason());
    }

    @Test
    void bip39EntropySurvivesASlip39Split() throws Exception {
        String phrase = "disagree tomato unique attend aspect runway solid violin witness scrap armed daring"
                + " favorite warm decade perfect target kid grant play early wide cigar night";
        byte[] entropy = Bip39.toEntropy(phrase);
        List<List<String>> shares = Slip39.split(entropy, new byte[0], 1, List.of(new GroupSpec(2, 3)), 0, true,
                TestSupport.seeded(7));
        byte[] back = Slip39.combine(List.of(shares.get(0).get(2), shares.get(0).get(0)), new byte[0]);
        assertEquals(phrase, Bip39.fromEntropy(back));
        assertTrue(shares.get(0).get(0).split(" ").length == 33, "256-bit secret gives 33-word shares");
    }
}
