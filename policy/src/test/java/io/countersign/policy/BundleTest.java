package io.countersign.policy;

import static io.countersign.policy.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    static final Instant NOW = Instant.parse("2025-06-11T08:00:00Z");
    static final List<SoftwareSigner> ADMINS = List.of(ADMIN1, ADMIN2, ADMIN3);

    @TempDir
    Path data;

    private io.countersign.journal.AuditJournal journal;

    /** The store of {@code data}, with its journal (opened once per test). */
    PolicyStore store() {
        if (journal == null) {
            journal = io.countersign.journal.AuditJournal.open(data.resolve("journal.sqlite"));
        }
        return new PolicyStore(data, journal);
    }

    @org.junit.jupiter.api.AfterEach
    void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    static SignedBundle signed(long version, SoftwareSigner... signers) {
        SignedBundle b = SignedBundle.unsigned(policyYaml(version, ADMINS, 2));
        for (SoftwareSigner s : signers) {
            b = b.signedBy(s);
        }
        return b;
    }

    @Test
    void firstInstallPinsTheAdminsAndLoadReverifies() {
        PolicyStore store = store();
        PolicyStore.Installed i = store.install(signed(1, ADMIN1, ADMIN2), NOW);
        assertTrue(i.firstInstall());
        assertEquals(List.of(ADMIN1.address(), ADMIN2.address()), i.verified().signers());
        assertEquals(2, store.readPin().orElseThrow().threshold());
        assertEquals(1, store.load().policy().version());
    }

    @Test
    void theBundleHashIsKeccakOfTheExactYamlBytes() {
        // keccak-256("") is the well-known c5d2…a470
        assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", SignedBundle.hashOf(""));
    }

    @Test
    void aSignedBundleSurvivesItsJsonRoundTrip() {
        SignedBundle b = signed(1, ADMIN1, ADMIN2);
        SignedBundle back = SignedBundle.fromJson(b.toJson());
        assertEquals(b.policyYaml(), back.policyYaml());
        assertEquals(b.signatures(), back.signatures());
        BundleVerifier.verify(back, java.util.Optional.empty(), java.util.Optional.empty());
    }

    @Test
    void oneChangedByteIsTampering() {
        SignedBundle b = signed(1, ADMIN1, ADMIN2);
        String json = b.toJson();
        // raise the per-day USDC limit inside the signed text
        String changed = json.replace("perDay: \\\"100000\\\"", "perDay: \\\"900000\\\"");
        assertFalse(changed.equals(json), "the fixture text must contain the limit");
        var e = assertThrows(PolicyException.TamperedBundleException.class,
                () -> store().install(SignedBundle.fromJson(changed), NOW));
        assertTrue(e.getMessage().contains("changed after signing"), e.getMessage());
    }

    @Test
    void aRecomputedHashDoesNotHideTampering() {
        SignedBundle b = signed(1, ADMIN1, ADMIN2);
        String text = b.policyYaml().replace("perDay: \"100000\"", "perDay: \"900000\"");
        SignedBundle forged = new SignedBundle(text, SignedBundle.hashOf(text), b.signatures());
        var e = assertThrows(PolicyException.TamperedBundleException.class,
                () -> store().install(forged, NOW));
        assertTrue(e.getMessage().contains("does not match bundle hash"), e.getMessage());
    }

    @Test
    void tooFewSignaturesAreRefused() {
        var e = assertThrows(PolicyException.InsufficientSignaturesException.class,
                () -> store().install(signed(1, ADMIN1), NOW));
        assertTrue(e.getMessage().contains("1 of the 2"), e.getMessage());
        assertFalse(Files.exists(store().pinFile()), "a refused first install pins nothing");
    }

    @Test
    void aLowerOrEqualVersionIsRefused() {
        PolicyStore store = store();
        store.install(signed(5, ADMIN1, ADMIN2), NOW);
        var e = assertThrows(PolicyException.VersionNotIncreasingException.class,
                () -> store.install(signed(5, ADMIN2, ADMIN3), NOW));
        assertTrue(e.getMessage().contains("version 5 is not higher than the installed version 5"), e.getMessage());
        assertThrows(PolicyException.VersionNotIncreasingException.class, () -> store.install(signed(4, ADMIN1, ADMIN3), NOW));
        assertEquals(6, store.install(signed(6, ADMIN2, ADMIN3), NOW).policy().version());
    }

    @Test
    void aBundleFromAdminsOtherThanThePinnedOnesIsRefused() {
        PolicyStore store = store();
        store.install(signed(1, ADMIN1, ADMIN2), NOW);
        // an attacker writes a bundle that declares themselves sole admin and signs it
        SignedBundle takeover = SignedBundle.unsigned(policyYaml(2, List.of(OUTSIDER), 1)).signedBy(OUTSIDER);
        var e = assertThrows(PolicyException.InsufficientSignaturesException.class, () -> store.install(takeover, NOW));
        assertTrue(e.getMessage().contains("pinned"), e.getMessage());
        // a signature by a non-admin on an otherwise valid bundle is named
        SignedBundle extra = signed(2, ADMIN1, ADMIN2).signedBy(OUTSIDER);
        var u = assertThrows(PolicyException.UnknownSignerException.class, () -> store.install(extra, NOW));
        assertTrue(u.getMessage().contains(OUTSIDER.address().toString()), u.getMessage());
    }

    @Test
    void rotatingAdminsNeedsBothQuorums() {
        PolicyStore store = store();
        store.install(signed(1, ADMIN1, ADMIN2), NOW);
        SoftwareSigner newAdmin = SoftwareSigner.fromMnemonic(
                "test test test test test test test test test test test junk", "", Bip32Path.parse("m/44'/60'/0'/0/0"), "new");
        String rotated = policyYaml(2, List.of(ADMIN1, newAdmin), 2);
        assertThrows(PolicyException.InsufficientSignaturesException.class,
                () -> store.install(SignedBundle.unsigned(rotated).signedBy(ADMIN1).signedBy(ADMIN2), NOW));
        store.install(SignedBundle.unsigned(rotated).signedBy(ADMIN1).signedBy(ADMIN2).signedBy(newAdmin), NOW);
        assertEquals(List.of(ADMIN1.address(), newAdmin.address()), store.readPin().orElseThrow().admins());
    }

    @Test
    void noPolicyAndAnEditOnDiskFailClosed() throws Exception {
        PolicyStore store = store();
        assertThrows(PolicyException.NoPolicyException.class, store::load);
        store.install(signed(1, ADMIN1, ADMIN2), NOW);
        String onDisk = Files.readString(store.bundleFile(), StandardCharsets.UTF_8);
        Files.writeString(store.bundleFile(), onDisk.replace("perTransaction: \\\"10\\\"", "perTransaction: \\\"99\\\""));
        assertThrows(PolicyException.TamperedBundleException.class, store::load);
    }

    @Test
    void deletingThePinDoesNotAllowReTrusting() throws Exception {
        PolicyStore store = store();
        store.install(signed(1, ADMIN1, ADMIN2), NOW);
        Files.delete(store.pinFile());
        assertThrows(PolicyException.PolicyStorageException.class, store::load);
        SignedBundle takeover = SignedBundle.unsigned(policyYaml(2, List.of(OUTSIDER), 1)).signedBy(OUTSIDER);
        // the journal remembers the pinned admins: the outsider's bundle lacks their quorum
        var e = assertThrows(PolicyException.InsufficientSignaturesException.class, () -> store.install(takeover, NOW));
        assertTrue(e.getMessage().contains("pinned admins"), e.getMessage());
    }
}
