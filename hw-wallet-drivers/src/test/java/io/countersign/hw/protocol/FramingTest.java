package io.countersign.hw.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ledger HID framing and Trezor protocol-v1 chunking, with byte arrays only. */
class FramingTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void ledgerShortApduIsOneReportWithChannelTagSequenceAndLength() {
        List<byte[]> packets = LedgerHidFraming.wrap(HEX.parseHex("e006000000"));
        assertEquals(1, packets.size());
        byte[] expected = new byte[64];
        System.arraycopy(HEX.parseHex("0101050000" + "0005" + "e006000000"), 0, expected, 0, 12);
        assertArrayEquals(expected, packets.get(0));
    }

    @Test
    void ledgerLongApduContinuesWithSequenceOneAndNoLength() {
        byte[] apdu = new byte[100];
        for (int i = 0; i < apdu.length; i++) {
            apdu[i] = (byte) i;
        }
        List<byte[]> packets = LedgerHidFraming.wrap(apdu);
        assertEquals(2, packets.size());
        assertEquals("0101050000" + "0064", HEX.formatHex(packets.get(0), 0, 7));
        assertEquals(57, packets.get(1)[5] & 0xff, "second report resumes at byte 57 (64 - 5 header - 2 length)");
        assertEquals("0101050001", HEX.formatHex(packets.get(1), 0, 5));
        assertArrayEquals(apdu, LedgerHidFraming.unwrap(packets));
    }

    @Test
    void ledgerUnwrapRejectsOutOfOrderReports() {
        List<byte[]> packets = LedgerHidFraming.wrap(new byte[100]);
        LedgerHidFraming.Unwrapper u = new LedgerHidFraming.Unwrapper();
        assertNull(u.add(packets.get(0)));
        packets.get(1)[4] = 5;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> u.add(packets.get(1)));
        assertEquals("HID report out of order: expected sequence 1, got 5", e.getMessage());
    }

    @Test
    void trezorFirstPacketCarriesMagicTypeAndLength() {
        List<byte[]> packets = TrezorV1Codec.encode(56, HEX.parseHex("0a0102"));
        assertEquals(1, packets.size());
        assertEquals("3f2323" + "0038" + "00000003" + "0a0102" + "00", HEX.formatHex(packets.get(0), 0, 13));
    }

    @Test
    void trezorContinuationPacketsStartWithQuestionMarkAndCarry63Bytes() {
        byte[] payload = new byte[55 + 63 + 1];
        payload[55] = 0x11;
        payload[118] = 0x22;
        List<byte[]> packets = TrezorV1Codec.encode(0x01c4, payload);
        assertEquals(3, packets.size());
        assertEquals(0x3f, packets.get(1)[0]);
        assertEquals(0x11, packets.get(1)[1]);
        assertEquals(0x22, packets.get(2)[1]);
        TrezorV1Codec.Decoder d = new TrezorV1Codec.Decoder();
        assertNull(d.add(packets.get(0)));
        assertNull(d.add(packets.get(1)));
        TrezorV1Codec.Message m = d.add(packets.get(2));
        assertEquals(0x01c4, m.type());
        assertArrayEquals(payload, m.payload());
    }

    @Test
    void trezorDecoderRejectsAPacketWithoutMagic() {
        byte[] bad = new byte[64];
        bad[0] = 0x3f;
        bad[1] = 0x00;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrezorV1Codec.Decoder().add(bad));
        assertEquals("first protocol-v1 packet does not start with '?##'", e.getMessage());
    }
}
