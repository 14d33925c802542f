package io.countersign.app.timelock;

import io.countersign.eth.Address;
import io.countersign.eth.intent.TimelockFlavor;
import java.util.Objects;
import java.util.Optional;

/**
 * A timelock the treasury watches, as kept in {@code DATA_DIR/timelocks.json}.
 *
 * @param address the timelock contract
 * @param flavor OpenZeppelin or Compound
 * @param safe the Safe that sends its execute steps; empty for a Compound timelock means its
 *     {@code admin()}
 * @param label a name for people, e.g. "Treasury 2-day timelock" (may be empty)
 */
public record WatchedTimelock(Address address, TimelockFlavor flavor, Optional<Address> safe, String label) {
    public WatchedTimelock {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(flavor, "flavor");
        safe = safe == null ? Optional.empty() : safe;
        label = label == null ? "" : label.strip();
    }

    /** The label, or the address when there is none. */
    public String name() {
        return label.isEmpty() ? address.toString() : label;
    }
}
