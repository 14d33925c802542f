package io.countersign.eth;

import java.util.ArrayList;
import java.util.List;

/**
 * A BIP-32 derivation path such as {@code m/44'/60'/0'/0/0}: a list of 32-bit indices, the
 * hardened ones with bit 31 set (BIP-32, "Key tree").
 */
public record Bip32Path(int[] indices) {
    /** Bit 31: a hardened index. */
    public static final int HARDENED = 0x8000_0000;
    /** {@code m/44'/60'/0'/0/0}, the first Ethereum account (BIP-44, coin type 60). */
    public static final Bip32Path ETHEREUM_FIRST = parse("m/44'/60'/0'/0/0");

    public Bip32Path {
        indices = indices.clone();
    }

    /**
     * Parses {@code m/…} with {@code '} or {@code h} marking hardened indices.
     *
     * @throws EthException.InvalidInputException on any other shape or an index ≥ 2^31
     */
    public static Bip32Path parse(String text) {
        String t = text.trim();
        if (!t.equals("m") && !t.startsWith("m/")) {
            throw new EthException.InvalidInputException("derivation path must start with m/, e.g. m/44'/60'/0'/0/0: " + text);
        }
        List<Integer> out = new ArrayList<>();
        if (t.length() > 1) {
            for (String part : t.substring(2).split("/")) {
                boolean hardened = part.endsWith("'") || part.endsWith("h") || part.endsWith("H");
                String digits = hardened ? part.substring(0, part.length() - 1) : part;
                long index;
                try {
                    index = Long.parseLong(digits);
                } catch (NumberFormatException e) {
                    throw new EthException.InvalidInputException("derivation path has a bad index '" + part + "': " + text);
                }
                if (index < 0 || index >= HARDENED_LIMIT) {
                    throw new EthException.InvalidInputException("derivation path index out of range (0..2^31-1): " + part);
                }
                out.add((int) index | (hardened ? HARDENED : 0));
            }
        }
        return new Bip32Path(out.stream().mapToInt(Integer::intValue).toArray());
    }

    private static final long HARDENED_LIMIT = 1L << 31;

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bip32Path p && java.util.Arrays.equals(indices, p.indices);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("m");
        for (int i : indices) {
            sb.append('/').append(i & 0x7fff_ffff);
            if ((i & HARDENED) != 0) {
                sb.append('\'');
            }
        }
        return sb.toString();
    }
}
