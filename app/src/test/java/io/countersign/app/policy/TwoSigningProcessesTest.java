package io.countersign.app.policy;

import static io.countersign.app.policy.SigningProcesses.assertEverySignatureIsJournalled;
import static io.countersign.app.policy.SigningProcesses.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.session.TestPausePoints;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code safe sign} processes (separate JVMs, each with its own SQLite connection) on one data
 * folder, each signing a different 5 ETH request against a day of 8 ETH: only one of them fits.
 * Exactly one signs (exit 0), the other is denied naming the limit (exit 3) with its request file
 * untouched, and the journal holds one SIGNATURE, one allowing and one denying DECISION, and verifies.
 */
class TwoSigningProcessesTest {
    static final String FIVE_ETH = JournalFirstReservationTest.FIVE_ETH;

    @TempDir
    Path dir;

    Path[] setUp() {
        Path data = dir.resolve("data");
        GateBeforeSignerSessionTest.install(data, JournalFirstReservationTest.LIMITS);
        JournalFirstReservationTest t = new JournalFirstReservationTest();
        t.dir = dir;
        return new Path[] {data, t.request(data, "a.json", 0, FIVE_ETH), t.request(data, "b.json", 1, FIVE_ETH)};
    }

    /**
     * The window the old order left open, held open on purpose: process A has decided and
     * reserved but not yet asked its device when process B runs from start to end. B sees A's
     * reservation and is denied; A then signs.
     */
    @Test
    void aSecondProcessRunningWhileTheFirstHoldsItsReservationIsDenied() {
        Path[] f = setUp();
        SigningProcesses.Child a = SigningProcesses.startSafeSign(f[0], f[1], TestPausePoints.DECISION_RESERVED, dir.resolve("a"));
        a.awaitPoint(TestPausePoints.DECISION_RESERVED);
        SigningProcesses.Child b = SigningProcesses.startSafeSign(f[0], f[2], null, dir.resolve("b"));
        assertEquals(3, b.exit(), "B is denied while A's 5 ETH are reserved\n" + b.output());
        assertTrue(b.output().contains("eth-limits"), b.output());
        a.release(TestPausePoints.DECISION_RESERVED);
        assertEquals(0, a.exit(), a.output());
        assertOneSignedOneDenied(f, 0);
    }

    /**
     * A real race: both processes are held just before their decisions, then let go together;
     * whichever takes the journal's write lock first signs, the other is denied.
     */
    @Test
    void twoProcessesLetGoTogetherSignOnlyOnce() {
        Path[] f = setUp();
        SigningProcesses.Child a = SigningProcesses.startSafeSign(f[0], f[1], TestPausePoints.BEFORE_DECISION, dir.resolve("a"));
        SigningProcesses.Child b = SigningProcesses.startSafeSign(f[0], f[2], TestPausePoints.BEFORE_DECISION, dir.resolve("b"));
        a.awaitPoint(TestPausePoints.BEFORE_DECISION);
        b.awaitPoint(TestPausePoints.BEFORE_DECISION);
        a.release(TestPausePoints.BEFORE_DECISION);
        b.release(TestPausePoints.BEFORE_DECISION);
        int ea = a.exit();
        int eb = b.exit();
        assertEquals(List.of(0, 3), List.of(ea, eb).stream().sorted().toList(),
                "exactly one signs, the other is denied\nA:\n" + a.output() + "\nB:\n" + b.output());
        assertOneSignedOneDenied(f, ea == 0 ? 0 : 1);
    }

    /** {@code winner} (0 for a.json, 1 for b.json) holds one signature, the other none; the journal agrees. */
    static void assertOneSignedOneDenied(Path[] f, int winner) {
        Path signed = f[1 + winner];
        Path denied = f[2 - winner];
        assertEquals(1, RequestFile.read(signed).signatures().size());
        assertEquals(0, RequestFile.read(denied).signatures().size());
        List<JournalEntry> sigs = entries(f[0], EntryKind.SIGNATURE);
        assertEquals(1, sigs.size());
        assertEquals(RequestFile.read(signed).hashes().safeTxHashHex(), sigs.getFirst().payload().path("safeTxHash").asString());
        List<String> decisions = entries(f[0], EntryKind.DECISION).stream()
                .filter(e -> e.payload().path("step").asString("").equals("sign"))
                .map(e -> e.payload().path("decision").asString()).sorted().toList();
        assertEquals(List.of("allow", "deny"), decisions);
        assertEquals(List.of(), entries(f[0], EntryKind.RELEASE), "a denial reserves nothing, so nothing is released");
        assertEverySignatureIsJournalled(f[0], f[1], f[2]);
    }
}
