package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** A remembered window is put back on a screen that is there now (no JavaFX toolkit needed). */
class WindowMemoryClampTest {
    static final Rectangle2D LEFT = new Rectangle2D(0, 0, 1920, 1040);
    static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 1280, 760);

    @Test
    void aWindowOnAScreenStaysWhereItWas() {
        assertEquals(new Rectangle2D(100, 50, 1280, 800), WindowMemory.clamp(new Rectangle2D(100, 50, 1280, 800), List.of(LEFT, RIGHT)));
    }

    @Test
    void aWindowMostlyOnTheSecondScreenIsShrunkAndMovedOntoIt() {
        // 1600×900 at x=2000 overlaps RIGHT most: RIGHT is 1280×760, so the window becomes that and starts at its corner
        assertEquals(new Rectangle2D(1920, 0, 1280, 760), WindowMemory.clamp(new Rectangle2D(2000, 100, 1600, 900), List.of(LEFT, RIGHT)));
    }

    @Test
    void aWindowOnAScreenThatIsGoneIsCentredOnTheFirst() {
        // last shown on a monitor at x=4000 that is unplugged now
        assertEquals(new Rectangle2D((1920 - 1280) / 2.0, (1040 - 800) / 2.0, 1280, 800),
                WindowMemory.clamp(new Rectangle2D(4000, 200, 1280, 800), List.of(LEFT)));
    }

    @Test
    void aWindowHangingOffTheEdgeIsPulledBackInside() {
        assertEquals(new Rectangle2D(1920 - 1300, 1040 - 700, 1300, 700),
                WindowMemory.clamp(new Rectangle2D(1800, 900, 1300, 700), List.of(LEFT)));
    }

    @Test
    void aTinyWindowGrowsToTheSmallestLayout() {
        assertEquals(new Rectangle2D(10, 10, 1024, 640), WindowMemory.clamp(new Rectangle2D(10, 10, 200, 100), List.of(LEFT)));
    }
}
