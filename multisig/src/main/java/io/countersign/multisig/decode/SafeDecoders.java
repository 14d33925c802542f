package io.countersign.multisig.decode;

import io.countersign.eth.Address;
import io.countersign.eth.intent.CallDecoder;
import io.countersign.eth.intent.DecoderRegistry;
import io.countersign.eth.intent.GasRefund;
import io.countersign.eth.intent.Intent;
import io.countersign.eth.intent.TokenRegistry;
import io.countersign.multisig.SafeTx;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The decoder registry for Safe requests: MultiSend first, then eth-core's standard decoders. */
public final class SafeDecoders {
    private SafeDecoders() {}

    /**
     * Everything a SafeTx makes the Safe do, as intents: the call's intents, then, when
     * {@code gasPrice} is non-zero, the {@link GasRefund} the Safe pays after the call whether it
     * succeeds or not (Safe {@code execTransaction} / {@code handlePayment}). With a zero
     * {@code gasPrice} the Safe pays nothing, whatever {@code baseGas}, {@code gasToken} and
     * {@code refundReceiver} say.
     *
     * @param safe the Safe that executes it (calls to it are self-calls)
     */
    public static List<Intent> intents(SafeTx tx, BigInteger chainId, Address safe, DecoderRegistry registry,
            TokenRegistry tokens) {
        List<Intent> out = new ArrayList<>(registry.decode(tx.call(), chainId, safe, tokens));
        if (tx.gasPrice().signum() > 0) {
            out.add(GasRefund.of(tx.call(), tx.safeTxGas(), tx.baseGas(), tx.gasPrice(), tx.gasToken(), tx.refundReceiver()));
        }
        return List.copyOf(out);
    }

    /** MultiSend, then ERC-20 and Safe self-calls (no timelocks: those are timelock-client's). */
    public static DecoderRegistry registry() {
        return DecoderRegistry.standard().withFirst(List.of(new MultiSendDecoder()));
    }

    /** MultiSend, then {@code extra} (e.g. timelock-client's decoder), then the standard ones. */
    public static DecoderRegistry registry(List<CallDecoder> extra) {
        List<CallDecoder> first = new ArrayList<>();
        first.add(new MultiSendDecoder());
        first.addAll(extra);
        return DecoderRegistry.standard().withFirst(first);
    }
}
