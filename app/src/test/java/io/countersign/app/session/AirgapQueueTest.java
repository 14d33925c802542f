package io.countersign.app.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.airgap.AirgapCode;
import io.countersign.airgap.EthSignRequest;
import io.countersign.airgap.RequestIds;
import io.countersign.airgap.SafeTxSignData;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Call;
import io.countersign.eth.Signer;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeVersion;
import io.countersign.multisig.SignatureMethod;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An offline console's queue side of the air gap ({@link AirgapQueue}), on a 2-of-3 Safe's
 * request with no node: a Countersign request code goes into the queue; a Keystone-style
 * {@code eth-sign-request} (typed data only, its own request id) is taken only against the queued
 * copy of the same safeTxHash and refused without one; after the ordinary signing session, the
 * answer carries the scanned request's id, and a request that asked another address gets none.
 */
class AirgapQueueTest {
    static final Address SAFE = Address.parse("0x5afe00000000000000000000000000000000cafe");

    @TempDir
    Path dir;

    static Signer key(int i) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + i), "test key " + i);
    }

    static SafeRequest request() {
        SafeTx tx = SafeTx.of(Call.of(Address.parse("0x000000000000000000000000000000000000dEaD"), BigInteger.TEN.pow(18), new byte[0]),
                BigInteger.valueOf(7));
        return new SafeRequest(BigInteger.valueOf(31337), SAFE, SafeVersion.V1_4_1, tx,
                List.of(key(1).address(), key(2).address(), key(3).address()), 2, List.of(), null);
    }

    AppContext offline(String name) {
        return new AppContext(dir.resolve(name), true, null, true, Map.of());
    }

    /** A Keystone-style request: its own (random-looking) id, the SafeTx typed data, an address asked to sign. */
    static AirgapCode keystoneRequest(SafeRequest r, byte[] id, Address asked) {
        return AirgapCode.of(new EthSignRequest(id, SafeTxSignData.of(r), EthSignRequest.DataType.TYPED_DATA, r.chainId(),
                Bip32Path.parse("m/44'/60'/0'/0/0"), null, asked, "keystone").toUr());
    }

    static final byte[] KEYSTONE_ID = HexFormat.of().parseHex("9b1deb4d3b7d4bad9bdd2b0d7b3dcb6d");

    @Test
    void anEthSignRequestWithoutAQueuedCopyIsRefusedOfflineAndNothingIsWritten() throws Exception {
        try (AppContext ctx = offline("no-copy")) {
            var e = assertThrows(CountersignException.Refused.class, () -> AirgapQueue.scan(ctx, keystoneRequest(request(), KEYSTONE_ID, null)));
            assertTrue(e.getMessage().contains("carries only the SafeTx typed data"), e.getMessage());
            assertTrue(e.getMessage().contains("no queued request has this safeTxHash"), e.getMessage());
            try (var files = Files.list(ctx.requestsDir())) {
                assertEquals(0, files.count(), "the queue is empty");
            }
            assertEquals(0, ctx.journal().since(EntryKind.REQUEST, Instant.EPOCH).size());
        }
    }

    @Test
    void aKeystoneRequestMatchedToTheQueuedCopyIsAnsweredWithItsOwnRequestId() throws Exception {
        SafeRequest r = request();
        try (AppContext ctx = offline("matched")) {
            AirgapQueue.Scanned first = AirgapQueue.scan(ctx, AirgapCode.of(AirgapCode.requestUr(r)));
            assertTrue(first.added());
            assertEquals(RequestFile.toJson(r), Files.readString(first.file()), "the request as the code carried it");
            assertTrue(String.join("\n", first.checks()).contains("Not checkable offline"), first.checks().toString());

            AirgapQueue.Scanned second = AirgapQueue.scan(ctx, keystoneRequest(r, KEYSTONE_ID, key(2).address()));
            assertFalse(second.added(), "matched to the queued copy");
            assertEquals(first.file(), second.file());
            assertTrue(String.join("\n", second.checks()).contains("come from your queued copy"), second.checks().toString());
            try (var files = Files.list(ctx.requestsDir())) {
                assertEquals(1, files.count());
            }
            var scans = ctx.journal().since(EntryKind.REQUEST, Instant.EPOCH);
            assertEquals(List.of("countersign", "eth-sign-request"), scans.stream().map(e -> e.payload().path("format").asText()).toList());
            assertEquals("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", scans.get(1).payload().path("requestId").asText());

            // the officer signs it as any request; the answer echoes the Keystone request's id
            SafeSigningSession.Signed signed = new SafeSigningSession(ctx, SessionListener.NONE).sign(first.file(), key(2), SignatureMethod.EIP712);
            AirgapQueue.Answer answer = AirgapQueue.answer(ctx, signed).orElseThrow();
            assertArrayEquals(KEYSTONE_ID, answer.code().requestId());
            assertEquals(key(2).address(), answer.signer());
            assertEquals(signed.signature().encoded(), "0x" + HexFormat.of().formatHex(answer.code().signature()));
        }
    }

    @Test
    void aRequestThatAskedAnotherAddressGetsNoAnswerCode() throws Exception {
        SafeRequest r = request();
        try (AppContext ctx = offline("other-signer")) {
            Path file = AirgapQueue.scan(ctx, AirgapCode.of(AirgapCode.requestUr(r))).file();
            AirgapQueue.scan(ctx, keystoneRequest(r, KEYSTONE_ID, key(3).address()));
            SafeSigningSession.Signed signed = new SafeSigningSession(ctx, SessionListener.NONE).sign(file, key(1), SignatureMethod.EIP712);
            var e = assertThrows(CountersignException.BadSignature.class, () -> AirgapQueue.answer(ctx, signed));
            assertTrue(e.getMessage().contains("asks " + key(3).address()), e.getMessage());
        }
    }

    @Test
    void anOfflineConsoleAnswersARequestItDidNotScanWithTheIdDerivedFromTheSafeTxHash() throws Exception {
        SafeRequest r = request();
        try (AppContext ctx = offline("opened")) {
            Files.createDirectories(ctx.requestsDir());
            Path file = ctx.requestsDir().resolve("pay.json");
            RequestFile.write(r, file);
            SafeSigningSession.Signed signed = new SafeSigningSession(ctx, SessionListener.NONE).sign(file, key(1), SignatureMethod.EIP712);
            AirgapQueue.Answer answer = AirgapQueue.answer(ctx, signed).orElseThrow();
            // RequestIds: the first 16 bytes of the safeTxHash with the UUID version-4 and variant bits set
            byte[] expected = java.util.Arrays.copyOf(r.hashes().safeTxHash(), 16);
            expected[6] = (byte) ((expected[6] & 0x0F) | 0x40);
            expected[8] = (byte) ((expected[8] & 0x3F) | 0x80);
            assertArrayEquals(expected, answer.code().requestId());
        }
    }
}
