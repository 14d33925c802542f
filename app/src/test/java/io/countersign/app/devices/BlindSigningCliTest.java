package io.countersign.app.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.hw.ledger.EmulatedSpeculos;
import io.countersign.hw.trezor.EmulatedTrezor;
import io.countersign.multisig.RequestFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Hash-only (blind) signing happens only with {@code --allow-blind}: {@code --method eth_sign},
 * a Ledger Ethereum app without EIP-712 clear signing, a Trezor One. Without the flag nothing is
 * signed and the message says what to do; with it the SIGNATURE entry says {@code blind: true}.
 * Devices are the named fixtures {@code EmulatedSpeculos} and {@code EmulatedTrezor}.
 */
class BlindSigningCliTest {
    static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/5");
    static final Address SAFE = Address.parse("0xEf74c0473590c8418897F6748a2dD43677d1153D");
    static final int INS_SIGN_EIP712 = 0x0C;
    static final int INS_SIGN_PERSONAL = 0x08;

    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--dev-mode", "--offline", "--json");
    }

    static Address account(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + index), "t").address();
    }

    Path request(String name) {
        Path out = dir.resolve(name);
        String owners = String.join(",", List.of(account(5).toString(), account(6).toString(), account(7).toString()));
        CliRunner.Result p = cli().run("safe", "propose", "--safe", SAFE.toString(), "--to", account(9).toString(), "--value", "1",
                "--chain-id", "1", "--safe-version", "1.4.1", "--owners", owners, "--threshold", "2", "--nonce", "0", "--out", out.toString());
        assertEquals(0, p.code(), p.toString());
        return out;
    }

    /** The {@code blind} field of the journal's SIGNATURE entries, oldest first. */
    List<Boolean> blindFlags() {
        CliRunner.Result r = new CliRunner(dir.resolve("data")).run("audit", "export", "--format", "json");
        assertEquals(0, r.code(), r.toString());
        List<Boolean> flags = new java.util.ArrayList<>();
        JsonNode all = r.json();
        for (JsonNode e : all.has("entries") ? all.get("entries") : all) {
            if ("SIGNATURE".equals(e.path("kind").asText())) {
                flags.add(e.path("payload").path("blind").asBoolean(false) ? Boolean.TRUE
                        : e.path("payload").has("blind") ? Boolean.FALSE : null);
            }
        }
        return flags;
    }

    @Test
    void ethSignNeedsAllowBlindAndIsJournalledAsBlind() throws Exception {
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            Path req = request("eth-sign.json");
            byte[] before = Files.readAllBytes(req);
            CliRunner.Result no = cli().run("safe", "sign", req.toString(), "--signer", ledger.uri(), "--path", PATH.toString(),
                    "--method", "eth_sign");
            assertEquals(2, no.code(), no.toString());
            assertTrue(no.err().contains("blind signing") && no.err().contains("--allow-blind"), no.err());
            assertTrue(ledger.apdus().isEmpty(), "the device was not asked: " + ledger.apdus());
            assertArrayEquals(before, Files.readAllBytes(req));

            CliRunner.Result yes = cli().run("safe", "sign", req.toString(), "--signer", ledger.uri(), "--path", PATH.toString(),
                    "--method", "eth_sign", "--allow-blind");
            assertEquals(0, yes.code(), yes.toString());
            assertEquals(List.of(Boolean.TRUE), blindFlags());
        }
    }

    @Test
    void aLedgerAppWithoutClearSigningSignsNothingWithoutAllowBlind() throws Exception {
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            ledger.withoutEip712Full("1.9.0");
            Path req = request("old-app.json");
            byte[] before = Files.readAllBytes(req);
            CliRunner.Result no = cli().run("safe", "sign", req.toString(), "--signer", ledger.uri(), "--path", PATH.toString());
            assertEquals(1, no.code(), no.toString());
            assertTrue(no.err().contains("cannot show EIP-712 fields") && no.err().contains("--allow-blind")
                    && no.err().contains("nothing was signed"), no.err());
            assertTrue(ledger.apdusWithIns(INS_SIGN_EIP712).isEmpty(), "no SIGN EIP-712 APDU: " + ledger.apdus());
            assertArrayEquals(before, Files.readAllBytes(req));
            assertTrue(RequestFile.read(req).signatures().isEmpty());

            CliRunner.Result yes = cli().run("safe", "sign", req.toString(), "--signer", ledger.uri(), "--path", PATH.toString(),
                    "--allow-blind");
            assertEquals(0, yes.code(), yes.toString());
            assertFalse(ledger.apdusWithIns(INS_SIGN_EIP712).isEmpty());
            assertEquals(List.of(Boolean.TRUE), blindFlags());
        }
    }

    @Test
    void aClearSignedSignatureIsJournalledAsNotBlind() throws Exception {
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            Path req = request("clear.json");
            CliRunner.Result r = cli().run("safe", "sign", req.toString(), "--signer", ledger.uri(), "--path", PATH.toString());
            assertEquals(0, r.code(), r.toString());
            assertEquals(List.of(Boolean.FALSE), blindFlags());
        }
    }

    @Test
    void aTrezorOneRefusesTypedDataHashesWithoutAllowBlind() throws Exception {
        try (EmulatedTrezor trezor = new EmulatedTrezor(Anvil.MNEMONIC, "1")) {
            String uri = trezor.startUdp();
            Path req = request("trezor-one.json");
            byte[] before = Files.readAllBytes(req);
            CliRunner.Result no = cli().run("safe", "sign", req.toString(), "--signer", uri, "--path", PATH.toString());
            assertEquals(1, no.code(), no.toString());
            assertTrue(no.err().contains("Trezor One cannot show EIP-712 fields") && no.err().contains("--allow-blind"), no.err());
            assertTrue(trezor.received().stream().noneMatch(m -> m.getClass().getSimpleName().startsWith("EthereumSignTyped")),
                    "no signing message reached the Trezor: " + trezor.received());
            assertArrayEquals(before, Files.readAllBytes(req));

            CliRunner.Result yes = cli().run("safe", "sign", req.toString(), "--signer", uri, "--path", PATH.toString(), "--allow-blind");
            assertEquals(0, yes.code(), yes.toString());
            assertEquals(List.of(Boolean.TRUE), blindFlags());
        }
    }
}
