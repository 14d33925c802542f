package io.countersign.eth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Decrypts a Web3 Secret Storage (keystore v3) file: scrypt or PBKDF2-HMAC-SHA256 key
 * derivation, the keccak-256 MAC over {@code derivedKey[16..32] ‖ ciphertext}, and
 * AES-128-CTR. Written here because web3j keeps its {@code Wallet} in {@code core}, which
 * would bring a network stack into the offline signer; tests check it against web3j's.
 */
final class Web3Keystore {
    private Web3Keystore() {}

    /**
     * @param json the keystore file's text
     * @return the 32-byte private key (the caller wipes it)
     * @throws SignerException (SECRET_UNAVAILABLE) on a wrong password (MAC mismatch) or an
     *     unsupported or malformed file
     */
    static byte[] decrypt(String json, char[] password) {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root.path("version").asInt() != 3) {
            throw fail("only keystore version 3 is supported, this file says version " + root.path("version"));
        }
        JsonNode crypto = root.has("crypto") ? root.get("crypto") : root.get("Crypto");
        if (crypto == null) {
            throw fail("the keystore has no crypto section");
        }
        if (!"aes-128-ctr".equals(crypto.path("cipher").asText())) {
            throw fail("unsupported keystore cipher " + crypto.path("cipher").asText() + " (expected aes-128-ctr)");
        }
        byte[] ciphertext = Hex.decode(crypto.path("ciphertext").asText(), "ciphertext");
        byte[] iv = Hex.decode(crypto.path("cipherparams").path("iv").asText(), "iv", 16);
        byte[] mac = Hex.decode(crypto.path("mac").asText(), "mac", 32);
        byte[] derived = deriveKey(crypto.path("kdf").asText(), crypto.path("kdfparams"), password);
        try {
            byte[] macInput = new byte[16 + ciphertext.length];
            System.arraycopy(derived, 16, macInput, 0, 16);
            System.arraycopy(ciphertext, 0, macInput, 16, ciphertext.length);
            if (!MessageDigest.isEqual(Hash.sha3(macInput), mac)) {
                throw fail("wrong password (the keystore's MAC does not match)");
            }
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, 0, 16, "AES"), new IvParameterSpec(iv));
            return aes.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new SignerException(SignerException.Reason.SECRET_UNAVAILABLE, "cannot decrypt keystore: " + e.getMessage(), e);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static byte[] deriveKey(String kdf, JsonNode p, char[] password) {
        byte[] salt = Hex.decode(p.path("salt").asText(), "salt");
        int dkLen = p.path("dklen").asInt();
        if (dkLen < 32) {
            throw fail("keystore dklen must be at least 32, got " + dkLen);
        }
        switch (kdf) {
            case "scrypt" -> {
                byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
                try {
                    return SCrypt.generate(pw, salt, p.path("n").asInt(), p.path("r").asInt(), p.path("p").asInt(), dkLen);
                } finally {
                    Arrays.fill(pw, (byte) 0);
                }
            }
            case "pbkdf2" -> {
                if (!"hmac-sha256".equals(p.path("prf").asText())) {
                    throw fail("unsupported pbkdf2 prf " + p.path("prf").asText() + " (expected hmac-sha256)");
                }
                try {
                    PBEKeySpec spec = new PBEKeySpec(password, salt, p.path("c").asInt(), dkLen * 8);
                    try {
                        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                    } finally {
                        spec.clearPassword();
                    }
                } catch (GeneralSecurityException e) {
                    throw new SignerException(SignerException.Reason.SECRET_UNAVAILABLE, "PBKDF2 failed: " + e.getMessage(), e);
                }
            }
            default -> throw fail("unsupported keystore kdf " + kdf + " (expected scrypt or pbkdf2)");
        }
    }

    private static SignerException fail(String message) {
        return new SignerException(SignerException.Reason.SECRET_UNAVAILABLE, message);
    }
}
