package io.countersign.hw.protocol.thp;

/**
 * Bytes that are not a valid THP packet or transport payload: an unknown control byte, a reserved
 * channel id, a length outside 4..60000, or a CRC that does not match. The receiver discards such a
 * payload (specification.md, "Error detection layer"); the sender's retransmission recovers it.
 */
public final class ThpFramingException extends Exception {
    private final boolean checksum;

    public ThpFramingException(String message) {
        this(message, false);
    }

    ThpFramingException(String message, boolean checksum) {
        super(message);
        this.checksum = checksum;
    }

    /** True if only the CRC was wrong (a damaged or incompletely received payload). */
    public boolean badChecksum() {
        return checksum;
    }
}
