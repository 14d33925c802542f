package io.countersign.eth.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Token units grouped by thousands, every fraction digit kept. */
class TokenAmountTextTest {
    @Test
    void groupsTheWholePartOnly() {
        assertEquals("250,000", TokenInfo.grouped(new BigDecimal("250000")));
        assertEquals("999", TokenInfo.grouped(new BigDecimal("999")));
        assertEquals("1,000", TokenInfo.grouped(new BigDecimal("1000")));
        assertEquals("1,234,567.000001", TokenInfo.grouped(new BigDecimal("1234567.000001")));
        assertEquals("0.5", TokenInfo.grouped(new BigDecimal("0.5")));
        assertEquals("-12,345.6789", TokenInfo.grouped(new BigDecimal("-12345.6789")));
    }
}
