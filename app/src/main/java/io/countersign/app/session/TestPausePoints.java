package io.countersign.app.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TEST-ONLY: named points in the signing pipeline where a process can be made to stop, so a test
 * can kill it ({@code kill -9}) or race another process against it at an exact moment instead of
 * guessing with sleeps. Off unless both JVM system properties are set, which no launcher, command
 * option or environment variable does:
 * <ul>
 * <li>{@value #DIR_PROPERTY}: a folder the test watches;</li>
 * <li>{@value #AT_PROPERTY}: the one point to stop at (below).</li>
 * </ul>
 * At that point the process creates {@code DIR/POINT.reached} and then waits until the test
 * creates {@code DIR/POINT.go}. Every other point, and every point when the properties are not
 * set, passes through at once.
 *
 * <p>The points of {@link SafeSigningSession#sign}, in order:
 * <ul>
 * <li>{@link #BEFORE_DECISION}: the request was read and decoded; no decision yet;</li>
 * <li>{@link #DECISION_RESERVED}: the DECISION entry and its spend reservation are committed; the
 * device was not asked;</li>
 * <li>{@link #SIGNATURE_JOURNALLED}: the SIGNATURE entry is committed; the request file does not
 * hold the signature yet;</li>
 * <li>{@link #REQUEST_TEMP_WRITTEN}: the signed request is written and forced to a temporary file
 * beside the request file; the rename over it has not happened.</li>
 * </ul>
 */
public final class TestPausePoints {
    /** System property naming the folder of {@code POINT.reached} / {@code POINT.go}. */
    public static final String DIR_PROPERTY = "countersign.testOnly.pauseDir";
    /** System property naming the point to stop at. */
    public static final String AT_PROPERTY = "countersign.testOnly.pauseAt";

    public static final String BEFORE_DECISION = "before-decision";
    public static final String DECISION_RESERVED = "decision-reserved";
    public static final String SIGNATURE_JOURNALLED = "signature-journalled";
    public static final String REQUEST_TEMP_WRITTEN = "request-temp-written";

    private TestPausePoints() {}

    /** True when this process stops at {@code point} (only ever under a test that set both properties). */
    public static boolean armed(String point) {
        return point.equals(System.getProperty(AT_PROPERTY)) && System.getProperty(DIR_PROPERTY) != null;
    }

    /** Stops at {@code point} when a test armed it (see the class comment); otherwise returns at once. */
    public static void pass(String point) {
        if (!armed(point)) {
            return;
        }
        Path dir = Path.of(System.getProperty(DIR_PROPERTY));
        Path go = dir.resolve(point + ".go");
        try {
            Files.createFile(dir.resolve(point + ".reached"));
            while (!Files.exists(go)) {
                Thread.sleep(10);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("test pause point " + point + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("test pause point " + point + " interrupted", e);
        }
    }
}
