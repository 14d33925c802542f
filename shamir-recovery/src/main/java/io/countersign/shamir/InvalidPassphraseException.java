package io.countersign.shamir;

/**
 * Thrown when a passphrase contains a byte outside printable ASCII (code points 32..126),
 * which SLIP-0039 ("Passphrase") requires for interoperability. The user should choose a
 * passphrase of plain ASCII letters, digits, punctuation and spaces; a passphrase typed on
 * another wallet with accented letters cannot be entered into a SLIP-0039 backup.
 */
public final class InvalidPassphraseException extends ShamirException {
    private static final long serialVersionUID = 1L;

    private final int position;

    InvalidPassphraseException(int position) {
        super("passphrase character " + position + " is not printable ASCII (32..126)");
        this.position = position;
    }

    /** 1-based position of the first offending byte. */
    public int position() { return position; }
}
