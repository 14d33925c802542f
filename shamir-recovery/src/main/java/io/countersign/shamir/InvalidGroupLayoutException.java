package io.countersign.shamir;

/**
 * Thrown when split is asked for a layout SLIP-0039 does not allow: no groups or more than
 * 16, a group threshold outside 1..group count, a member threshold outside 1..member count,
 * more than 16 members, a member threshold of 1 with more than one member (SLIP-0039 "Two
 * level scheme": use a 1-of-1 group instead), or an iteration exponent outside 0..15. The
 * message names the offending group; the user should change the layout.
 */
public final class InvalidGroupLayoutException extends ShamirException {
    private static final long serialVersionUID = 1L;

    InvalidGroupLayoutException(String message) {
        super(message);
    }
}
