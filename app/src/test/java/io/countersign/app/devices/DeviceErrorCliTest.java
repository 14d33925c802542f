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
import io.countersign.hw.trezor.proto.TrezorEip712;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The typed device errors (docs/devices.md) at the command line: {@code safe sign} against an emulated Ledger
 * (the real {@code speculos:} TCP transport) answering a status word, an emulated Trezor (the real
 * {@code trezor-emu:} UDP transport) cancelled on its screen, and a Ledger unplugged mid-exchange.
 * Each case checks the exit code (README.md, "The command line"), the words an officer needs, that the request file is
 * byte-for-byte unchanged, and that the journal recorded the request but no SIGNATURE.
 *
 * <p>The requests are made offline (owners travel in the file) and the emulated devices hold an
 * owner's key, so the device's answer is the only thing that can fail.
 */
class DeviceErrorCliTest {
    static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/5");
    static final Address SAFE = Address.parse("0x5afe000000000000000000000000000000005afe");

    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(dir.resolve("data")).global("--dev-mode", "--offline", "--json", "--allow-blind");
    }

    static Address account(int index) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + index), "t").address();
    }

    /** An offline 2-of-3 request (owners: anvil accounts 5, 6, 7) paying 1 wei. */
    Path request(String name) {
        Path out = dir.resolve(name);
        String owners = String.join(",", List.of(account(5).toString(), account(6).toString(), account(7).toString()));
        CliRunner.Result p = cli().run("safe", "propose", "--safe", SAFE.toString(), "--to", account(9).toString(), "--value", "1",
                "--chain-id", "1", "--safe-version", "1.4.1", "--owners", owners, "--threshold", "2", "--nonce", "0", "--out", out.toString());
        assertEquals(0, p.code(), p.toString());
        return out;
    }

    CliRunner.Result sign(Path req, String uri, String method) {
        return cli().run("safe", "sign", req.toString(), "--signer", uri, "--path", PATH.toString(), "--method", method);
    }

    /** Entry kinds in the journal, through {@code audit export}. */
    List<String> journalKinds() {
        CliRunner.Result r = new CliRunner(dir.resolve("data")).run("audit", "export", "--format", "json");
        assertEquals(0, r.code(), r.toString());
        List<String> kinds = new ArrayList<>();
        for (JsonNode e : r.json()) {
            kinds.add(e.get("kind").asText());
        }
        return kinds;
    }

    /** The file is untouched and the journal holds the request and the decision but no signature. */
    void assertNothingWritten(Path req, byte[] before) throws Exception {
        assertArrayEquals(before, Files.readAllBytes(req), "request file byte-for-byte unchanged");
        List<String> kinds = journalKinds();
        assertTrue(kinds.contains("REQUEST") && kinds.contains("DECISION"), "the journal did record the attempt: " + kinds);
        assertFalse(kinds.contains("SIGNATURE"), "no SIGNATURE entry: " + kinds);
    }

    @ParameterizedTest(name = "status {0} with --method {1} → exit {2}")
    @CsvSource(delimiter = '|', value = {
        "6985 | eth_sign | 4 | rejected on the Ledger",
        "6985 | eip712   | 4 | rejected on the Ledger",
        "5515 | eth_sign | 5 | the Ledger is locked (status 0x5515): unlock it with its PIN",
        "6d00 | eth_sign | 5 | the Ethereum app is not open on the Ledger (status 0x6d00): open the Ethereum app",
        "6e00 | eth_sign | 5 | the Ethereum app is not open on the Ledger (status 0x6e00): open the Ethereum app",
        "6511 | eip712   | 5 | the Ethereum app is not open on the Ledger (status 0x6511): open the Ethereum app",
        "6a80 | eth_sign | 5 | go to Settings and enable \"Blind signing\", then try again",
    })
    void ledgerStatusWordBecomesTheTypedErrorAndNothingIsWritten(String sw, String method, int exit, String words) throws Exception {
        Path req = request("sw-" + sw + "-" + method + ".json");
        byte[] before = Files.readAllBytes(req);
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            ledger.answerNextWith(Integer.parseInt(sw, 16));
            CliRunner.Result r = sign(req, ledger.uri(), method);
            assertEquals(exit, r.code(), r.toString());
            assertTrue(r.err().contains(words), r.err());
            assertEquals(exit, r.json().get("exitCode").asInt());
            assertEquals(1, ledger.apdus().size(), "the device was asked once and its answer ended the exchange: " + ledger.apdus());
        }
        assertNothingWritten(req, before);
    }

    /** Control for the cases above: the same request and emulator without an injected status word signs. */
    @Test
    void theSameRequestSignsWhenTheDeviceApproves() throws Exception {
        Path req = request("approved.json");
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            CliRunner.Result r = sign(req, ledger.uri(), "eth_sign");
            assertEquals(0, r.code(), r.toString());
            assertEquals(account(5).toString(), r.json().get("signer").asText());
        }
        assertTrue(journalKinds().contains("SIGNATURE"));
        assertTrue(Files.readString(req).contains(account(5).toString()), "the signature was added to the file");
    }

    @Test
    void ledgerUnpluggedMidExchangeGivesAClearMessageAndNothingIsWritten() throws Exception {
        Path req = request("unplugged.json");
        byte[] before = Files.readAllBytes(req);
        try (EmulatedSpeculos ledger = EmulatedSpeculos.start(Anvil.MNEMONIC, PATH)) {
            ledger.dropNextExchange();
            CliRunner.Result r = sign(req, ledger.uri(), "eth_sign");
            assertEquals(5, r.code(), r.toString());
            assertTrue(r.err().contains("closed the connection in the middle of an exchange"), r.err());
            assertTrue(r.err().contains("no signature was received"), r.err());
            assertFalse(r.err().contains("\tat "), "a message, not a stack trace: " + r.err());
        }
        assertNothingWritten(req, before);
    }

    @Test
    void trezorCancelledOnItsScreenExitsFourAndNothingIsWritten() throws Exception {
        Path req = request("trezor-cancel.json");
        byte[] before = Files.readAllBytes(req);
        try (EmulatedTrezor trezor = new EmulatedTrezor(Anvil.MNEMONIC, "T")) {
            String uri = trezor.startUdp();
            trezor.refuseNextButton();
            CliRunner.Result r = sign(req, uri, "eip712");
            assertEquals(4, r.code(), r.toString());
            assertTrue(r.err().toLowerCase().contains("cancel"), r.err());
            assertTrue(r.err().contains("nothing was written"), r.err());
            // The cancel came from the device after it was asked to sign the SafeTx, not from an earlier step.
            assertEquals("SafeTx", trezor.last(TrezorEip712.EthereumSignTypedData.class).getPrimaryType());
        }
        assertNothingWritten(req, before);
    }
}
