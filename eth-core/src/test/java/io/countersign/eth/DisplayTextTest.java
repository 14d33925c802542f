package io.countersign.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Control, bidi and invisible characters become visible escapes; ordinary text is untouched. */
class DisplayTextTest {
    @Test
    void terminalControlsBecomeVisibleEscapes() {
        assertEquals("pay \\x1b[8mhidden\\x1b[0m", DisplayText.escape("pay \u001b[8mhidden\u001b[0m"));
        assertEquals("\\x1b[2Jclear", DisplayText.escape("\u001b[2Jclear"));
        assertEquals("1 USDC\\x0d100000 USDC", DisplayText.escape("1 USDC\r100000 USDC"));
        assertEquals("a\\x7fb\\x9bc\\x00", DisplayText.escape("a\u007fb\u009bc\u0000"));
        assertEquals("line\\x0anext\\x09tab", DisplayText.escape("line\nnext\ttab"));
        assertEquals("line\nnext\\x0d", DisplayText.escapeKeepingLines("line\nnext\r"));
    }

    @Test
    void bidiOverridesIsolatesAndInvisibleFormatCharactersAreEscaped() {
        assertEquals("invoice \\u202egnp.exe", DisplayText.escape("invoice \u202egnp.exe"));
        for (int cp : new int[] {0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f,
                0x061c, 0x200b, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x2028, 0x2029}) {
            assertEquals(String.format(cp < 0x100 ? "\\x%02x" : "\\u%04x", cp), DisplayText.escape(new String(Character.toChars(cp))),
                    Integer.toHexString(cp));
        }
        assertEquals("\\U000e0041", DisplayText.escape(new String(Character.toChars(0xe0041))), "a tag character");
        assertEquals("\\ud800x", DisplayText.escape("\ud800x"), "a lone surrogate");
    }

    @Test
    void printableTextIncludingNonLatinScriptsAndEmojiIsReturnedAsIs() {
        String plain = "Payroll · Zahlung für März — 給与 🙂 C:\\Users\\officer";
        assertSame(plain, DisplayText.escape(plain));
        assertEquals(null, DisplayText.escape(null));
    }
}
