package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A privileged call of the Safe on itself: owners, threshold, modules, guard or fallback
 * handler change. Always flagged; the policy always requires its highest tier.
 *
 * @param call the call (target is the Safe)
 * @param safe the Safe being changed
 * @param change which privileged function
 * @param args the decoded arguments, names as in the Safe contracts
 */
public record SafeSelfCall(Call call, Address safe, SafeChange change, List<DecodedArg> args) implements Intent {
    public SafeSelfCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(safe, "safe");
        Objects.requireNonNull(change, "change");
        args = List.copyOf(args);
    }

    @Override
    public String describe() {
        String sig = change.signature();
        return "Safe " + safe + ": " + sig.substring(0, sig.indexOf('(')) + "("
                + args.stream().map(DecodedArg::toString).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public boolean flagged() {
        return true;
    }
}
