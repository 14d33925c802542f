package io.countersign.eth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.Sign;

/**
 * A secp256k1 key held in this process: a BIP-39 mnemonic account, a Web3 Secret Storage
 * keystore, or a raw key in tests. Used for demo signers, recovery and tests; treasury keys
 * belong on a device.
 */
public final class SoftwareSigner implements Signer {
    private ECKeyPair keyPair;
    private final Address address;
    private final String label;

    private SoftwareSigner(ECKeyPair keyPair, String label) {
        this.keyPair = keyPair;
        this.address = Address.fromPublicKey(org.web3j.utils.Numeric.toBytesPadded(keyPair.getPublicKey(), 64));
        this.label = label;
    }

    /** A signer over a raw 32-byte private key. */
    public static SoftwareSigner fromPrivateKey(byte[] privateKey32, String label) {
        if (privateKey32.length != 32) {
            throw new EthException.InvalidInputException("a private key is 32 bytes, got " + privateKey32.length);
        }
        return new SoftwareSigner(ECKeyPair.create(privateKey32), label);
    }

    /**
     * The account at {@code path} of a BIP-39 phrase (English word list) and optional BIP-39
     * passphrase, derived with BIP-32.
     *
     * @throws SignerException (SECRET_UNAVAILABLE) if the phrase fails its BIP-39 checksum
     */
    public static SoftwareSigner fromMnemonic(String phrase, String passphrase, Bip32Path path, String label) {
        String normalized = String.join(" ", phrase.trim().split("\\s+"));
        if (!MnemonicUtils.validateMnemonic(normalized)) {
            throw new SignerException(SignerException.Reason.SECRET_UNAVAILABLE,
                    "the recovery phrase is not a valid BIP-39 phrase (unknown word or bad checksum)");
        }
        byte[] seed = MnemonicUtils.generateSeed(normalized, passphrase == null ? "" : passphrase);
        try {
            Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
            Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(master, path.indices());
            return new SoftwareSigner(child, label + " " + path);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * The account in a Web3 Secret Storage (v3) keystore file.
     *
     * @param password wiped by the caller after this returns
     * @throws SignerException (SECRET_UNAVAILABLE) if the file can't be read or the password is
     *     wrong
     */
    public static SoftwareSigner fromKeystore(Path file, char[] password) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SignerException(SignerException.Reason.SECRET_UNAVAILABLE, "cannot read keystore " + file + ": " + e.getMessage(), e);
        }
        byte[] key;
        try {
            key = Web3Keystore.decrypt(json, password);
        } catch (SignerException e) {
            throw new SignerException(e.reason(), "keystore " + file.getFileName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SignerException(SignerException.Reason.SECRET_UNAVAILABLE,
                    "keystore " + file.getFileName() + " is not a Web3 Secret Storage file: " + e.getMessage(), e);
        }
        try {
            return new SoftwareSigner(ECKeyPair.create(key), "keystore " + file.getFileName());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public Address address() {
        return address;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public SignedTransaction signTransaction(EthTransaction tx) {
        Sign.SignatureData sig = Sign.signMessage(tx.signingHash(), key(), false);
        return tx.sign(sig.getV()[0] - 27, sig.getR(), sig.getS());
    }

    @Override
    public Signature signPersonalMessage(byte[] message) {
        return signDigest(Eip191.hashPersonalMessage(message));
    }

    @Override
    public Signature signTypedData(TypedData typedData) {
        return signDigest(typedData.digest());
    }

    /** Signs a 32-byte digest as is (no prefix); {@code v} is 27 or 28. */
    public Signature signDigest(byte[] digest32) {
        Sign.SignatureData sig = Sign.signMessage(digest32, key(), false);
        return new Signature(sig.getR(), sig.getS(), sig.getV()[0] & 0xff);
    }

    private ECKeyPair key() {
        if (keyPair == null) {
            throw new SignerException(SignerException.Reason.FAILED, "this signer was closed");
        }
        return keyPair;
    }

    /** Drops the reference to the key (BigInteger keys cannot be wiped in place). */
    @Override
    public void close() {
        keyPair = null;
    }
}
