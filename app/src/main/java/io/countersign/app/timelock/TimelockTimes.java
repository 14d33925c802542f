package io.countersign.app.timelock;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the CLI and the console write timelock times: chain times in UTC and in the officer's
 * zone, and countdowns. All inputs are seconds since the epoch or seconds.
 */
public final class TimelockTimes {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private TimelockTimes() {}

    /** {@code 2026-11-21 14:03:00 UTC}. */
    public static String utc(long epochSeconds) {
        return UTC.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** {@code 2026-11-21 15:03:00 CET}, in {@code zone}. */
    public static String local(long epochSeconds, ZoneId zone) {
        return LOCAL.withZone(zone).format(Instant.ofEpochSecond(epochSeconds));
    }

    /** In the JVM's default zone. */
    public static String local(long epochSeconds) {
        return local(epochSeconds, ZoneId.systemDefault());
    }

    /**
     * A ticking countdown: {@code 2 d 03:04:05}, {@code 03:04:05}; {@code 00:00:00} at or below
     * zero.
     */
    public static String countdown(long seconds) {
        long s = Math.max(0, seconds);
        long d = s / 86_400;
        String hms = String.format("%02d:%02d:%02d", s % 86_400 / 3_600, s % 3_600 / 60, s % 60);
        return d > 0 ? d + " d " + hms : hms;
    }

    /** A duration for sentences: {@code 1 d 2 h 3 min 4 s}, zero parts left out; {@code 0 s} for zero. */
    public static String duration(long seconds) {
        if (seconds <= 0) {
            return "0 s";
        }
        StringBuilder out = new StringBuilder();
        part(out, seconds / 86_400, "d");
        part(out, seconds % 86_400 / 3_600, "h");
        part(out, seconds % 3_600 / 60, "min");
        part(out, seconds % 60, "s");
        return out.toString();
    }

    private static void part(StringBuilder out, long n, String unit) {
        if (n > 0) {
            out.append(out.isEmpty() ? "" : " ").append(n).append(' ').append(unit);
        }
    }
}
