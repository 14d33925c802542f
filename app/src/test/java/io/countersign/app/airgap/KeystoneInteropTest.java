package io.countersign.app.airgap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestChain;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.devchain.SafeDeployment;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Interop with the reference ERC-4527 implementation, Keystone's {@code @keystonehq/bc-ur-registry-eth}
 * (installed in testchain/), both ways, on a 2-of-3 Safe 1.4.1 on anvil:
 *
 * <ol>
 *   <li>Keystone's {@code EthSignRequest} for a SafeTx (typed data built by the script from the
 *       request's fields, as Safe{Wallet} would) is decoded and signed by {@code qr sign}; Keystone's
 *       decoder reads our {@code eth-signature}, and ethers recovers it to the owner.</li>
 *   <li>Our {@code eth-sign-request} ({@code qr encode --format eth-sign-request}) is decoded by
 *       Keystone's decoder, its typed data hashed by ethers to the safeTxHash, signed with another
 *       owner's key and answered with Keystone's {@code ETHSignature}, which {@code safe merge} adds.</li>
 * </ol>
 * The merged request then executes on anvil. The node process runs locally with no network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeystoneInteropTest {
    static final String MNEMONIC_VAR = "OWNERS_MNEMONIC";
    static final ObjectMapper JSON = new ObjectMapper();

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

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).env(MNEMONIC_VAR, Anvil.MNEMONIC).global("--rpc", anvil.url(), "--dev-mode", "--json");
    }

    static Path testchain() {
        String d = System.getProperty("countersign.testchain");
        if (d == null) {
            fail("system property countersign.testchain is not set; run the tests through Maven");
        }
        Path root = Path.of(d);
        if (!Files.isDirectory(root.resolve("node_modules/@keystonehq/bc-ur-registry-eth"))) {
            fail("@keystonehq/bc-ur-registry-eth not found under " + root + "/node_modules: run `npm ci` in testchain/");
        }
        return root;
    }

    /** Runs one request through the Keystone/ethers script and returns its answer. */
    JsonNode keystone(ObjectNode request) throws Exception {
        Path js = dir.resolve("keystone-ur.cjs");
        if (!Files.exists(js)) {
            try (InputStream in = KeystoneInteropTest.class.getResourceAsStream("keystone-ur.cjs")) {
                Files.write(js, in.readAllBytes());
            }
        }
        ProcessBuilder pb = new ProcessBuilder("node", js.toString(), testchain().toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start node (" + e.getMessage() + "): install Node.js and run `npm ci` in testchain/", e);
        }
        try (var in = p.getOutputStream()) {
            in.write(request.toString().getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, p.exitValue(), "node failed: " + out);
        return JSON.readTree(out);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void keystoneRequestSignedByQrSignAndOurRequestSignedThroughKeystoneMergeAndExecute() throws Exception {
        Address safe = safes.createSafe(owners, 2, BigInteger.valueOf(System.nanoTime()));
        anvil.send(safes.deployer(), safe, BigInteger.TEN.pow(18), new byte[0]);
        Address recipient = Address.parse("0x000000000000000000000000000000000000bEEF");
        Path req = dir.resolve("pay.json");
        assertEquals(0, cli().run("safe", "propose", "--safe", safe.toString(), "--to", recipient.toString(), "--value", "123456789",
                "--out", req.toString()).code());
        SafeRequest r = RequestFile.read(req);
        String safeTxHash = r.hashes().safeTxHashHex();

        // 1. Keystone's EthSignRequest -> qr sign (online: owners from the chain) -> Keystone reads our eth-signature
        String uuid = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
        ObjectNode make = JSON.createObjectNode().put("op", "make-request").put("path", path(5).toString()).put("xfp", "f23f9fd2")
                .put("uuid", uuid).put("address", account(5).toString()).put("origin", "Keystone interop test").put("fragment", 120);
        make.set("request", JSON.readTree(Files.readString(req)));
        JsonNode made = keystone(make);
        List<String> requestParts = strings(made.get("parts"));
        assertTrue(requestParts.size() > 1, "Keystone's request is multi-part at 120-byte fragments: " + requestParts.size());
        Path keystoneRequest = dir.resolve("keystone-request.txt");
        Files.write(keystoneRequest, requestParts);
        CliRunner.Result decoded = cli().run("qr", "decode", keystoneRequest.toString());
        assertEquals(0, decoded.code(), decoded.toString());
        assertEquals("eth-sign-request", decoded.json().get("type").asText());
        assertEquals(uuid, decoded.json().get("requestId").asText());
        assertEquals(2, decoded.json().get("dataType").asInt());
        assertEquals("31337", decoded.json().get("chainId").asText());
        assertEquals(path(5).toString(), decoded.json().get("path").asText());
        assertEquals("f23f9fd2", decoded.json().get("sourceFingerprint").asText());
        assertEquals(account(5).toString(), decoded.json().get("address").asText());
        assertEquals(safeTxHash, decoded.json().get("safeTxHash").asText());

        Path signedDir = dir.resolve("qr-signed");
        CliRunner.Result signed = cli().run("qr", "sign", keystoneRequest.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR,
                "--path", path(5).toString(), "--out", signedDir.toString());
        assertEquals(0, signed.code(), signed.toString());
        assertEquals(uuid, signed.json().get("requestId").asText());
        JsonNode read = keystone(JSON.createObjectNode().put("op", "read-signature")
                .set("parts", JSON.valueToTree(Files.readAllLines(signedDir.resolve("signature.txt")))));
        assertEquals(uuid, read.get("requestId").asText());
        assertEquals("countersign", read.get("origin").asText());
        JsonNode recovered = keystone(JSON.createObjectNode().put("op", "verify").put("typedData", made.get("typedData").asText())
                .put("signature", read.get("signature").asText()));
        assertEquals(account(5).toString(), recovered.get("signer").asText(), "ethers recovers Keystone's reading of our signature");

        // 2. our eth-sign-request -> Keystone decodes, ethers hashes and signs with owner 7 -> Keystone's ETHSignature -> safe merge
        Path enc = dir.resolve("for-keystone");
        CliRunner.Result encoded = cli().run("qr", "encode", req.toString(), "--format", "eth-sign-request", "--path", path(7).toString(),
                "--xfp", "f23f9fd2", "--address", account(7).toString(), "--out", enc.toString());
        assertEquals(0, encoded.code(), encoded.toString());
        JsonNode answered = keystone(JSON.createObjectNode().put("op", "read-request-and-sign").put("mnemonic", Anvil.MNEMONIC)
                .put("path", path(7).toString()).set("parts", JSON.valueToTree(Files.readAllLines(enc.resolve("code.txt")))));
        assertEquals(encoded.json().get("requestId").asText(), answered.get("requestId").asText());
        assertEquals(2, answered.get("dataType").asInt());
        assertEquals(31337, answered.get("chainId").asInt());
        assertEquals(path(7).toString(), "m/" + answered.get("path").asText(), "Keystone writes paths without m/");
        assertEquals("f23f9fd2", answered.get("xfp").asText());
        assertEquals(account(7).toString(), answered.get("address").asText());
        assertEquals(safeTxHash, answered.get("safeTxHash").asText(), "ethers hashes our typed data to the safeTxHash");
        Path keystoneSignature = dir.resolve("keystone-signature.txt");
        Files.write(keystoneSignature, strings(answered.get("parts")));

        // both signatures come back as eth-signature codes: ours (Keystone's request id, matched by recovery), Keystone's (ours)
        Path merged = dir.resolve("merged.json");
        CliRunner.Result m = cli().run("safe", "merge", req.toString(), signedDir.resolve("signature.txt").toString(),
                keystoneSignature.toString(), "--out", merged.toString());
        assertEquals(0, m.code(), m.toString());
        assertEquals(account(5) + " (matched by recovered)", m.json().get("fromCodes").get(0).asText());
        assertEquals(account(7) + " (matched by request-id)", m.json().get("fromCodes").get(1).asText());
        assertEquals(List.of(account(5), account(7)), RequestFile.read(merged).signers());

        BigInteger before = anvil.rpc().balance(recipient);
        CliRunner.Result exec = cli().run("safe", "exec", merged.toString(), "--signer", "mnemonic-env:" + MNEMONIC_VAR, "--path", path(6).toString());
        assertEquals(0, exec.code(), exec.toString());
        assertTrue(exec.json().get("success").asBoolean(), exec.toString());
        assertEquals(before.add(BigInteger.valueOf(123456789)), anvil.rpc().balance(recipient));
    }
}
