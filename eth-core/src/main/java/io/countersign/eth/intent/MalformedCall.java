package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.util.Objects;

/**
 * Calldata whose 4-byte selector a decoder knows, but whose arguments are not the canonical ABI
 * encoding of that function: trailing bytes, dirty high bits in an address, odd or overlapping
 * offsets, truncation, batch arrays of different lengths, MultiSend legs that do not fill the
 * packed bytes exactly. Solidity ignores trailing bytes and reads offsets where they point, so
 * such a call may still execute and do something other than any reading of it shows. The policy
 * gate denies it whatever {@code contract-allow} says; it is always flagged.
 *
 * @param call the call
 * @param target the called account
 * @param selector {@code 0x} + 8 hex digits
 * @param signature the canonical signature the selector belongs to, e.g. {@code "transfer(address,uint256)"}
 *     (the bare selector for a call nested deeper than {@link DecodeContext#MAX_DEPTH})
 * @param why what is wrong, e.g. {@code "not in canonical ABI encoding (100 bytes, canonical 68)"}
 */
public record MalformedCall(Call call, Address target, String selector, String signature, String why)
        implements Intent {
    public MalformedCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(why, "why");
    }

    /** A malformed call of {@code signature}, built from the call's own calldata. */
    public static MalformedCall of(Call call, String signature, String why) {
        return new MalformedCall(call, call.to(), Selectors.ofCalldata(call.data()), signature, why);
    }

    @Override
    public String describe() {
        return "MALFORMED call " + signature + " on " + target + " (" + call.data().length + " bytes of calldata): " + why;
    }

    @Override
    public boolean flagged() {
        return true;
    }
}
