package io.countersign.shamir;

/**
 * Thrown when combine or status is asked about an empty list of shares (for example
 * when the input had only blank lines). The user should enter at least one share.
 */
public final class NoSharesException extends ShamirException {
    private static final long serialVersionUID = 1L;

    NoSharesException() {
        super("no shares were given");
    }
}
