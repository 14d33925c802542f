package io.countersign.timelock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TimeTextTest {
    @Test
    void utcAndCountdownsReadLikeAClock() {
        assertEquals("1970-01-01 00:00:00 UTC", TimeText.utc(0));
        assertEquals("2033-05-18 03:33:20 UTC", TimeText.utc(2_000_000_000L));
        assertEquals("1 d 1 h 1 min 1 s", TimeText.duration(90_061));
        assertEquals("2 d", TimeText.duration(172_800));
        assertEquals("0 s", TimeText.duration(-5));
        assertEquals("3600 s (1 h)", TimeText.seconds(BigInteger.valueOf(3_600)));
        assertEquals("59 s", TimeText.seconds(BigInteger.valueOf(59)));
    }
}
