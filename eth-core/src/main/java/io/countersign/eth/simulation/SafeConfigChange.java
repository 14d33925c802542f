package io.countersign.eth.simulation;

import io.countersign.eth.Address;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of who controls a Safe, read from the Safe's own events (Safe 1.0.0 – 1.4.1
 * {@code OwnerManager}, {@code ModuleManager}, {@code GuardManager}, {@code FallbackManager},
 * and the pre-1.3.0 {@code ChangedMasterCopy}).
 *
 * @param kind which event
 * @param address the owner, module, guard, handler or singleton named by the event, if any
 * @param threshold the new threshold for {@link Kind#THRESHOLD_CHANGED}
 */
public record SafeConfigChange(Kind kind, Optional<Address> address, Optional<BigInteger> threshold) {

    /** The Safe's configuration events, with their Solidity signatures. */
    public enum Kind {
        OWNER_ADDED("AddedOwner(address)", "ownerAdded"),
        OWNER_REMOVED("RemovedOwner(address)", "ownerRemoved"),
        THRESHOLD_CHANGED("ChangedThreshold(uint256)", "thresholdChanged"),
        MODULE_ENABLED("EnabledModule(address)", "moduleEnabled"),
        MODULE_DISABLED("DisabledModule(address)", "moduleDisabled"),
        GUARD_CHANGED("ChangedGuard(address)", "guardChanged"),
        FALLBACK_HANDLER_CHANGED("ChangedFallbackHandler(address)", "fallbackHandlerChanged"),
        SINGLETON_CHANGED("ChangedMasterCopy(address)", "singletonChanged");

        private final String event;
        private final String id;

        Kind(String event, String id) {
            this.event = event;
            this.id = id;
        }

        /** The event's Solidity signature. */
        public String event() {
            return event;
        }

        /** The word {@code --json} prints, e.g. {@code ownerAdded}. */
        public String id() {
            return id;
        }

        /** The kind {@code --json} names {@code id}. */
        public static Optional<Kind> ofId(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public SafeConfigChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(threshold, "threshold");
    }

    /** e.g. {@code "AddedOwner(0x…)"} or {@code "ChangedThreshold(2)"}. */
    public String describe() {
        String name = kind.event.substring(0, kind.event.indexOf('('));
        return name + "(" + address.map(Address::toString).orElse(threshold.map(BigInteger::toString).orElse("")) + ")";
    }
}
