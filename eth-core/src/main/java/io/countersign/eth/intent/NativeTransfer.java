package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Native currency leaving the Safe: a call's {@code value}, with or without calldata.
 *
 * @param call the call
 * @param to the recipient
 * @param amountWei the value in wei (may be 0 for an empty call)
 */
public record NativeTransfer(Call call, Address to, BigInteger amountWei) implements Intent {
    public NativeTransfer {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amountWei, "amountWei");
    }

    @Override
    public String describe() {
        return "send " + io.countersign.eth.Erc20.toTokenUnits(amountWei, 18) + " ether (" + amountWei + " wei) to " + to;
    }
}
