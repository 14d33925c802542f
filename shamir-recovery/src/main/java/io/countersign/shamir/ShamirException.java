package io.countersign.shamir;

/**
 * Root of every error this module reports. The set of subtypes is closed, so a face
 * (CLI, wizard) can switch over them exhaustively and word a message for each.
 *
 * <p>Messages never contain a secret or a whole share. Errors about one share name it
 * by its 1-based position in the caller's input ("share 3"); groups are named by their
 * 1-based number ("group 2" is group index 1 in SLIP-0039 terms).
 */
public abstract sealed class ShamirException extends Exception
        permits NoSharesException, UnknownWordException, InvalidMnemonicLengthException,
                InvalidChecksumException, InvalidPaddingException, InvalidShareException,
                MixedIdentifiersException, MixedIterationExponentsException,
                MismatchedParameterException, DuplicateMemberIndexException,
                InsufficientSharesException, InsufficientGroupsException, ExcessSharesException,
                DigestMismatchException, InvalidPassphraseException, InvalidSecretException,
                InvalidGroupLayoutException, InvalidBip39Exception {

    private static final long serialVersionUID = 1L;

    ShamirException(String message) {
        super(message);
    }

    /** "share N" for a 1-based position, or "the share" when the position is unknown (0). */
    static String shareName(int position) {
        return position > 0 ? "share " + position : "the share";
    }
}
