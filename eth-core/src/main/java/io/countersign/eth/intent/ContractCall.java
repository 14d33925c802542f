package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A call of a known function that is not one of the more specific intents.
 *
 * @param call the call
 * @param target the called contract
 * @param selector {@code 0x} + 8 hex digits
 * @param signature canonical signature, e.g. {@code "updateDelay(uint256)"}
 * @param args the decoded arguments in order
 */
public record ContractCall(Call call, Address target, String selector, String signature, List<DecodedArg> args)
        implements Intent {
    public ContractCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(signature, "signature");
        args = List.copyOf(args);
    }

    @Override
    public String describe() {
        String name = signature.substring(0, signature.indexOf('('));
        return "call " + name + "(" + args.stream().map(DecodedArg::toString).collect(Collectors.joining(", "))
                + ") on " + target;
    }
}
