package io.countersign.eth.intent;

import io.countersign.eth.Call;
import java.util.List;
import java.util.Optional;

/**
 * Turns calls it recognises into {@link Intent}s. Implementations are stateless and pure: no
 * network, no clock. Modules contribute decoders for their own contracts (multisig: MultiSend;
 * timelock-client: timelocks) and the app registers them in a {@link DecoderRegistry}.
 */
@FunctionalInterface
public interface CallDecoder {

    /**
     * Decodes one call.
     *
     * @param call the call, as the Safe (or a batch leg, or a timelock) performs it
     * @param ctx chain id, Safe address, known tokens, and {@link DecodeContext#decodeInner(Call)}
     *     for calls nested in this one
     * @return the intents, or empty when this decoder does not recognise the call (the registry
     *     then tries the next decoder). A decoder that recognises the selector but cannot decode
     *     the arguments canonically returns a {@link MalformedCall} saying so, never empty and
     *     never an {@link UnknownCall}: the gate denies it whatever the policy allow-lists.
     */
    Optional<List<Intent>> decode(Call call, DecodeContext ctx);
}
