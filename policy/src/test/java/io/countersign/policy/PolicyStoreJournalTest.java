package io.countersign.policy;

import static io.countersign.policy.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy store holds against someone who can write the policy folder (but not the journal):
 * the journal's POLICY_INSTALL entries record version, bundle hash and admins, and every load and
 * install is checked against them. Each attack is the edit an attacker with file access makes;
 * each fails closed with a message saying what differs and what to do.
 */
class PolicyStoreJournalTest {
    static final Instant NOW = Instant.parse("2025-06-11T08:00:00Z");
    static final List<io.countersign.eth.SoftwareSigner> ADMINS = List.of(ADMIN1, ADMIN2, ADMIN3);

    @TempDir
    Path data;

    AuditJournal journal;
    PolicyStore store;

    @BeforeEach
    void open() {
        journal = AuditJournal.open(data.resolve("journal.sqlite"));
        store = new PolicyStore(data, journal);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    static SignedBundle signed(long version) {
        return SignedBundle.unsigned(policyYaml(version, ADMINS, 2)).signedBy(ADMIN1).signedBy(ADMIN2);
    }

    /** An outsider's bundle declaring themselves sole admin. */
    static SignedBundle takeover(long version) {
        return SignedBundle.unsigned(policyYaml(version, List.of(OUTSIDER), 1)).signedBy(OUTSIDER);
    }

    static String refusal(Runnable r) {
        return assertThrows(PolicyException.PolicyStorageException.class, r::run).getMessage();
    }

    @Test
    void eachInstallIsJournalledWithVersionHashAndAdmins() {
        SignedBundle v1 = signed(1);
        store.install(v1, NOW);
        List<JournalEntry> installs = journal.since(EntryKind.POLICY_INSTALL, Instant.EPOCH);
        assertEquals(1, installs.size());
        var p = installs.getFirst().payload();
        assertEquals(v1.bundleHash(), p.get("bundleHash").asString());
        assertEquals(1, p.get("version").asLong());
        assertEquals(2, p.get("adminThreshold").asInt());
        assertEquals(List.of(ADMIN1.address().toString(), ADMIN2.address().toString(), ADMIN3.address().toString()),
                p.get("admins").valueStream().map(n -> n.asString()).toList());
        assertTrue(p.get("firstInstall").asBoolean());
        assertEquals(1, store.load().policy().version(), "control: the untouched store loads");
    }

    @Test
    void anOlderSignedBundleCopiedOverTheActiveOneFailsClosed() throws Exception {
        SignedBundle v1 = signed(1);
        store.install(v1, NOW);
        store.install(signed(2), NOW);
        Files.writeString(store.bundleFile(), v1.toJson());
        String m = refusal(store::load);
        assertTrue(m.contains("holds policy v1, an older version, (" + v1.bundleHash() + ") but the journal records policy v2"), m);
        assertTrue(m.contains("Install the current bundle again with `countersign policy install FILE`"), m);
    }

    @Test
    void deletingThePolicyFolderDoesNotResetTheVersionOrTheAdmins() throws Exception {
        store.install(signed(1), NOW);
        store.install(signed(2), NOW);
        Files.delete(store.bundleFile());
        Files.delete(store.pinFile());
        String m = refusal(() -> store.loadIfPresent());
        assertTrue(m.contains("the journal records policy v2") && m.contains("is missing"), m);
        var rollback = assertThrows(PolicyException.VersionNotIncreasingException.class, () -> store.install(signed(1), NOW));
        assertTrue(rollback.getMessage().contains("version 1 is not higher than the installed version 2"), rollback.getMessage());
        var retrust = assertThrows(PolicyException.InsufficientSignaturesException.class, () -> store.install(takeover(3), NOW));
        assertTrue(retrust.getMessage().contains("pinned admins"), retrust.getMessage());
    }

    @Test
    void anEditedPinWithABundleSignedByAnotherKeyFailsClosed() throws Exception {
        store.install(signed(1), NOW);
        // the attacker pins themselves and drops in their own signed bundle
        Files.writeString(store.pinFile(), "{\"threshold\": 1, \"admins\": [\"" + OUTSIDER.address() + "\"]}");
        Files.writeString(store.bundleFile(), takeover(2).toJson());
        String m = refusal(store::load);
        assertTrue(m.contains("holds policy v2 (" + takeover(2).bundleHash() + ") but the journal records policy v1"), m);
        // and `policy install` of it: the journal's admins decide, not the edited pin
        var e = assertThrows(PolicyException.InsufficientSignaturesException.class, () -> store.install(takeover(2), NOW));
        assertTrue(e.getMessage().contains("bundle has 0 of the 2 signatures required from the pinned admins"), e.getMessage());
    }

    @Test
    void anEditedPinAloneFailsClosedAndReinstallingRepairsIt() throws Exception {
        SignedBundle v1 = signed(1);
        store.install(v1, NOW);
        Files.writeString(store.pinFile(), "{\"threshold\": 1, \"admins\": [\"" + OUTSIDER.address() + "\"]}");
        String m = refusal(store::load);
        assertTrue(m.startsWith(store.pinFile() + " pins 1 of [" + OUTSIDER.address() + "] but the journal recorded 2 of ["), m);
        assertTrue(m.contains("the pin file was edited"), m);
        store.install(v1, NOW);
        assertEquals(2, store.load().pinned().threshold(), "the same bundle again rewrites the pin from the journal");
    }

    @Test
    void aDeletedPinFailsClosedAndIsNeverRePinned() throws Exception {
        SignedBundle v1 = signed(1);
        store.install(v1, NOW);
        Files.delete(store.pinFile());
        String m = refusal(store::load);
        assertTrue(m.contains("is missing next to the installed bundle (the journal records policy v1"), m);
        assertThrows(PolicyException.InsufficientSignaturesException.class, () -> store.install(takeover(2), NOW));
        store.install(v1, NOW);
        assertEquals(1, store.load().policy().version(), "reinstalling the journal's bundle restores the pin");
    }

    @Test
    void aPolicyFolderWithoutItsJournalFailsClosed() throws Exception {
        store.install(signed(1), NOW);
        try (AuditJournal other = AuditJournal.open(data.resolve("replaced.sqlite"))) {
            PolicyStore withOtherJournal = new PolicyStore(data, other);
            String m = refusal(withOtherJournal::load);
            assertTrue(m.contains("records no policy install: the journal was replaced or the bundle copied in"), m);
            String i = refusal(() -> withOtherJournal.install(takeover(2), NOW));
            assertTrue(i.contains("records no policy install"), i);
        }
    }
}
