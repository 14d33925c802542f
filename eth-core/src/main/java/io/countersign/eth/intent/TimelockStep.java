package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call to a timelock that schedules, executes or cancels an operation.
 *
 * @param call the call to the timelock
 * @param timelock the timelock contract
 * @param flavor OpenZeppelin {@code TimelockController} or Compound {@code Timelock}
 * @param action schedule (OZ schedule/scheduleBatch, Compound queueTransaction), execute or cancel
 * @param inner the intents of the operation's calls, as the timelock will perform them (empty for
 *     an OpenZeppelin {@code cancel(bytes32 id)}, which names the operation by id only)
 * @param delaySeconds the OpenZeppelin {@code delay} argument of a schedule
 * @param eta the Compound {@code eta} (unix seconds) of a queue, execute or cancel
 * @param operationId the OpenZeppelin operation id ({@code 0x} + 64 hex) when the call names it
 */
public record TimelockStep(Call call, Address timelock, TimelockFlavor flavor, Action action, List<Intent> inner,
        Optional<BigInteger> delaySeconds, Optional<BigInteger> eta, Optional<String> operationId)
        implements Intent {

    /** What the call does to the operation. */
    public enum Action { SCHEDULE, EXECUTE, CANCEL }

    public TimelockStep {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(timelock, "timelock");
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(action, "action");
        inner = List.copyOf(inner);
        Objects.requireNonNull(delaySeconds, "delaySeconds");
        Objects.requireNonNull(eta, "eta");
        Objects.requireNonNull(operationId, "operationId");
    }

    @Override
    public String describe() {
        String when = delaySeconds.map(d -> " with delay " + d + " s").orElse("")
                + eta.map(e -> " with eta " + e).orElse("");
        if (action == Action.CANCEL && inner.isEmpty() && operationId.isPresent()) {
            // OpenZeppelin cancel(id) names only the operation; its calls are in the timelock's events, not here
            return "timelock " + timelock + ": cancel operation " + operationId.get() + when;
        }
        return "timelock " + timelock + ": " + action.name().toLowerCase(java.util.Locale.ROOT) + " "
                + inner.size() + " call" + (inner.size() == 1 ? "" : "s") + when
                + operationId.map(id -> " (operation " + id + ")").orElse("");
    }

    @Override
    public boolean flagged() {
        return inner.stream().anyMatch(Intent::flagged);
    }
}
