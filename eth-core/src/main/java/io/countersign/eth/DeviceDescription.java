package io.countersign.eth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a signing device says about itself, as {@link Signer#describeDevice()} returns it.
 *
 * @param vendor lower-case vendor id: {@code ledger} or {@code trezor}
 * @param summary one line for a person, e.g. {@code "Ledger Ethereum app 1.10.4, blind signing disabled (…)"}
 * @param details the device's own fields in the order it reports them (values are
 *     {@link String}, {@link Boolean} or {@link Number}); e.g. a Ledger's {@code app},
 *     {@code version}, {@code blindSigning}, a Trezor's {@code model}, {@code version},
 *     {@code label}, {@code pinProtection}. Every value was written by the device.
 */
public record DeviceDescription(String vendor, String summary, Map<String, Object> details) {
    public DeviceDescription {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(summary, "summary");
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
