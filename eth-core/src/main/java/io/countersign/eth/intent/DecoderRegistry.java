package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Operation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tries its decoders in order; the first that recognises a call wins, and a call nobody
 * recognises becomes an {@link UnknownCall}. Around the decoders it applies the rules every call
 * shares:
 * <ul>
 *   <li>empty calldata is a {@link NativeTransfer} (of 0 wei too: the call still runs the
 *       recipient's fallback);</li>
 *   <li>a call with calldata that also carries value yields, after the decoded intents, a
 *       {@link NativeTransfer} of that value, so native spend is always visible as such;</li>
 *   <li>a DELEGATECALL is wrapped in a {@link DelegateCall} whose inner intents are what the
 *       decoders make of the calldata;</li>
 *   <li>CREATE (Safe 0.1.0 and 1.0.0 only) is an {@link UnknownCall}: the calldata is init code
 *       whose effects no decoder can see.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class DecoderRegistry {
    private final List<CallDecoder> decoders;

    private DecoderRegistry(List<CallDecoder> decoders) {
        this.decoders = List.copyOf(decoders);
    }

    /**
     * ERC-20 and Safe self-calls, in that order. Modules add their own decoders with
     * {@link #withFirst(List)}: multisig's MultiSend, timelock-client's OpenZeppelin and Compound
     * timelocks.
     */
    public static DecoderRegistry standard() {
        return new DecoderRegistry(List.of(new Erc20Decoder(), new SafeSelfCallDecoder()));
    }

    /** Exactly these decoders, in this order. */
    public static DecoderRegistry of(List<CallDecoder> decoders) {
        return new DecoderRegistry(decoders);
    }

    /** A registry that tries {@code first} before this one's decoders (e.g. MultiSend, a module's timelock decoder). */
    public DecoderRegistry withFirst(List<CallDecoder> first) {
        List<CallDecoder> all = new ArrayList<>(first);
        all.addAll(decoders);
        return new DecoderRegistry(all);
    }

    /** Decodes a top-level call of {@code safe} (null when no Safe performs it). */
    public List<Intent> decode(Call call, BigInteger chainId, Address safe, TokenRegistry tokens) {
        return decode(call, DecodeContext.of(chainId, safe, tokens, this));
    }

    /** Decodes a call in a given context; never empty. */
    public List<Intent> decode(Call call, DecodeContext ctx) {
        return switch (call.operation()) {
            case CREATE -> List.of(UnknownCall.of(call, "contract creation (operation CREATE)"));
            case DELEGATECALL -> List.of(new DelegateCall(call, call.to(), decodeData(call, ctx)));
            case CALL -> withValue(call, decodeData(call, ctx));
        };
    }

    private List<Intent> decodeData(Call call, DecodeContext ctx) {
        byte[] data = call.data();
        if (data.length == 0) {
            return call.operation() == Operation.CALL
                    ? List.of(new NativeTransfer(call, call.to(), call.value()))
                    : List.of(UnknownCall.of(call, "delegatecall with no calldata runs the target's fallback"));
        }
        if (data.length < 4) {
            return List.of(UnknownCall.of(call, "calldata of " + data.length + " bytes has no 4-byte selector"));
        }
        for (CallDecoder decoder : decoders) {
            Optional<List<Intent>> intents = decoder.decode(call, ctx);
            if (intents.isPresent() && !intents.get().isEmpty()) {
                return intents.get();
            }
        }
        return List.of(UnknownCall.of(call, "no decoder knows selector " + Selectors.ofCalldata(data)));
    }

    private static List<Intent> withValue(Call call, List<Intent> decoded) {
        if (call.value().signum() == 0 || call.data().length == 0) {
            return decoded;
        }
        List<Intent> all = new ArrayList<>(decoded);
        all.add(new NativeTransfer(call, call.to(), call.value()));
        return List.copyOf(all);
    }
}
