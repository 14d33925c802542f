package io.countersign.app.session;

import io.countersign.eth.intent.DecoderRegistry;
import io.countersign.multisig.decode.SafeDecoders;
import io.countersign.timelock.TimelockCallDecoder;
import java.util.List;

/** The decoder registry the session uses: MultiSend legs, timelock steps, then ERC-20 and Safe self-calls. */
final class Decoders {
    private Decoders() {}

    private static final DecoderRegistry STANDARD = SafeDecoders.registry(List.of(new TimelockCallDecoder()));

    static DecoderRegistry standard() {
        return STANDARD;
    }
}
