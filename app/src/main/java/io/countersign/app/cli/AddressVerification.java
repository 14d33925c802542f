package io.countersign.app.cli;

import io.countersign.app.session.CountersignException;
import io.countersign.eth.Address;
import io.countersign.eth.Signer;
import java.math.BigInteger;

/** {@code --verify}: the device shows the address (and, given a chain id, the network) to its holder. */
final class AddressVerification {
    private AddressVerification() {}

    static Address verify(Signer signer, BigInteger chainId, Output output) {
        output.info("Compare the address on your device with the one printed here, character by character.");
        if (!signer.canShowAddress()) {
            throw new CountersignException.Usage("--verify needs a hardware signer (ledger, trezor, speculos, trezor-emu): "
                    + signer.label() + " has no screen to show the address on");
        }
        return signer.showAddress(chainId);
    }
}
