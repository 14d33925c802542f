package io.countersign.timelock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Human text for chain times and durations in error messages. */
final class TimeText {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private TimeText() {}

    /** Seconds since the epoch as {@code 2026-11-21 14:03:00 UTC}. */
    static String utc(long epochSeconds) {
        return UTC.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** A duration in seconds as {@code 1 d 2 h 3 min 4 s} (zero parts left out; {@code 0 s} for zero). */
    static String duration(long seconds) {
        if (seconds <= 0) {
            return "0 s";
        }
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3_600;
        long m = seconds % 3_600 / 60;
        long s = seconds % 60;
        StringBuilder out = new StringBuilder();
        append(out, d, "d");
        append(out, h, "h");
        append(out, m, "min");
        append(out, s, "s");
        return out.toString();
    }

    /** {@code 86400 s (1 d)}. */
    static String seconds(java.math.BigInteger seconds) {
        return seconds + " s" + (seconds.bitLength() < 63 && seconds.longValue() >= 60 ? " (" + duration(seconds.longValue()) + ")" : "");
    }

    private static void append(StringBuilder out, long n, String unit) {
        if (n > 0) {
            out.append(out.isEmpty() ? "" : " ").append(n).append(' ').append(unit);
        }
    }
}
