package io.countersign.policy;

import io.countersign.eth.Address;
import java.util.Optional;

/**
 * What a limit counts: the chain's native currency, or one ERC-20 token by contract address.
 *
 * @param token the token contract, or empty for the native currency
 */
public record Asset(Optional<Address> token) {
    /** The native currency (ETH, xDAI, POL …), counted in wei. */
    public static final Asset NATIVE = new Asset(Optional.empty());

    public Asset {
        java.util.Objects.requireNonNull(token, "token");
    }

    /** An ERC-20 token, counted in its base units. */
    public static Asset token(Address token) {
        return new Asset(Optional.of(token));
    }

    /** {@code "native"} or the checksummed token address: the key used in journal payloads. */
    public String key() {
        return token.map(Address::toString).orElse("native");
    }

    @Override
    public String toString() {
        return key();
    }
}
