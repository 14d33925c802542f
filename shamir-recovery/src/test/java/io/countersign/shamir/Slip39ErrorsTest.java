package io.countersign.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Split parameter checks and the detail each error carries. */
class Slip39ErrorsTest {
    private static final byte[] SECRET = TestSupport.hex("bb54aac4b89dc868ba37d9cc21b2cece");

    private static List<List<String>> split(int gt, List<GroupSpec> groups) throws ShamirException {
        return Slip39.split(SECRET, new byte[0], gt, groups, 0, false, TestSupport.seeded(1));
    }

    @Test
    void memberThresholdOneWithSeveralMembersIsRefused() {
        InvalidGroupLayoutException e = assertThrows(InvalidGroupLayoutException.class,
                () -> split(1, List.of(new GroupSpec(2, 3), new GroupSpec(1, 3))));
        assertTrue(e.getMessage().startsWith("group 2 (1/3): member threshold 1 with more than one member"));
    }

    @Test
    void layoutLimitsAreEnforced() {
        assertThrows(InvalidGroupLayoutException.class, () -> split(2, List.of(new GroupSpec(2, 3))));
        assertThrows(InvalidGroupLayoutException.class, () -> split(1, List.of(new GroupSpec(4, 3))));
        assertThrows(InvalidGroupLayoutException.class, () -> split(1, List.of(new GroupSpec(2, 17))));
        assertThrows(InvalidGroupLayoutException.class, () -> split(1, List.of()));
        List<GroupSpec> seventeen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add(new GroupSpec(1, 1));
        }
        assertThrows(InvalidGroupLayoutException.class, () -> split(1, seventeen));
        assertThrows(InvalidGroupLayoutException.class,
                () -> Slip39.split(SECRET, new byte[0], 1, List.of(new GroupSpec(1, 1)), 16, true, TestSupport.seeded(1)));
    }

    @Test
    void groupSpecParsesTheCliForm() throws ShamirException {
        assertEquals(new GroupSpec(2, 3), GroupSpec.parse(" 2 / 3 "));
        assertThrows(InvalidGroupLayoutException.class, () -> GroupSpec.parse("2-3"));
    }

    @Test
    void secretLengthIsChecked() {
        assertEquals(15, assertThrows(InvalidSecretException.class, () -> Slip39.split(new byte[15], new byte[0], 1,
                List.of(new GroupSpec(1, 1)), 0, true, TestSupport.seeded(1))).length());
        assertEquals(17, assertThrows(InvalidSecretException.class, () -> Slip39.split(new byte[17], new byte[0], 1,
                List.of(new GroupSpec(1, 1)), 0, true, TestSupport.seeded(1))).length());
    }

    @Test
    void passphraseMustBePrintableAscii() {
        byte[] accented = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        assertEquals(4, assertThrows(InvalidPassphraseException.class, () -> Slip39.split(SECRET, accented, 1,
                List.of(new GroupSpec(1, 1)), 0, true, TestSupport.seeded(1))).position());
    }

    @Test
    void unknownWordNamesShareWordAndNearestWords() throws ShamirException {
        List<String> shares = new ArrayList<>(split(1, List.of(new GroupSpec(2, 3))).get(0).subList(0, 2));
        String[] words = shares.get(1).split(" ");
        String original = words[6];
        words[6] = original.substring(0, 3) + "q" + original.substring(3);
        shares.set(1, String.join(" ", words));
        UnknownWordException e = assertThrows(UnknownWordException.class, () -> Slip39.combine(shares, new byte[0]));
        assertEquals(2, e.sharePosition());
        assertEquals(7, e.wordPosition());
        assertTrue(e.suggestions().contains(original), e.suggestions() + " should contain " + original);
        assertTrue(e.getMessage().startsWith("share 2: word 7 \""));
    }

    @Test
    void droppedWordIsALengthError() throws ShamirException {
        String share = split(1, List.of(new GroupSpec(1, 1))).get(0).get(0);
        String shorter = share.substring(share.indexOf(' ') + 1);
        InvalidMnemonicLengthException e = assertThrows(InvalidMnemonicLengthException.class,
                () -> Slip39.combine(List.of(shorter), new byte[0]));
        assertEquals(19, e.wordCount());
    }

    @Test
    void excessMembersOfAGroupAreRefusedAsTheSpecRequires() throws ShamirException {
        List<String> all = split(1, List.of(new GroupSpec(2, 3))).get(0);
        ExcessSharesException e = assertThrows(ExcessSharesException.class, () -> Slip39.combine(all, new byte[0]));
        assertEquals("group 1: 3 shares given but exactly 2 are needed; leave out 1", e.getMessage());
        assertArrayEquals(SECRET, Slip39.combine(all.subList(1, 3), new byte[0]));
    }

    @Test
    void stdinTextIsSplitIntoTrimmedNonBlankLines() {
        assertEquals(List.of("a b", "c d"), Slip39.mnemonicsFromText("\n  a b  \r\n\n\t\nc d\n"));
    }

    @Test
    void shareToStringShowsNoValue() throws ShamirException {
        Share s = Share.parse(split(1, List.of(new GroupSpec(1, 1))).get(0).get(0));
        String text = s.toString();
        assertTrue(text.startsWith("Share[id=" + s.identifier() + ", e=0, group 1 of 1"), text);
        assertTrue(!text.contains(TestSupport.hex(s.value()).substring(0, 8)), text);
    }
}
