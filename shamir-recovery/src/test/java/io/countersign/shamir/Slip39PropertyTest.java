package io.countersign.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests: random secrets and layouts round-trip; a minimal set missing one
 * share fails with "need N more"; any single changed word fails its checksum. Iteration
 * exponent 0 keeps each PBKDF2 run short (2,500 iterations a round).
 */
class Slip39PropertyTest {
    private static final int ITERATIONS = 200;

    /** A random split: secret, passphrase, layout, and the mnemonics it produced. */
    record Case(byte[] secret, byte[] passphrase, int groupThreshold, List<GroupSpec> layout,
                List<List<String>> shares) { }

    static Case randomCase(Random r) throws ShamirException {
        byte[] secret = new byte[16 + 2 * r.nextInt(9)];
        r.nextBytes(secret);
        byte[] passphrase = new byte[r.nextInt(6)];
        for (int i = 0; i < passphrase.length; i++) {
            passphrase[i] = (byte) (32 + r.nextInt(95));
        }
        int groupCount = 1 + r.nextInt(4);
        List<GroupSpec> layout = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            int n = 1 + r.nextInt(5);
            int t = n == 1 ? 1 : 2 + r.nextInt(n - 1);
            layout.add(new GroupSpec(t, n));
        }
        int gt = 1 + r.nextInt(groupCount);
        List<List<String>> shares = Slip39.split(secret, passphrase, gt, layout, 0, r.nextBoolean(),
                TestSupport.seeded(r.nextLong()));
        return new Case(secret, passphrase, gt, layout, shares);
    }

    /** A random minimal set: GT random groups, T random members each, shuffled. */
    static List<String> randomMinimalSet(Case c, Random r) {
        List<Integer> groups = new ArrayList<>();
        for (int g = 0; g < c.layout().size(); g++) {
            groups.add(g);
        }
        Collections.shuffle(groups, r);
        List<String> chosen = new ArrayList<>();
        for (int g : groups.subList(0, c.groupThreshold())) {
            List<String> members = new ArrayList<>(c.shares().get(g));
            Collections.shuffle(members, r);
            chosen.addAll(members.subList(0, c.layout().get(g).memberThreshold()));
        }
        Collections.shuffle(chosen, r);
        return chosen;
    }

    @Test
    void randomSecretsAndLayoutsRoundTrip() throws ShamirException {
        Random r = new Random(0x5111_0039L);
        for (int i = 0; i < ITERATIONS; i++) {
            Case c = randomCase(r);
            assertEquals(c.layout().size(), c.shares().size());
            for (int g = 0; g < c.layout().size(); g++) {
                assertEquals(c.layout().get(g).memberCount(), c.shares().get(g).size());
            }
            List<String> set = randomMinimalSet(c, r);
            assertArrayEquals(c.secret(), Slip39.combine(set, c.passphrase()), "case " + i + " " + c.layout());
        }
    }

    @Test
    void aMinimalSetMissingOneShareSaysHowManyMoreAreNeeded() throws ShamirException {
        Random r = new Random(0x0000_1E55L);
        for (int i = 0; i < ITERATIONS; i++) {
            Case c = randomCase(r);
            List<String> set = new ArrayList<>(randomMinimalSet(c, r));
            String removed = set.remove(r.nextInt(set.size()));
            Share gone = Share.parse(removed);
            if (set.isEmpty()) {
                assertThrows(NoSharesException.class, () -> Slip39.combine(set, c.passphrase()));
                continue;
            }
            ShamirException e = assertThrows(ShamirException.class, () -> Slip39.combine(set, c.passphrase()));
            assertTrue(e.getMessage().contains("need 1 more"), "case " + i + ": " + e.getMessage());
            if (gone.memberThreshold() == 1) {
                assertEquals(1, assertInstanceOf(InsufficientGroupsException.class, e).missing());
            } else {
                InsufficientSharesException s = assertInstanceOf(InsufficientSharesException.class, e);
                assertEquals(gone.groupIndex(), s.groupIndex());
                assertTrue(e.getMessage().startsWith("group " + (gone.groupIndex() + 1) + ": need 1 more share"));
            }
        }
    }

    @Test
    void anySingleChangedWordFailsItsChecksum() throws ShamirException {
        Random r = new Random(0xC4EC_C5L);
        for (int i = 0; i < ITERATIONS; i++) {
            Case c = randomCase(r);
            List<String> set = new ArrayList<>(randomMinimalSet(c, r));
            int victim = r.nextInt(set.size());
            String[] words = set.get(victim).split(" ");
            int w = r.nextInt(words.length);
            String replacement;
            do {
                replacement = Wordlist.word(r.nextInt(Wordlist.SIZE));
            } while (replacement.equals(words[w]));
            words[w] = replacement;
            set.set(victim, String.join(" ", words));
            InvalidChecksumException e = assertThrows(InvalidChecksumException.class,
                    () -> Slip39.combine(set, c.passphrase()), "case " + i + " word " + (w + 1));
            assertEquals(victim + 1, e.sharePosition());
            assertTrue(e.getMessage().startsWith("share " + (victim + 1) + ": invalid checksum"));
        }
    }

    private static <T> T assertInstanceOf(Class<T> type, Object o) {
        return org.junit.jupiter.api.Assertions.assertInstanceOf(type, o);
    }
}
