package io.countersign.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The official SLIP-0039 vectors (trezor/python-shamir-mnemonic vectors.json, copied to
 * test-vectors/slip39): every valid set combines to the exact master secret with passphrase
 * "TREZOR"; every invalid set is rejected with the exception its description names.
 */
class Slip39VectorsTest {

    /** A vector: description, mnemonics, master secret hex ("" = invalid), BIP-32 xprv. */
    record Vector(String description, List<String> mnemonics, String secretHex, String xprv) { }

    @SuppressWarnings("unchecked")
    static List<Vector> load() {
        List<Object> raw = (List<Object>) MiniJson.parse(
                TestSupport.read(TestSupport.vectors().resolve("slip39/vectors.json")));
        List<Vector> out = new ArrayList<>();
        for (Object o : raw) {
            List<Object> v = (List<Object>) o;
            out.add(new Vector((String) v.get(0), (List<String>) (List<?>) v.get(1), (String) v.get(2), (String) v.get(3)));
        }
        return out;
    }

    @Test
    void vectorFileHasBothKinds() {
        List<Vector> all = load();
        assertEquals(34, all.size(), "test-vectors/slip39 holds 34 upstream cases (PROVENANCE.md)");
        assertTrue(all.stream().anyMatch(v -> v.secretHex().isEmpty()));
        assertTrue(all.stream().anyMatch(v -> v.description().toLowerCase(Locale.ROOT).contains("extendable")));
    }

    @TestFactory
    Stream<DynamicTest> validSetsCombineToTheExactSecret() {
        return load().stream().filter(v -> !v.secretHex().isEmpty()).map(v -> dynamicTest(v.description(), () -> {
            byte[] secret = Slip39.combine(v.mnemonics(), TestSupport.TREZOR);
            assertEquals(v.secretHex(), TestSupport.hex(secret));
            assertEquals(v.xprv(), Bip32Xprv.masterXprv(secret), "BIP-32 master key of the recovered secret");
        }));
    }

    @TestFactory
    Stream<DynamicTest> validSharesReEncodeToTheSameWords() {
        return load().stream().filter(v -> !v.secretHex().isEmpty()).flatMap(v -> v.mnemonics().stream())
                .map(m -> dynamicTest(m.substring(0, m.indexOf(' ', m.indexOf(' ') + 1)), () -> {
                    Share s = Share.parse(m);
                    assertEquals(m, s.mnemonic());
                    assertEquals(s, Share.parse("  " + m.toUpperCase(Locale.ROOT).replace(" ", "   ") + " \n"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> invalidSetsAreRejectedForTheRightReason() {
        return load().stream().filter(v -> v.secretHex().isEmpty()).map(v -> dynamicTest(v.description(), () -> {
            Consumer<ShamirException> check = expectationFor(v);
            ShamirException e = assertThrows(ShamirException.class, () -> Slip39.combine(v.mnemonics(), TestSupport.TREZOR));
            check.accept(e);
        }));
    }

    /** Maps an upstream description to the exception type and detail it must produce. */
    private static Consumer<ShamirException> expectationFor(Vector v) {
        String d = v.description().toLowerCase(Locale.ROOT);
        if (d.contains("invalid checksum")) {
            return e -> assertEquals(1, assertInstanceOf(InvalidChecksumException.class, e).sharePosition());
        }
        if (d.contains("invalid padding")) {
            return e -> assertEquals(1, assertInstanceOf(InvalidPaddingException.class, e).sharePosition());
        }
        if (d.contains("different identifiers")) {
            return e -> assertEquals(2, assertInstanceOf(MixedIdentifiersException.class, e).sharePosition());
        }
        if (d.contains("different iteration exponents")) {
            return e -> assertEquals(2, assertInstanceOf(MixedIterationExponentsException.class, e).sharePosition());
        }
        if (d.contains("mismatching group thresholds")) {
            return e -> assertEquals(MismatchedParameterException.Parameter.GROUP_THRESHOLD,
                    assertInstanceOf(MismatchedParameterException.class, e).parameter());
        }
        if (d.contains("mismatching group counts")) {
            return e -> assertEquals(MismatchedParameterException.Parameter.GROUP_COUNT,
                    assertInstanceOf(MismatchedParameterException.class, e).parameter());
        }
        if (d.contains("mismatching member thresholds")) {
            return e -> assertEquals(MismatchedParameterException.Parameter.MEMBER_THRESHOLD,
                    assertInstanceOf(MismatchedParameterException.class, e).parameter());
        }
        if (d.contains("greater group threshold than group count")) {
            return e -> assertTrue(assertInstanceOf(InvalidShareException.class, e).getMessage()
                    .contains("greater than group count"), e.getMessage());
        }
        if (d.contains("duplicate member indices")) {
            return e -> assertEquals(2, assertInstanceOf(DuplicateMemberIndexException.class, e).sharePosition());
        }
        if (d.contains("invalid digest")) {
            return e -> assertInstanceOf(DigestMismatchException.class, e);
        }
        if (d.contains("insufficient number of groups")) {
            return e -> {
                InsufficientGroupsException g = assertInstanceOf(InsufficientGroupsException.class, e);
                assertTrue(g.missing() >= 1);
                assertTrue(e.getMessage().startsWith("need " + g.missing() + " more group"), e.getMessage());
            };
        }
        if (d.contains("insufficient number of members in one group") || d.contains("basic sharing 2-of-3")) {
            return e -> {
                InsufficientSharesException s = assertInstanceOf(InsufficientSharesException.class, e);
                assertTrue(e.getMessage().contains("need " + s.missing() + " more share"), e.getMessage());
            };
        }
        if (d.contains("insufficient length") || d.contains("invalid master secret length")) {
            return e -> assertEquals(1, assertInstanceOf(InvalidMnemonicLengthException.class, e).sharePosition());
        }
        throw new AssertionError("no expectation mapped for invalid vector \"" + v.description() + "\"");
    }

    @Test
    void validSetsNeedTheirPassphrase() throws ShamirException {
        Vector v = load().stream().filter(x -> !x.secretHex().isEmpty()).findFirst().orElseThrow();
        byte[] wrong = Slip39.combine(v.mnemonics(), "TREZOr".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(v.secretHex().length() / 2, wrong.length);
        assertTrue(!TestSupport.hex(wrong).equals(v.secretHex()), "a wrong passphrase silently gives another secret");
        assertArrayEquals(TestSupport.hex(v.secretHex()), Slip39.combine(v.mnemonics(), TestSupport.TREZOR));
    }
}
