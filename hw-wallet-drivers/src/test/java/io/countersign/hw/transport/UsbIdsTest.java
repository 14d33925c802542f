package io.countersign.hw.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ledger models as {@code countersign devices} names them, from the USB product id. Expected
 * names and ids are ledgerjs' device table ({@code @ledgerhq/devices}, {@code devices.ts}): a
 * current firmware reports {@code MMII} (model byte, interface bits), an older one the legacy id.
 */
class UsbIdsTest {

    @ParameterizedTest(name = "product 0x{0} is {1}")
    @CsvSource({
            // productIdMM << 8 | interfaces (0x01 generic HID, 0x10 WebUSB, ...)
            "1011, Nano S", "4011, Nano X", "5011, Nano S Plus", "6011, Stax", "7011, Flex", "8011, Nano Gen5",
            "1015, Nano S", "5000, Nano S Plus",
            // legacyUsbProductId
            "0001, Nano S", "0004, Nano X", "0005, Nano S Plus", "0006, Stax", "0007, Flex", "0008, Nano Gen5",
            // not in the table: said as such, with the id
            "9011, Ledger (product 0x9011)", "0009, Ledger (product 0x0009)"})
    void ledgerModelFromProductId(String hexProductId, String model) {
        assertEquals(model, UsbIds.ledgerModel(Integer.parseInt(hexProductId, 16)));
    }
}
