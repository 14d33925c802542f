package io.countersign.hw.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.eth.Bip32Path;
import io.countersign.eth.SignerException.Reason;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.HardwareSigners;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each Ledger status word becomes its typed error and Reason; replay mismatches name the line. */
class StatusWordErrorTest {
    private static final Bip32Path PATH = Bip32Path.parse("m/44'/60'/0'/0/0");

    @ParameterizedTest
    @CsvSource({
        "0x6985, RefusedOnDevice, REFUSED, rejected on the Ledger",
        "0x5515, DeviceLocked, UNAVAILABLE, locked",
        "0x6d00, WrongApp, UNAVAILABLE, open the Ethereum app",
        "0x6e00, WrongApp, UNAVAILABLE, open the Ethereum app",
        "0x6511, WrongApp, UNAVAILABLE, open the Ethereum app",
        "0x6a80, BlindSigningDisabled, UNAVAILABLE, enable \"Blind signing\"",
        "0x6f00, DeviceFailure, FAILED, status 0x6f00"})
    void statusWordMapsToTypedError(String sw, String type, Reason reason, String words) {
        try (EmulatedSpeculos device = EmulatedSpeculos.start(SpeculosSignerTest.MNEMONIC, PATH);
                LedgerSigner signer = HardwareSigners.openLedger(device.uri(), PATH, DevicePrompts.SILENT, null)) {
            device.answerNextWith(Integer.decode(sw));
            DeviceException e = assertThrows(DeviceException.class, () -> signer.signPersonalMessage(new byte[] {42}));
            assertEquals(type, e.getClass().getSimpleName());
            assertEquals(reason, e.reason());
            assertTrue(e.getMessage().contains(words), e.getMessage());
        }
    }

    @Test
    void replayFailsOnTheFirstDifferingApduNamingLineAndBothApdus(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.apdus");
        Files.writeString(file, "# comment\n=> e006000000\n<= 010101069000\n=> e006000000\n<= 010101069000\n");
        try (LedgerSigner s = HardwareSigners.openLedger("ledger-replay:" + file, PATH, DevicePrompts.SILENT, null)) {
            s.app().getAppConfiguration();
            DeviceException.ReplayMismatch e = assertThrows(DeviceException.ReplayMismatch.class,
                    () -> s.app().getAddress(PATH, false, false, null));
            assertEquals(4, e.line());
            assertTrue(e.getMessage().contains("expected e006000000, actual e002000015"), e.getMessage());
        } catch (DeviceException.ReplayMismatch leftOver) {
            assertEquals(4, leftOver.line(), "close() also reports the unsent APDU at line 4");
        }
    }

    @Test
    void replayFailsAtCloseWhenApdusAreLeftOver(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.apdus");
        Files.writeString(file, "=> e006000000\n<= 010101069000\n=> e006000000\n<= 010101069000\n");
        LedgerSigner s = HardwareSigners.openLedger("ledger-replay:" + file, PATH, DevicePrompts.SILENT, null);
        s.app().getAppConfiguration();
        DeviceException.ReplayMismatch e = assertThrows(DeviceException.ReplayMismatch.class, s::close);
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("1 recorded APDU(s) left over"), e.getMessage());
    }

    @Test
    void replayFailsWhenTheClientSendsBeyondTheEnd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.apdus");
        Files.writeString(file, "=> e006000000\n<= 010101069000\n");
        try (LedgerSigner s = HardwareSigners.openLedger("ledger-replay:" + file, PATH, DevicePrompts.SILENT, null)) {
            s.app().getAppConfiguration();
            DeviceException.ReplayMismatch e = assertThrows(DeviceException.ReplayMismatch.class, () -> s.app().getAppConfiguration());
            assertTrue(e.getMessage().contains("the recording ended but the client sent e006000000"), e.getMessage());
        }
    }
}
