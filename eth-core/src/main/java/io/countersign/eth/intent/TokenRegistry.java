package io.countersign.eth.intent;

import io.countersign.eth.Address;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tokens known on one chain, by contract address. Immutable. */
public final class TokenRegistry {
    private static final TokenRegistry EMPTY = new TokenRegistry(Map.of());

    private final Map<Address, TokenInfo> byAddress;

    private TokenRegistry(Map<Address, TokenInfo> byAddress) {
        this.byAddress = byAddress;
    }

    /** A registry that knows no token: amounts stay in base units only. */
    public static TokenRegistry empty() {
        return EMPTY;
    }

    /**
     * @throws IllegalArgumentException when two entries name the same address
     */
    public static TokenRegistry of(Collection<TokenInfo> tokens) {
        Map<Address, TokenInfo> map = new LinkedHashMap<>();
        for (TokenInfo t : tokens) {
            if (map.putIfAbsent(t.address(), t) != null) {
                throw new IllegalArgumentException("token " + t.address() + " is listed twice");
            }
        }
        return new TokenRegistry(Map.copyOf(map));
    }

    /** The token at this address, if known. */
    public Optional<TokenInfo> find(Address token) {
        return Optional.ofNullable(byAddress.get(token));
    }

    /** Every known token, in no particular order. */
    public List<TokenInfo> all() {
        return List.copyOf(byAddress.values());
    }
}
