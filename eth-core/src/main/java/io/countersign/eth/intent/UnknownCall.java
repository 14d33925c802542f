package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Hex;
import java.util.Arrays;
import java.util.Objects;

/**
 * Calldata no decoder understood, shown raw and always flagged.
 *
 * @param call the call
 * @param target the called account
 * @param selector {@code 0x} + 8 hex digits, or {@code ""} when the calldata is shorter than 4 bytes
 * @param argsHex the bytes after the selector as {@code 0x} hex (all the data when there is no selector)
 * @param why why it is unknown, e.g. {@code "no decoder knows selector 0x12345678"}
 */
public record UnknownCall(Call call, Address target, String selector, String argsHex, String why) implements Intent {
    public UnknownCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(argsHex, "argsHex");
        Objects.requireNonNull(why, "why");
    }

    /** An unknown call built from the call's own calldata. */
    public static UnknownCall of(Call call, String why) {
        byte[] data = call.data();
        String selector = Selectors.ofCalldata(data);
        byte[] rest = data.length < 4 ? data : Arrays.copyOfRange(data, 4, data.length);
        return new UnknownCall(call, call.to(), selector, Hex.encode(rest), why);
    }

    @Override
    public String describe() {
        return "UNKNOWN call " + (selector.isEmpty() ? "(no selector)" : selector) + " on " + target + ": " + why;
    }

    @Override
    public boolean flagged() {
        return true;
    }
}
