package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.account;
import static io.countersign.app.policy.PolicyTestbed.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.SafeSigningSession;
import io.countersign.app.session.SessionListener;
import io.countersign.eth.Address;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.SignerException;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.TypedData;
import io.countersign.eth.devchain.Anvil;
import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SignatureMethod;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journal first: the sign-step decision and its spend reservation are one SQLite write
 * transaction, before any device is asked. {@link SafeSigningSession} is driven directly, offline,
 * with a real signed policy and a real SQLite journal; each signing has its own {@link AppContext}
 * and so its own journal connection on the same file, as two {@code safe sign} processes would.
 */
class JournalFirstReservationTest {
    static final Address SAFE = GateBeforeSignerSessionTest.SAFE;
    static final String FIVE_ETH = "5000000000000000000";
    static final String LIMITS = "  - {id: eth-limits, kind: limit, asset: native, perTransaction: \"10\", perDay: \"8\"}\n";

    @TempDir
    Path dir;

    /** Officer 5's software key; each signing call first waits on {@code gate} (then delegates). */
    static class GatedSigner implements Signer {
        private final Signer delegate = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(5), "officer 5");
        private final CountDownLatch gate;
        int signingCalls;

        GatedSigner(CountDownLatch gate) {
            this.gate = gate;
        }

        private void pass() {
            signingCalls++;
            gate.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Address address() {
            return delegate.address();
        }

        @Override
        public String label() {
            return delegate.label();
        }

        @Override
        public SignedTransaction signTransaction(EthTransaction tx) {
            pass();
            return delegate.signTransaction(tx);
        }

        @Override
        public Signature signPersonalMessage(byte[] message) {
            pass();
            return delegate.signPersonalMessage(message);
        }

        @Override
        public Signature signTypedData(TypedData typedData) {
            pass();
            return delegate.signTypedData(typedData);
        }
    }

    Path request(Path data, String name, int nonce, String wei) {
        Path out = dir.resolve(name);
        List<String> owners = List.of(account(5).toString(), account(6).toString(), account(7).toString());
        CliRunner.Result p = new CliRunner(data).run("safe", "propose", "--offline", "--safe", SAFE.toString(), "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", wei, "--chain-id", "31337", "--safe-version", "1.4.1",
                "--owners", String.join(",", owners), "--threshold", "2", "--nonce", Integer.toString(nonce), "--out",
                out.toString());
        assertEquals(0, p.code(), p.toString());
        return out;
    }

    static List<JournalEntry> entries(Path data, EntryKind kind) {
        try (AuditJournal j = AuditJournal.open(data.resolve("journal.sqlite"))) {
            return j.since(kind, Instant.EPOCH);
        }
    }

    /**
     * Two signings of 5 ETH against a remaining daily allowance of 8 ETH, each on its own journal
     * connection, each signer waiting until the other signing has reached its signer or finished:
     * with decide-then-sign-then-record both reach their signers and both sign (13 ETH in a day of
     * 8); journal first, exactly one signs and the other is denied naming the limit, without its
     * signer being called.
     */
    @Test
    void twoConcurrentSigningsAgainstOneRemainingAllowanceSignOnlyOnce() throws Exception {
        Path data = dir.resolve("race");
        GateBeforeSignerSessionTest.install(data, LIMITS);
        Path[] requests = {request(data, "a.json", 0, FIVE_ETH), request(data, "b.json", 1, FIVE_ETH)};
        CountDownLatch gate = new CountDownLatch(2);
        GatedSigner[] signers = {new GatedSigner(gate), new GatedSigner(gate)};
        Object[] outcomes = new Object[2];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int k = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try (AppContext ctx = new AppContext(data, true, null, false, Map.of())) {
                    outcomes[k] = new SafeSigningSession(ctx, SessionListener.NONE).sign(requests[k], signers[k],
                            SignatureMethod.EIP712);
                } catch (Throwable t) {
                    outcomes[k] = t;
                } finally {
                    gate.countDown(); // a signing that ended without reaching its signer lets the other one on
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        int winner = outcomes[0] instanceof SafeSigningSession.Signed ? 0 : 1;
        int loser = 1 - winner;
        assertInstanceOf(SafeSigningSession.Signed.class, outcomes[winner], String.valueOf(outcomes[winner]));
        var denied = assertInstanceOf(CountersignException.PolicyDenied.class, outcomes[loser], String.valueOf(outcomes[loser]));
        assertTrue(denied.getMessage().contains("[eth-limits] DENY"), denied.getMessage());
        assertEquals(1, signers[winner].signingCalls);
        assertEquals(0, signers[loser].signingCalls, "the denied signing reached its signer");
        assertEquals(1, RequestFile.read(requests[winner]).signatures().size());
        assertEquals(0, RequestFile.read(requests[loser]).signatures().size());
        List<JournalEntry> sigs = entries(data, EntryKind.SIGNATURE);
        assertEquals(1, sigs.size());
        assertEquals(FIVE_ETH, sigs.getFirst().payload().path("policySpend").path("assets").path("native").asString());
    }

    /**
     * A device refusal after the reservation appends a RELEASE naming it, so the refused spend
     * stops counting: a second 5 ETH request fits the 8 ETH day afterwards.
     */
    @Test
    void aRefusalReleasesItsReservation() {
        Path data = dir.resolve("refused");
        GateBeforeSignerSessionTest.install(data, LIMITS);
        Path first = request(data, "first.json", 0, FIVE_ETH);
        Signer refusing = new GatedSigner(new CountDownLatch(0)) {
            @Override
            public Signature signTypedData(TypedData typedData) {
                throw new SignerException(SignerException.Reason.REFUSED, "the holder pressed reject");
            }
        };
        try (AppContext ctx = new AppContext(data, true, null, false, Map.of())) {
            assertThrows(CountersignException.RefusedOnDevice.class,
                    () -> new SafeSigningSession(ctx, SessionListener.NONE).sign(first, refusing, SignatureMethod.EIP712));
        }
        List<JournalEntry> decisions = entries(data, EntryKind.DECISION);
        JournalEntry reservation = decisions.getLast();
        assertEquals(FIVE_ETH, reservation.payload().path("policySpend").path("assets").path("native").asString(),
                "the decision reserves the spend before the device is asked");
        List<JournalEntry> releases = entries(data, EntryKind.RELEASE);
        assertEquals(1, releases.size());
        assertEquals(reservation.sequence(), releases.getFirst().payload().path("reservation").asLong());

        Path second = request(data, "second.json", 1, FIVE_ETH);
        try (AppContext ctx = new AppContext(data, true, null, false, Map.of())) {
            var signed = new SafeSigningSession(ctx, SessionListener.NONE).sign(second,
                    new GatedSigner(new CountDownLatch(0)), SignatureMethod.EIP712);
            assertEquals(account(5), signed.signer());
        }
    }
}
