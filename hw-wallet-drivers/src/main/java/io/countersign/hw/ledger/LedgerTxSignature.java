package io.countersign.hw.ledger;

import java.math.BigInteger;

/**
 * A transaction signature as hw-app-eth returns it.
 *
 * @param v for legacy transactions the full EIP-155 {@code v} (or 27/28 without a chain id); for
 *     typed transactions the y-parity 0/1
 * @param r 32 bytes
 * @param s 32 bytes
 */
public record LedgerTxSignature(BigInteger v, byte[] r, byte[] s) {
    public LedgerTxSignature {
        r = r.clone();
        s = s.clone();
    }

    @Override
    public byte[] r() {
        return r.clone();
    }

    @Override
    public byte[] s() {
        return s.clone();
    }

    /** {@code v} as even-length lowercase hex without 0x, as hw-app-eth formats it (e.g. "01", "0542b8613e"). */
    public String vHex() {
        String hex = v.toString(16);
        return hex.length() % 2 == 1 ? "0" + hex : hex;
    }
}
