package io.countersign.app.cli;

import io.countersign.app.session.CountersignException;
import io.countersign.eth.Address;
import io.countersign.eth.Signer;
import java.math.BigInteger;

/** {@code --verify}: only a device can show an address to its holder. */
final class AddressVerification {
    private AddressVerification() {}

    static Address verify(Signer signer, BigInteger chainId, Output output) {
        throw new CountersignException.Usage("--verify needs a hardware signer (ledger, trezor, speculos, trezor-emu): "
                + signer.label() + " has no screen to show the address on");
    }
}
