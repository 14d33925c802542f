package io.countersign.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The entry hash computed from the canonical form as written in {@link AuditJournal}'s
 * Javadoc, independently of the production code: tests compare against this.
 */
final class DocumentedHash {

    static final String ZERO_HASH = "0".repeat(64);

    private DocumentedHash() {
    }

    static String entryHash(long sequence, String time, String kind, String previousHashHex, String canonicalPayload) {
        String preimage = "countersign-journal/1\n" + sequence + "\n" + time + "\n" + kind + "\n"
                + previousHashHex + "\n" + canonicalPayload;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(preimage.getBytes(UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
