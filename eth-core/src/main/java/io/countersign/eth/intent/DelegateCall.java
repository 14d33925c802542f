package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.util.List;
import java.util.Objects;

/**
 * A DELEGATECALL: the target's code runs with the Safe's storage and balance, so it can do
 * anything the Safe can. Always flagged. {@code inner} is what the calldata claims to do (for a
 * MultiSend, its legs); it is only as trustworthy as the target's code.
 *
 * @param call the call (operation DELEGATECALL)
 * @param target the contract whose code runs
 * @param inner the decoded inner intents (an {@link UnknownCall} when nothing decodes)
 */
public record DelegateCall(Call call, Address target, List<Intent> inner) implements Intent {
    public DelegateCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(target, "target");
        inner = List.copyOf(inner);
    }

    @Override
    public String describe() {
        return "DELEGATECALL to " + target + " (" + inner.size() + " inner action" + (inner.size() == 1 ? "" : "s") + ")";
    }

    @Override
    public boolean flagged() {
        return true;
    }
}
