package io.countersign.shamir;

/**
 * Thrown by {@link Slip39#combine} when more groups than the group threshold, or more shares
 * of a group than its member threshold, are given. SLIP-0039 ("Combining the shares") says a
 * combiner MUST get exactly GT groups with exactly T shares each. The user should leave out
 * the surplus shares; a face can instead call {@link CeremonyStatus#minimalShares()} and
 * combine that subset.
 */
public final class ExcessSharesException extends ShamirException {
    private static final long serialVersionUID = 1L;

    ExcessSharesException(String message) {
        super(message);
    }
}
