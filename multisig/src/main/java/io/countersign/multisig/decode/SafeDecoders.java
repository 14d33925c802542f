package io.countersign.multisig.decode;

import io.countersign.eth.intent.CallDecoder;
import io.countersign.eth.intent.DecoderRegistry;
import java.util.ArrayList;
import java.util.List;

/** The decoder registry for Safe requests: MultiSend first, then eth-core's standard decoders. */
public final class SafeDecoders {
    private SafeDecoders() {}

    /** MultiSend, then ERC-20, Safe self-calls and timelocks. */
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
