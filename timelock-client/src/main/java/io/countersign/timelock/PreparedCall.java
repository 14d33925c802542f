package io.countersign.timelock;

import io.countersign.eth.Call;

/**
 * A checked call to a timelock, ready to be wrapped in a Safe transaction (or sent by an EOA):
 * the {@link Call} (to the timelock, value in wei, calldata) and what it does.
 *
 * @param call the call to make, operation CALL
 * @param action the decoded meaning of {@code call}; its id is what the request stores
 */
public record PreparedCall(Call call, TimelockAction action) {
    /** The operation id (Compound: transaction hash) the step acts on. */
    public OperationId id() {
        return action.operationId().orElseThrow();
    }
}
