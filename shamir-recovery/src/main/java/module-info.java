/**
 * SLIP-0039 Shamir secret sharing with BIP-39 entropy in and out. JDK only.
 */
module io.countersign.shamir {
    exports io.countersign.shamir;
}
