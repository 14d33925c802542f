package io.countersign.app.session;

import io.countersign.eth.intent.DecoderRegistry;

/** The decoder registry the session uses. */
final class Decoders {
    private Decoders() {}

    static DecoderRegistry standard() {
        return DecoderRegistry.standard();
    }
}
