package io.countersign.app.shamir;

import io.countersign.eth.Address;
import io.countersign.shamir.Bip39;
import io.countersign.shamir.InvalidBip39Exception;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The result of a combine: the master secret (held until {@link #close()} wipes it), the
 * fingerprint address of the wallet it opens, and which input shares were used. Its
 * {@link #toString()} never shows the secret.
 */
public final class Recovery implements AutoCloseable {
    private final byte[] secret;
    private final SecretKind kind;
    private final Address fingerprint;
    private final List<Integer> usedPositions;
    private final int sharesGiven;
    private final String summary;
    private boolean wiped;

    Recovery(byte[] secret, SecretKind kind, Address fingerprint, List<Integer> usedPositions, int sharesGiven,
             String summary) {
        this.secret = secret;
        this.kind = kind;
        this.fingerprint = fingerprint;
        this.usedPositions = List.copyOf(usedPositions);
        this.sharesGiven = sharesGiven;
        this.summary = summary;
    }

    /** The master secret as bare lower-case hex (no 0x), as SLIP-39 tools print it. */
    public String secretHex() {
        check();
        return HexFormat.of().formatHex(secret);
    }

    /** Length of the master secret in bytes (16..32). */
    public int secretLength() {
        return secret.length;
    }

    /**
     * The BIP-39 phrase whose entropy the secret is (12..24 words).
     *
     * @throws InvalidBip39Exception if the secret is not 16, 20, 24, 28 or 32 bytes
     */
    public String bip39() throws InvalidBip39Exception {
        check();
        return Bip39.fromEntropy(secret);
    }

    /** How the fingerprint was derived. */
    public SecretKind kind() {
        return kind;
    }

    /** First Ethereum address (m/44'/60'/0'/0/0) of the recovered wallet. */
    public Address fingerprint() {
        return fingerprint;
    }

    /** 1-based input positions of the shares that were combined (exactly the thresholds' worth). */
    public List<Integer> usedPositions() {
        return usedPositions;
    }

    /** Number of shares the guardians entered (repeats included). */
    public int sharesGiven() {
        return sharesGiven;
    }

    /** The ceremony status line, e.g. {@code group 1: 2 of 2 ✓ · group 2: 3 of 3 ✓}. */
    public String summary() {
        return summary;
    }

    /** A second recovery view of the same secret under another kind (recomputes the fingerprint). */
    public Recovery as(SecretKind other) throws InvalidBip39Exception {
        check();
        byte[] copy = secret.clone();
        try {
            return new Recovery(copy, other, Fingerprints.of(copy, other), usedPositions, sharesGiven, summary);
        } catch (InvalidBip39Exception | RuntimeException e) {
            Arrays.fill(copy, (byte) 0);
            throw e;
        }
    }

    private void check() {
        if (wiped) {
            throw new IllegalStateException("the recovered secret was wiped");
        }
    }

    /** Wipes the secret. */
    @Override
    public void close() {
        Arrays.fill(secret, (byte) 0);
        wiped = true;
    }

    @Override
    public String toString() {
        return "Recovery[" + secret.length + " bytes, " + kind + ", fingerprint " + fingerprint + ", shares "
                + usedPositions + "]";
    }
}
