package io.countersign.app.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Keys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The official SLIP-0039 vectors (test-vectors/slip39/vectors.json: description, mnemonics,
 * master secret hex, BIP-32 xprv of the master secret as seed; passphrase "TREZOR"), and an
 * address derivation from an xprv that does not go through the code under test.
 */
final class ShamirVectorSupport {
    static final String PASSPHRASE = "TREZOR";

    record Vector(String description, List<String> mnemonics, String secretHex, String xprv) {
        boolean valid() {
            return !secretHex.isEmpty();
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private ShamirVectorSupport() {}

    static List<Vector> vectors() throws IOException {
        Path file = Path.of(System.getProperty("countersign.vectors", "../test-vectors"), "slip39", "vectors.json");
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        List<Vector> out = new ArrayList<>();
        for (JsonNode v : root) {
            List<String> mnemonics = new ArrayList<>();
            v.get(1).forEach(m -> mnemonics.add(m.asString()));
            out.add(new Vector(v.get(0).asString(), mnemonics, v.get(2).asString(), v.get(3).asString()));
        }
        return out;
    }

    static Vector vector(String descriptionPrefix) throws IOException {
        return vectors().stream().filter(v -> v.description().startsWith(descriptionPrefix)).findFirst().orElseThrow();
    }

    /**
     * The address at m/44'/60'/0'/0/0 below a BIP-32 extended private key (BIP-32
     * serialization: version 4, depth 1, parent fingerprint 4, child number 4, chain code 32,
     * 0x00 + key 32; Base58Check).
     */
    static String addressFromXprv(String xprv) {
        byte[] raw = base58CheckDecode(xprv);
        assertEquals(78, raw.length, "an xprv serializes 78 bytes");
        assertArrayEquals(new byte[] {0x04, (byte) 0x88, (byte) 0xAD, (byte) 0xE4}, Arrays.copyOf(raw, 4), "xprv version");
        assertEquals(0, raw[45], "private key marker");
        byte[] chainCode = Arrays.copyOfRange(raw, 13, 45);
        BigInteger key = new BigInteger(1, Arrays.copyOfRange(raw, 46, 78));
        Bip32ECKeyPair master = Bip32ECKeyPair.create(key, chainCode);
        int h = 0x8000_0000;
        Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | h, 60 | h, h, 0, 0});
        return "0x" + Keys.getAddress(child);
    }

    private static byte[] base58CheckDecode(String s) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        BigInteger n = BigInteger.ZERO;
        for (char c : s.toCharArray()) {
            int d = alphabet.indexOf(c);
            if (d < 0) {
                throw new IllegalArgumentException("not base58: " + c);
            }
            n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(d));
        }
        byte[] bytes = n.toByteArray();
        if (bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - 4);
        byte[] check = Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest(sha.digest(payload));
            assertArrayEquals(Arrays.copyOf(hash, 4), check, "Base58Check checksum of the xprv");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return payload;
    }
}
