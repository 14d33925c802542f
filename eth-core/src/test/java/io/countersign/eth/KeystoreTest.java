package io.countersign.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import tools.jackson.databind.ObjectMapper;

/**
 * Our keystore v3 decryption against files written by web3j's own {@code Wallet} (an
 * independent implementation, test scope only), for both KDFs web3j writes.
 */
class KeystoreTest {
    @TempDir
    Path dir;

    Path write(WalletFile file) throws Exception {
        Path p = dir.resolve("k.json");
        Files.writeString(p, new ObjectMapper().writeValueAsString(file));
        return p;
    }

    @Test
    void scryptKeystoreFromWeb3jOpens() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        Path file = write(Wallet.createLight("correct horse", key));
        SoftwareSigner signer = SoftwareSigner.fromKeystore(file, "correct horse".toCharArray());
        assertEquals(Address.parse("0x" + Keys.getAddress(key)), signer.address());
    }

    @Test
    void wrongPasswordIsRefusedByTheMac() throws Exception {
        Path file = write(Wallet.createLight("correct horse", Keys.createEcKeyPair()));
        SignerException e = assertThrows(SignerException.class, () -> SoftwareSigner.fromKeystore(file, "battery staple".toCharArray()));
        assertEquals(SignerException.Reason.SECRET_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
    }

    @Test
    void pbkdf2KeystoreFromTheWeb3SecretStorageSpecOpens() throws Exception {
        // The PBKDF2-SHA-256 test vector of the Web3 Secret Storage Definition (password "testpassword").
        String json = """
            {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
            "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
            "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
            "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
            "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}""";
        Path file = dir.resolve("spec.json");
        Files.writeString(file, json);
        SoftwareSigner signer = SoftwareSigner.fromKeystore(file, "testpassword".toCharArray());
        ECKeyPair expected = ECKeyPair.create(Hex.decode("7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d", "key"));
        assertEquals(Address.parse("0x" + Keys.getAddress(expected)), signer.address());
    }
}
