package io.countersign.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The entry hash, as documented on {@link AuditJournal}: SHA-256 over the UTF-8 bytes of
 * {@code "countersign-journal/1\n" + sequence + "\n" + time + "\n" + kind + "\n"
 * + hex(previousHash) + "\n" + payloadJson}.
 */
final class ChainHash {

    /** Domain separator and format version, the first line of every preimage. */
    static final String DOMAIN = "countersign-journal/1";

    /** SHA-256 output length in bytes. */
    static final int HASH_BYTES = 32;

    /** The previous hash of entry 1: 32 zero bytes. */
    static final byte[] GENESIS = new byte[HASH_BYTES];

    static final HexFormat HEX = HexFormat.of();

    /** UTC, always exactly three fraction digits, e.g. {@code 2026-03-01T09:30:00.000Z}. */
    static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ChainHash() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String formatTime(Instant t) {
        return TIME.format(t);
    }

    /** Hashes one entry's stored fields; {@code md} is reset and reused. */
    static byte[] hash(MessageDigest md, long sequence, String time, String kind,
                       byte[] previousHash, String payloadJson) {
        String preimage = DOMAIN + '\n' + sequence + '\n' + time + '\n' + kind + '\n'
                + HEX.formatHex(previousHash) + '\n' + payloadJson;
        md.reset();
        return md.digest(preimage.getBytes(UTF_8));
    }
}
