/**
 * SLIP-0039 and BIP-39 (see {@code io.countersign.shamir}'s package documentation). JDK only:
 * PBKDF2, HMAC-SHA256 and SHA-256 come from {@code java.base}, so this module requires nothing
 * else. The word lists are resources of the exported package.
 */
module io.countersign.shamir {
    exports io.countersign.shamir;
}
