package io.countersign.app.policy;

import static io.countersign.app.policy.PolicyTestbed.account;
import static io.countersign.app.policy.PolicyTestbed.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.TypedData;
import io.countersign.eth.devchain.Anvil;
import io.countersign.multisig.SignatureMethod;
import io.countersign.policy.PolicyStore;
import io.countersign.policy.SignedBundle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate sits before any signer: {@link SafeSigningSession} driven directly (offline, no
 * --dev-mode) with a signer that records every call made to it. A denied request, a request
 * that needs a timelock, and a request with no policy installed make zero calls; an allowed one
 * (the control) makes exactly one signing call.
 */
class GateBeforeSignerSessionTest {
    static final Address SAFE = Address.parse("0x1111111111111111111111111111111111111111");

    @TempDir
    Path dir;

    /** A {@link Signer} that records each call by method name, then delegates. */
    static final class RecordingSigner implements Signer {
        final List<String> calls = new ArrayList<>();
        private final Signer delegate;

        RecordingSigner(Signer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Address address() {
            calls.add("address");
            return delegate.address();
        }

        @Override
        public String label() {
            calls.add("label");
            return delegate.label();
        }

        @Override
        public SignedTransaction signTransaction(EthTransaction tx) {
            calls.add("signTransaction");
            return delegate.signTransaction(tx);
        }

        @Override
        public Signature signPersonalMessage(byte[] message) {
            calls.add("signPersonalMessage");
            return delegate.signPersonalMessage(message);
        }

        @Override
        public Signature signTypedData(TypedData typedData) {
            calls.add("signTypedData");
            return delegate.signTypedData(typedData);
        }
    }

    static RecordingSigner officer5() {
        return new RecordingSigner(SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(5), "officer 5"));
    }

    /** Installs a policy signed by admins 10 and 11 into {@code data} with the module's own API. */
    static void install(Path data, String rules) {
        SignedBundle bundle = SignedBundle.unsigned(PolicyTestbed.policyYaml(1, SAFE, rules))
                .signedBy(SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(10), "admin 10"))
                .signedBy(SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(11), "admin 11"));
        try (var journal = io.countersign.journal.AuditJournal.open(createdFolder(data).resolve("journal.sqlite"))) {
            new PolicyStore(data, journal).install(bundle, Instant.now());
        }
    }

    static Path createdFolder(Path data) {
        try {
            return java.nio.file.Files.createDirectories(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Path request(Path data, String name, String wei) {
        Path out = dir.resolve(name);
        List<String> owners = List.of(account(5).toString(), account(6).toString(), account(7).toString());
        CliRunner.Result p = new CliRunner(data).run("safe", "propose", "--offline", "--safe", SAFE.toString(), "--to",
                "0x000000000000000000000000000000000000b0b0", "--value", wei, "--chain-id", "31337", "--safe-version", "1.4.1",
                "--owners", String.join(",", owners), "--threshold", "2", "--nonce", "0", "--out", out.toString());
        assertEquals(0, p.code(), p.toString());
        return out;
    }

    /** Runs the session; returns the refusal, asserting the signer was never called and the file is unchanged. */
    CountersignException.PolicyDenied deniedWithoutTouchingTheSigner(Path data, Path req) {
        RecordingSigner signer = officer5();
        byte[] before = PolicyTestbed.bytes(req);
        try (AppContext ctx = new AppContext(data, true, null, false, Map.of())) {
            var e = assertThrows(CountersignException.PolicyDenied.class,
                    () -> new SafeSigningSession(ctx, SessionListener.NONE).sign(req, signer, SignatureMethod.EIP712));
            assertEquals(List.of(), signer.calls, "the signer was called: " + signer.calls);
            assertArrayEquals(before, PolicyTestbed.bytes(req));
            assertEquals(3, e.exitCode());
            return e;
        }
    }

    @Test
    void aDeniedRequestCallsTheSignerZeroTimes() {
        Path data = dir.resolve("deny");
        install(data, "  - {id: eth-limits, kind: limit, asset: native, perTransaction: \"10\", perDay: \"8\"}\n");
        var e = deniedWithoutTouchingTheSigner(data, request(data, "deny.json", "9000000000000000000"));
        assertTrue(e.getMessage().contains("[eth-limits] DENY"), e.getMessage());
    }

    @Test
    void aRequestThatNeedsATimelockCallsTheSignerZeroTimes() {
        Path data = dir.resolve("timelock");
        install(data, "  - {id: eth-limits, kind: limit, asset: native, perTransaction: \"10\"}\n"
                + "  - {id: big, kind: tier, level: 1, asset: native, above: \"1\", require: {timelockDelay: 3600}}\n");
        var e = deniedWithoutTouchingTheSigner(data, request(data, "timelock.json", "2000000000000000000"));
        assertTrue(e.getMessage().contains("require-timelock"), e.getMessage());
    }

    @Test
    void withNoPolicyInstalledTheSignerIsCalledZeroTimes() {
        Path data = dir.resolve("none");
        var e = deniedWithoutTouchingTheSigner(data, request(data, "none.json", "1"));
        assertTrue(e.getMessage().contains("no signed policy is installed"), e.getMessage());
    }

    @Test
    void anAllowedRequestCallsTheSignerOnceToSign() {
        Path data = dir.resolve("allow");
        install(data, "  - {id: eth-limits, kind: limit, asset: native, perTransaction: \"10\", perDay: \"8\"}\n");
        Path req = request(data, "allow.json", "1000000000000000000");
        RecordingSigner signer = officer5();
        try (AppContext ctx = new AppContext(data, true, null, false, Map.of())) {
            var signed = new SafeSigningSession(ctx, SessionListener.NONE).sign(req, signer, SignatureMethod.EIP712);
            assertEquals(account(5), signed.signer());
        }
        assertEquals(1, signer.calls.stream().filter(c -> c.startsWith("sign")).count(), signer.calls.toString());
        assertEquals("signTypedData", signer.calls.stream().filter(c -> c.startsWith("sign")).findFirst().orElseThrow());
    }
}
