package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.account;
import static io.countersign.app.policy.SigningProcesses.assertEverySignatureIsJournalled;
import static io.countersign.app.policy.SigningProcesses.entries;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.app.session.TestPausePoints;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code safe sign} process (a child JVM) at each moment between its
 * journal writes and its request-file write, stopped there by a {@link TestPausePoints} point
 * rather than a guessed sleep. Afterwards: the request file is the old one, whole (never half
 * written); every signature a file holds has its SIGNATURE entry and spend; the spend of the
 * killed signing is counted, as docs/threat-model.md says ("Racing or crashing past a rolling
 * limit"): a second 5 ETH request no longer fits the 8 ETH day; and signing the same request again
 * works, its own spend not counted twice.
 */
class KilledSigningProcessTest {
    static final String FIVE_ETH = JournalFirstReservationTest.FIVE_ETH;

    @TempDir
    Path dir;

    JournalFirstReservationTest requests() {
        JournalFirstReservationTest t = new JournalFirstReservationTest();
        t.dir = dir;
        return t;
    }

    /** Kills a signing of {@code a} at {@code point}; returns the data folder, {@code a} and a second 5 ETH request {@code b}. */
    Path[] killAt(String point) throws IOException {
        Path data = dir.resolve("data");
        GateBeforeSignerSessionTest.install(data, JournalFirstReservationTest.LIMITS);
        Path a = requests().request(data, "a.json", 0, FIVE_ETH);
        Path b = requests().request(data, "b.json", 1, FIVE_ETH);
        byte[] before = Files.readAllBytes(a);

        SigningProcesses.Child child = SigningProcesses.startSafeSign(data, a, point, dir.resolve("child"));
        child.awaitPoint(point);
        child.kill9();

        assertArrayEquals(before, Files.readAllBytes(a), "the request file is the old one, byte for byte");
        assertEquals(0, RequestFile.read(a).signatures().size());
        assertEverySignatureIsJournalled(data, a, b);
        return new Path[] {data, a, b};
    }

    /** Signs {@code request} again in-process (officer 5) and returns the result. */
    static CliRunner.Result sign(Path data, Path request) {
        return new CliRunner(data).env(PolicyTestbed.MNEMONIC_VAR, io.countersign.eth.devchain.Anvil.MNEMONIC).run("safe",
                "sign", request.toString(), "--offline", "--signer", PolicyTestbed.signer(5), "--path",
                PolicyTestbed.path(5).toString(), "--json");
    }

    /** The killed signing's spend still counts; the same request signs on retry; the day stays at 5 of 8 ETH. */
    static void assertCountedAndRetryWorks(Path data, Path a, Path b) {
        CliRunner.Result other = sign(data, b);
        assertEquals(3, other.code(), "the killed signing's 5 ETH still count: 5 + 5 > 8\n" + other);
        assertTrue(other.err().contains("[eth-limits] DENY") || other.out().contains("eth-limits"), other.toString());
        assertEquals(0, RequestFile.read(b).signatures().size());

        CliRunner.Result retry = sign(data, a);
        assertEquals(0, retry.code(), "signing the same request again works: its own spend is not counted twice\n" + retry);
        SafeRequest signed = RequestFile.read(a);
        assertEquals(List.of(account(5)), signed.signatures().stream().map(s -> s.signer()).toList());
        assertEverySignatureIsJournalled(data, a, b);

        CliRunner.Result still = sign(data, b);
        assertEquals(3, still.code(), "after the retry the day holds 5 ETH, not 10, and still not 5 more\n" + still);
    }

    /**
     * Killed after the DECISION entry and its reservation were committed, before the device was
     * asked: the reservation is open (no SIGNATURE, no RELEASE names it) and counts.
     */
    @Test
    void killedAfterTheReservationLeavesTheSpendCountedAndARetrySigns() throws IOException {
        Path[] f = killAt(TestPausePoints.DECISION_RESERVED);
        Path data = f[0];
        String hash = RequestFile.read(f[1]).hashes().safeTxHashHex();
        List<JournalEntry> decisions = entries(data, EntryKind.DECISION).stream()
                .filter(e -> e.payload().path("safeTxHash").asString("").equals(hash)).toList();
        assertEquals(1, decisions.size());
        assertEquals(FIVE_ETH, decisions.getFirst().payload().path("policySpend").path("assets").path("native").asString());
        assertEquals(List.of(), entries(data, EntryKind.SIGNATURE));
        assertEquals(List.of(), entries(data, EntryKind.RELEASE), "a killed process appends nothing more");
        assertCountedAndRetryWorks(data, f[1], f[2]);
    }

    /**
     * Killed after the SIGNATURE entry was committed, before the request file received the
     * signature: the journal counts a signature the file does not hold (over-counting), never
     * the reverse.
     */
    @Test
    void killedAfterTheSignatureEntryLeavesTheFileUnsignedAndTheSpendCounted() throws IOException {
        Path[] f = killAt(TestPausePoints.SIGNATURE_JOURNALLED);
        List<JournalEntry> sigs = entries(f[0], EntryKind.SIGNATURE);
        assertEquals(1, sigs.size());
        assertEquals(account(5).toString(), sigs.getFirst().payload().path("signer").asString());
        assertEquals(FIVE_ETH, sigs.getFirst().payload().path("policySpend").path("assets").path("native").asString());
        assertCountedAndRetryWorks(f[0], f[1], f[2]);
    }

    /**
     * Killed while the signed request was in its forced temporary file, before the rename: the
     * request file is the old one, whole; the temporary file beside it (hidden, {@code .a.json…tmp})
     * is never read as a request.
     */
    @Test
    void killedBeforeTheRenameLeavesTheOldFileWhole() throws IOException {
        Path[] f = killAt(TestPausePoints.REQUEST_TEMP_WRITTEN);
        try (Stream<Path> s = Files.list(f[1].getParent())) {
            List<String> temps = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertEquals(1, temps.size(), "the forced temporary file is left beside the request: " + temps);
            assertTrue(temps.getFirst().startsWith(".a.json"), temps.toString());
        }
        assertEquals(1, entries(f[0], EntryKind.SIGNATURE).size());
        assertCountedAndRetryWorks(f[0], f[1], f[2]);
    }
}
