package io.countersign.app.shamir;

import io.countersign.shamir.Bip39;
import io.countersign.shamir.InvalidBip39Exception;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A secret to split: raw master-secret bytes (from hex) or the entropy of a BIP-39 phrase.
 * Holds its bytes until {@link #close()} wipes them. {@link #toString()} never shows them.
 */
public final class SecretInput implements AutoCloseable {
    private static final Pattern HEX = Pattern.compile("(0x)?[0-9a-fA-F]+");

    private final byte[] bytes;
    private final SecretKind kind;
    private final int words;

    private SecretInput(byte[] bytes, SecretKind kind, int words) {
        this.bytes = bytes;
        this.kind = kind;
        this.words = words;
    }

    /**
     * A master secret from hex ("0x" optional, spaces around ignored).
     *
     * @throws IllegalArgumentException if the text is not hex or not an even number of bytes of 16..32
     */
    public static SecretInput fromHex(String hex) {
        String s = hex.strip();
        if (!HEX.matcher(s).matches()) {
            throw new IllegalArgumentException("the secret is not hexadecimal");
        }
        String body = s.startsWith("0x") ? s.substring(2) : s;
        if (body.length() % 2 != 0) {
            throw new IllegalArgumentException("the secret has an odd number of hex digits");
        }
        byte[] b = HexFormat.of().parseHex(body.toLowerCase(Locale.ROOT));
        if (b.length < 16 || b.length > 32 || b.length % 2 != 0) {
            int n = b.length;
            Arrays.fill(b, (byte) 0);
            throw new IllegalArgumentException("the secret is " + n + " bytes; SLIP-39 takes 16 to 32 bytes, an even number"
                    + " (32 or 64 hex digits usually)");
        }
        return new SecretInput(b, SecretKind.MASTER_SECRET, 0);
    }

    /**
     * The entropy of a BIP-39 phrase (English list, checksum verified).
     *
     * @throws InvalidBip39Exception wrong word count, unknown word (with nearest words) or bad checksum
     */
    public static SecretInput fromBip39(String phrase) throws InvalidBip39Exception {
        byte[] entropy = Bip39.toEntropy(phrase);
        return new SecretInput(entropy, SecretKind.BIP39_ENTROPY, phrase.strip().split("\\s+").length);
    }

    /**
     * Hex when the text is one hex string, else a BIP-39 phrase: what the split wizard's single
     * secret field accepts.
     *
     * @throws InvalidBip39Exception a phrase that is not valid BIP-39
     * @throws IllegalArgumentException hex of a length SLIP-39 does not take
     */
    public static SecretInput detect(String text) throws InvalidBip39Exception {
        String s = text.strip();
        return HEX.matcher(s).matches() && !s.contains(" ") ? fromHex(s) : fromBip39(s);
    }

    /** The master secret bytes, not a copy: do not keep them past {@link #close()}. */
    byte[] bytes() {
        return bytes;
    }

    public SecretKind kind() {
        return kind;
    }

    /** Length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** E.g. {@code BIP-39 phrase, 24 words (256-bit entropy)} or {@code master secret, 128 bits}. */
    public String describe() {
        return kind == SecretKind.BIP39_ENTROPY
                ? "BIP-39 phrase, " + words + " words (" + bytes.length * 8 + "-bit entropy)"
                : "master secret, " + bytes.length * 8 + " bits";
    }

    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "SecretInput[" + describe() + "]";
    }
}
