package io.countersign.eth;

import java.util.Arrays;
import java.util.Locale;
import org.web3j.crypto.Hash;

/**
 * A 20-byte Ethereum account address, formatted with the EIP-55 mixed-case checksum.
 * Immutable; equality is by bytes.
 */
public final class Address implements Comparable<Address> {
    /** The zero address {@code 0x0000…0000}. */
    public static final Address ZERO = new Address(new byte[20]);

    private final byte[] bytes;

    private Address(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Parses a 0x-prefixed 40-digit hex address. All-lower-case and all-upper-case input is
     * accepted as is; mixed case must carry a valid EIP-55 checksum.
     *
     * @param field field name for the error message
     * @throws EthException.InvalidInputException on a wrong length, non-hex digits or a
     *     checksum mismatch
     */
    public static Address parse(String text, String field) {
        if (text == null) {
            throw new EthException.InvalidInputException(field + " is missing (expected a 0x… address)");
        }
        String s = text.trim();
        if (!s.startsWith("0x") && !s.startsWith("0X") || s.length() != 42) {
            throw new EthException.InvalidInputException(
                    field + " is not an address (0x followed by 40 hex digits): " + s);
        }
        Address address = new Address(Hex.decode(s, field));
        String body = s.substring(2);
        boolean mixed = !body.equals(body.toLowerCase(Locale.ROOT)) && !body.equals(body.toUpperCase(Locale.ROOT));
        if (mixed && !address.toString().substring(2).equals(body)) {
            throw new EthException.InvalidInputException(field + " " + s
                    + " fails its EIP-55 checksum (expected " + address + "): check for a typo");
        }
        return address;
    }

    /** Parses with the field name {@code "address"}. */
    public static Address parse(String text) {
        return parse(text, "address");
    }

    /** Wraps exactly 20 bytes (copied). */
    public static Address of(byte[] bytes) {
        if (bytes.length != 20) {
            throw new EthException.InvalidInputException("an address is 20 bytes, got " + bytes.length);
        }
        return new Address(bytes.clone());
    }

    /** The address of an uncompressed secp256k1 public key (64 bytes, no 0x04 prefix). */
    public static Address fromPublicKey(byte[] publicKey64) {
        byte[] hash = Hash.sha3(publicKey64);
        return new Address(Arrays.copyOfRange(hash, 12, 32));
    }

    /** The 20 address bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case {@code 0x…} form, as used in JSON-RPC and typed data. */
    public String toLowerHex() {
        return Hex.encode(bytes);
    }

    /** EIP-55 checksummed form. */
    @Override
    public String toString() {
        String lower = Hex.encodeBare(bytes);
        String hashHex = Hex.encodeBare(Hash.sha3(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append(Character.digit(hashHex.charAt(i), 16) >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Orders as unsigned 160-bit integers, the order Safe requires for packed signatures. */
    @Override
    public int compareTo(Address other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }
}
