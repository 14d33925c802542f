package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a decoder may know besides the call itself.
 *
 * @param chainId EIP-155 chain id
 * @param safe the Safe performing the calls, if any (a call to it is a self-call)
 * @param tokens the tokens known on this chain
 * @param registry the registry that decodes nested calls
 * @param depth how many calls enclose this one (0 at the top)
 */
public record DecodeContext(BigInteger chainId, Optional<Address> safe, TokenRegistry tokens,
        DecoderRegistry registry, int depth) {

    /** Nesting deeper than this (e.g. MultiSend in a timelock in a MultiSend …) is refused as unknown. */
    public static final int MAX_DEPTH = 8;

    public DecodeContext {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(safe, "safe");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(registry, "registry");
    }

    /** A top-level context. */
    public static DecodeContext of(BigInteger chainId, Address safe, TokenRegistry tokens, DecoderRegistry registry) {
        return new DecodeContext(chainId, Optional.ofNullable(safe), tokens, registry, 0);
    }

    /**
     * Decodes a call nested in the current one (a batch leg, a timelock's inner call) with the
     * same chain, Safe and tokens, one level deeper. Beyond {@link #MAX_DEPTH} the call is a
     * {@link MalformedCall}, which the gate denies.
     */
    public List<Intent> decodeInner(Call inner) {
        if (depth + 1 > MAX_DEPTH) {
            return List.of(MalformedCall.of(inner, inner.data().length < 4 ? "(no selector)" : Selectors.ofCalldata(inner.data()),
                    "nested more than " + MAX_DEPTH + " calls deep: not decoded, so never signed"));
        }
        return registry.decode(inner, new DecodeContext(chainId, safe, tokens, registry, depth + 1));
    }

    /** Whether {@code target} is the Safe itself. */
    public boolean isSafe(Address target) {
        return safe.map(target::equals).orElse(false);
    }
}
