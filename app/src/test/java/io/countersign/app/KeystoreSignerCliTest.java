package io.countersign.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * {@code --signer keystore:FILE} with the password from {@code $COUNTERSIGN_PASSWORD} (never from
 * argv), on the Web3 Secret Storage definition's PBKDF2 test vector (password "testpassword").
 */
class KeystoreSignerCliTest {
    static final String SPEC_KEYSTORE = """
        {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
        "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
        "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
        "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
        "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}""";

    @TempDir
    Path dir;

    @Test
    void keystoreSignerOpensWithThePasswordFromTheEnvironmentAndSigns() throws Exception {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, SPEC_KEYSTORE);
        // The spec's private key; its address computed by web3j (not by our keystore code).
        String expected = Keys.toChecksumAddress(Keys.getAddress(ECKeyPair.create(
                new java.math.BigInteger("7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d", 16))));
        CliRunner cli = new CliRunner(dir.resolve("data")).env("COUNTERSIGN_PASSWORD", "testpassword").global("--offline", "--dev-mode", "--json");
        CliRunner.Result address = cli.run("address", "--signer", "keystore:" + file);
        assertEquals(0, address.code(), address.toString());
        assertEquals(expected, address.json().get("address").asText());
        CliRunner.Result signed = cli.run("message", "sign", "--text", "hello", "--signer", "keystore:" + file);
        assertEquals(0, signed.code(), signed.toString());
        assertEquals(expected, signed.json().get("address").asText());
        assertFalse(signed.out().contains("testpassword") || signed.err().contains("testpassword"), "the password is never echoed");
    }

    @Test
    void wrongPasswordIsRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, SPEC_KEYSTORE);
        CliRunner.Result r = new CliRunner(dir.resolve("data")).env("COUNTERSIGN_PASSWORD", "not it").global("--offline", "--json")
                .run("address", "--signer", "keystore:" + file);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("wrong password"), r.err());
    }
}
