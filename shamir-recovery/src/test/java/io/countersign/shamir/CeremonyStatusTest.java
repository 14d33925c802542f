package io.countersign.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ceremony status for a 2-of-{2/2, 3/5, 1/1} backup, entered share by share. */
class CeremonyStatusTest {
    private static final byte[] SECRET = TestSupport.hex("00112233445566778899aabbccddeeff");
    private static List<List<String>> shares;

    @BeforeAll
    static void split() throws ShamirException {
        shares = Slip39.split(SECRET, new byte[0], 2,
                List.of(new GroupSpec(2, 2), new GroupSpec(3, 5), new GroupSpec(1, 1)), 0, true, TestSupport.seeded(42));
    }

    private static List<Share> parse(String... mnemonics) throws ShamirException {
        return Slip39.parseAll(List.of(mnemonics));
    }

    @Test
    void oneCompleteGroupAndOneStarted() throws ShamirException {
        CeremonyStatus s = CeremonyStatus.of(parse(shares.get(0).get(0), shares.get(1).get(3), shares.get(0).get(1)));
        assertEquals("group 1: 2 of 2 ✓ · group 2: 1 of 3", s.summary());
        assertEquals(1, s.completeGroups());
        assertEquals(1, s.groupsNeeded());
        assertFalse(s.isComplete());
        assertEquals("need 1 more complete group (2 of 3 groups)", s.remaining());
        assertEquals(2, s.groups().get(1).missing());
        assertEquals(2, s.groupThreshold());
        assertEquals(3, s.groupCount());
        assertTrue(s.extendable());
        assertThrows(IllegalStateException.class, s::minimalShares);
    }

    @Test
    void extraSharesAreReportedAndTheMinimalSubsetCombines() throws ShamirException {
        List<Share> entered = parse(shares.get(1).get(0), shares.get(1).get(4), shares.get(1).get(2),
                shares.get(1).get(1), shares.get(0).get(0), shares.get(2).get(0));
        CeremonyStatus s = CeremonyStatus.of(entered);
        assertEquals("group 1: 1 of 2 · group 2: 4 of 3 ✓ · group 3: 1 of 1 ✓", s.summary());
        assertTrue(s.isComplete());
        assertEquals("complete", s.remaining());
        assertEquals(4, s.minimalShares().size(), "3 of group 2 and the 1/1 group");
        assertArrayEquals(SECRET, Slip39.combineShares(s.minimalShares(), new byte[0]));
        ExcessSharesException e = assertThrows(ExcessSharesException.class,
                () -> Slip39.combineShares(entered, new byte[0]));
        assertEquals("3 groups given but exactly 2 are needed; leave out 1", e.getMessage());
    }

    @Test
    void anExactDuplicateCountsOnce() throws ShamirException {
        CeremonyStatus s = CeremonyStatus.of(parse(shares.get(1).get(0), " " + shares.get(1).get(0).toUpperCase() + " "));
        assertEquals("group 2: 1 of 3", s.summary());
    }

    @Test
    void aShareOfAnotherBackupIsRefusedByPosition() throws ShamirException {
        List<List<String>> other = Slip39.split(SECRET, new byte[0], 1, List.of(new GroupSpec(2, 3)), 0, true,
                TestSupport.seeded(43));
        MixedIdentifiersException e = assertThrows(MixedIdentifiersException.class,
                () -> CeremonyStatus.of(parse(shares.get(0).get(0), shares.get(0).get(1), other.get(0).get(0))));
        assertEquals(3, e.sharePosition());
    }

    @Test
    void emptyInputIsRefused() {
        assertThrows(NoSharesException.class, () -> CeremonyStatus.of(List.of()));
    }
}
