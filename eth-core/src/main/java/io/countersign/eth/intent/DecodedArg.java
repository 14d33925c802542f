package io.countersign.eth.intent;

import java.util.Objects;

/**
 * One decoded ABI argument, rendered for a person and for policy matching.
 *
 * @param name the parameter name from the ABI, e.g. {@code "to"}
 * @param type the canonical Solidity type, e.g. {@code "address"}, {@code "uint256"}
 * @param value addresses EIP-55 checksummed, integers in decimal, bytes as 0x hex, arrays as
 *     {@code [a, b]}
 */
public record DecodedArg(String name, String type, String value) {
    public DecodedArg {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
