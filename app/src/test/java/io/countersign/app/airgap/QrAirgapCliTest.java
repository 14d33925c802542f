package io.countersign.app.airgap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.airgap.EthSignatureCode;
import io.countersign.airgap.RequestIds;
import io.countersign.airgap.UrParts;
import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeAbi;
import io.countersign.multisig.SafeHasher;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.devchain.SafeDeployment;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request crossing an air gap as QR codes and its signatures coming back, on a real anvil chain
 * with a 2-of-3 Safe 1.4.1: an online and an offline Countersign (separate data folders, the
 * offline one with {@code --offline}) exchanging PNG frames, and the refusals of corrupted codes,
 * codes for another request and signatures by non-owners, which leave the request file unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QrAirgapCliTest {
    static final String MNEMONIC_VAR = "OWNERS_MNEMONIC";
    static final BigInteger ETH = BigInteger.TEN.pow(18);

    Anvil anvil;
    SafeDeployment safes;
    List<Address> owners;

    @TempDir
    Path dir;

    @BeforeAll
    void chain() {
        anvil = TestChain.start();
        safes = SafeDeployment.deploy(anvil);
        owners = List.of(account(5), account(6), account(7));
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    static Address account(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(index), "t").address();
    }

    static Bip32Path path(int index) {
        return Bip32Path.parse("m/44'/60'/0'/0/" + index);
    }

    /** The online workstation. */
    CliRunner online() {
        return new CliRunner(dir.resolve("online-data")).env(MNEMONIC_VAR, Anvil.MNEMONIC).global("--rpc", anvil.url(), "--dev-mode", "--json");
    }

    /** The air-gapped machine: no node at all. */
    CliRunner offline() {
        return new CliRunner(dir.resolve("offline-data")).env(MNEMONIC_VAR, Anvil.MNEMONIC).global("--offline", "--dev-mode", "--json");
    }

    static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    /** A funded Safe holding tokens, and a 10-leg MultiSendCallOnly batch of token transfers from it. */
    Path tenLegBatch(String name) throws Exception {
        Address safe = safes.createSafe(owners, 2, BigInteger.valueOf(System.nanoTime()));
        Address token = safes.deployToken();
        anvil.send(safes.deployer(), token, BigInteger.ZERO, Erc20.transfer(safe, BigInteger.TEN.pow(15)));
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            Address to = Address.parse(String.format("0x%040x", 0xA11CE00L + i));
            batch.append(i == 0 ? "" : ",").append("{\"to\":\"").append(token).append("\",\"value\":\"0\",\"data\":\"")
                    .append(Hex.encode(Erc20.transfer(to, BigInteger.valueOf(1000 + i)))).append("\"}");
        }
        Path calls = dir.resolve(name + "-calls.json");
        Files.writeString(calls, batch.append("]").toString());
        Path req = dir.resolve(name + ".json");
        ok(online().run("safe", "propose", "--safe", safe.toString(), "--batch", calls.toString(), "--multisend",
                safes.multiSendCallOnly().toString(), "--description", "ten grants", "--out", req.toString()));
        return req;
    }

    static List<Path> pngs(Path folder, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".png")).sorted().toList();
        }
    }

    @Test
    void tenLegBatchCrossesAsMultiPartCodeWithAThirdOfTheFramesMissingAndIsSignedOfflineAndExecuted() throws Exception {
        Path req = tenLegBatch("grants");
        byte[] original = Files.readAllBytes(req);
        assertTrue(original.length >= 3000, "the request is " + original.length + " bytes");

        Path enc = dir.resolve("grants-qr");
        CliRunner.Result encoded = ok(online().run("qr", "encode", req.toString(), "--format", "countersign", "--out", enc.toString()));
        int fragments = encoded.json().get("fragments").asInt();
        List<Path> frames = new ArrayList<>(pngs(enc, "code-"));
        assertTrue(fragments > 3, encoded.out());
        assertEquals(2 * fragments, frames.size());

        // The default two loops of frames carry each fragment only about twice; which third is
        // lost decides whether the fountain decoder can rebuild every fragment, and the request's
        // bytes (hence the mixed parts) differ per run. So the loss test takes four loops, as a
        // camera watching the repeating animation would: losing a third of those still leaves about 2.7 parts per fragment.
        Path enc4 = dir.resolve("grants-qr-4");
        ok(online().run("qr", "encode", req.toString(), "--format", "countersign", "--out", enc4.toString(),
                "--frames", Integer.toString(4 * fragments)));
        frames = new ArrayList<>(pngs(enc4, "code-"));
        assertEquals(4 * fragments, frames.size());

        // a third of the frames lost, the rest in shuffled order (fixed seed)
        long seed = 4527;
        Collections.shuffle(frames, new Random(seed));
        List<Path> seen = frames.subList(frames.size() / 3, frames.size());
        Path copy = dir.resolve("offline-copy.json");
        List<String> args = new ArrayList<>(List.of("qr", "decode"));
        seen.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--out", copy.toString()));
        CliRunner.Result decoded = offline().run(args.toArray(String[]::new));
        assertEquals(0, decoded.code(), "seed " + seed + ": " + decoded);
        assertEquals("bytes", decoded.json().get("type").asText());
        assertArrayEquals(original, Files.readAllBytes(copy), "the request crossed byte for byte");

        // both officers sign on the offline machine from the frames; their signature codes come back as PNGs
        Path merged = dir.resolve("grants-merged.json");
        Files.copy(req, merged);
        for (int owner : new int[] {5, 7}) {
            Path out = dir.resolve("offline-sig-" + owner);
            List<String> sign = new ArrayList<>(List.of("qr", "sign"));
            seen.forEach(p -> sign.add(p.toString()));
            sign.addAll(List.of("--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", path(owner).toString(), "--out", out.toString()));
            CliRunner.Result signed = ok(offline().run(sign.toArray(String[]::new)));
            assertEquals(account(owner).toString(), signed.json().get("signer").asText());
            assertEquals(RequestIds.format(RequestIds.forSafeTxHash(RequestFile.read(req).hashes().safeTxHash())),
                    signed.json().get("requestId").asText());
            List<Path> sigFrames = pngs(out, "signature-");
            assertEquals(1, sigFrames.size());
            CliRunner.Result m = ok(online().run("safe", "merge", merged.toString(), sigFrames.getFirst().toString(), "--out", merged.toString()));
            assertTrue(m.json().get("fromCodes").get(0).asText().contains("request-id"), m.out());
        }
        SafeRequest both = RequestFile.read(merged);
        assertEquals(List.of(account(5), account(7)), both.signers());
        // journals: the codes that left each machine (EXPORT) and the signatures taken from codes (COLLECT)
        String hash = both.hashes().safeTxHashHex();
        assertEquals(List.of("countersign", "countersign"), journal("online-data", io.countersign.journal.EntryKind.EXPORT, hash)
                .stream().map(p -> p.path("format").asText()).toList());
        assertEquals(List.of(account(5).toString(), account(7).toString()), journal("offline-data", io.countersign.journal.EntryKind.EXPORT, hash)
                .stream().filter(p -> p.path("format").asText().equals("eth-signature")).map(p -> p.path("signer").asText()).toList());
        assertEquals(List.of(account(5).toString() + " request-id", account(7).toString() + " request-id"),
                journal("online-data", io.countersign.journal.EntryKind.COLLECT, hash).stream()
                        .map(p -> p.path("signer").asText() + " " + p.path("matchedBy").asText()).toList());
        CliRunner.Result exec = ok(online().run("safe", "exec", merged.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR,
                "--path", path(5).toString()));
        assertTrue(exec.json().get("success").asBoolean(), exec.toString());
        Address token = legToken(both);
        for (int i = 0; i < 10; i++) {
            Address to = Address.parse(String.format("0x%040x", 0xA11CE00L + i));
            assertEquals(BigInteger.valueOf(1000 + i), SafeAbi.decodeUint(anvil.rpc().call(token, Erc20.balanceOf(to))));
        }
    }

    /** The token the batch's first leg calls (MultiSend packs: operation 1 byte, then the 20-byte address). */
    static Address legToken(SafeRequest r) {
        byte[] data = r.tx().data();
        // multiSend(bytes): selector 4, offset 32, length 32, then the first leg
        return Address.of(java.util.Arrays.copyOfRange(data, 4 + 64 + 1, 4 + 64 + 21));
    }

    /** An ETH transfer request from a fresh funded Safe. */
    Path transfer(String name) {
        Address safe = safes.createSafe(owners, 2, BigInteger.valueOf(System.nanoTime()));
        anvil.send(safes.deployer(), safe, ETH, new byte[0]);
        Path req = dir.resolve(name + ".json");
        ok(online().run("safe", "propose", "--safe", safe.toString(), "--to", "0x000000000000000000000000000000000000dEaD",
                "--value", "1000", "--out", req.toString()));
        return req;
    }

    /** An eth-signature code (UR text file) of {@code rsv} with {@code requestId}. */
    Path signatureCode(String name, byte[] requestId, byte[] rsv) throws Exception {
        Path f = dir.resolve(name + ".txt");
        Files.writeString(f, String.join("\n", UrParts.encode(new EthSignatureCode(requestId, rsv, "test").toUr())) + "\n");
        return f;
    }

    static byte[] eip712(SafeRequest r, int accountIndex) {
        SoftwareSigner key = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", path(accountIndex), "t");
        Signature s = key.signTypedData(SafeHasher.typedData(r.chainId(), r.safe(), r.safeVersion(), r.tx()));
        return s.normalizeV().toBytes();
    }

    @Test
    void corruptedFrameIsRefusedAndTheRequestFileIsUnchanged() throws Exception {
        Path req = transfer("corrupt");
        SafeRequest r = RequestFile.read(req);
        Path good = signatureCode("good", RequestIds.forSafeTxHash(r.hashes().safeTxHash()), eip712(r, 5));
        String text = Files.readString(good).strip();
        // one byteword changed in the middle of the body: the bytewords CRC-32 no longer matches
        int at = text.length() / 2;
        String flipped = text.substring(0, at) + (text.charAt(at) == 'a' ? 'e' : 'a') + text.substring(at + 1);
        Path bad = dir.resolve("corrupt-sig.txt");
        Files.writeString(bad, flipped + "\n");
        byte[] before = Files.readAllBytes(req);
        CliRunner.Result m = online().run("safe", "merge", req.toString(), bad.toString(), "--out", req.toString());
        assertEquals(1, m.code(), m.toString());
        assertTrue(m.err().contains("corrupted"), m.toString());
        assertArrayEquals(before, Files.readAllBytes(req));

        // a multi-part request code with one corrupted frame among good ones
        Path batch = tenLegBatch("corrupt-batch");
        Path enc = dir.resolve("corrupt-batch-qr");
        ok(online().run("qr", "encode", batch.toString(), "--out", enc.toString()));
        List<String> parts = Files.readAllLines(enc.resolve("code.txt"));
        String p = parts.get(2);
        int mid = p.length() - 20;
        parts.set(2, p.substring(0, mid) + (p.charAt(mid) == 'a' ? 'e' : 'a') + p.substring(mid + 1));
        Path codes = dir.resolve("corrupt-batch.txt");
        Files.write(codes, parts);
        CliRunner.Result d = offline().run("qr", "decode", codes.toString());
        assertEquals(1, d.code(), d.toString());
        assertTrue(d.err().contains("part 3") && d.err().contains("corrupted"), d.toString());
    }

    @Test
    void signatureCodeForAnotherRequestIsRefusedAndTheRequestFileIsUnchanged() throws Exception {
        Path req = transfer("mine");
        Path other = transfer("other");
        SafeRequest o = RequestFile.read(other);
        // a good signature by an owner, but over the other request (its own request-id)
        Path code = signatureCode("for-other", RequestIds.forSafeTxHash(o.hashes().safeTxHash()), eip712(o, 5));
        byte[] before = Files.readAllBytes(req);
        CliRunner.Result m = online().run("safe", "merge", req.toString(), code.toString(), "--out", req.toString());
        assertEquals(1, m.code(), m.toString());
        assertTrue(m.err().contains("for another request"), m.toString());
        assertArrayEquals(before, Files.readAllBytes(req));
        // the same code merges into the request it was made for
        ok(online().run("safe", "merge", other.toString(), code.toString(), "--out", other.toString()));
        assertEquals(List.of(account(5)), RequestFile.read(other).signers());
    }

    @Test
    void signatureByANonOwnerIsRefusedAndTheRequestFileIsUnchanged() throws Exception {
        Path req = transfer("nonowner");
        SafeRequest r = RequestFile.read(req);
        Path code = signatureCode("outsider", RequestIds.forSafeTxHash(r.hashes().safeTxHash()), eip712(r, 8));
        byte[] before = Files.readAllBytes(req);
        CliRunner.Result m = online().run("safe", "merge", req.toString(), code.toString(), "--out", req.toString());
        assertEquals(1, m.code(), m.toString());
        assertTrue(m.err().contains("recovers to " + account(8)) && m.err().contains("not an owner"), m.toString());
        assertArrayEquals(before, Files.readAllBytes(req));
        assertEquals(List.of(), journal("online-data", io.countersign.journal.EntryKind.COLLECT, r.hashes().safeTxHashHex()),
                "a refused signature is not journalled as collected");
    }

    /** The payloads of the {@code kind} entries for {@code safeTxHash} in a machine's journal. */
    List<tools.jackson.databind.JsonNode> journal(String dataDir, io.countersign.journal.EntryKind kind, String safeTxHash) {
        try (var j = io.countersign.journal.AuditJournal.open(dir.resolve(dataDir).resolve("journal.sqlite"))) {
            return j.since(kind, java.time.Instant.EPOCH).stream().map(io.countersign.journal.JournalEntry::payload)
                    .filter(p -> safeTxHash.equalsIgnoreCase(p.path("safeTxHash").asText())).toList();
        }
    }
}
