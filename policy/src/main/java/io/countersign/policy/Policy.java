package io.countersign.policy;

import io.countersign.eth.Address;
import io.countersign.eth.intent.TokenInfo;
import io.countersign.eth.intent.TokenRegistry;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed policy: what {@link PolicyParser} makes of the YAML (docs/policy.md).
 *
 * @param version strictly increases with every bundle the admins sign
 * @param name a title for people
 * @param timeZone the zone of time windows
 * @param admins who may sign the next bundle (pinned at first install)
 * @param chains the chain ids covered
 * @param safes the Safes covered
 * @param addressBook labels by address
 * @param tokens tokens by address (symbol, decimals)
 * @param rules in file order
 */
public record Policy(long version, String name, ZoneId timeZone, AdminSet admins, Set<BigInteger> chains,
        Set<Address> safes, Map<Address, String> addressBook, List<TokenInfo> tokens, List<Rule> rules) {
    public Policy {
        chains = Set.copyOf(chains);
        safes = Set.copyOf(safes);
        addressBook = Map.copyOf(addressBook);
        tokens = List.copyOf(tokens);
        rules = List.copyOf(rules);
    }

    /**
     * Whether a {@code delegatecall-allow} rule lists {@code target}: only then does the gate count
     * the legs a DELEGATECALL to it claims (docs/policy.md); any other target runs code of its own.
     */
    public boolean delegatecallListed(Address target) {
        return rules.stream().anyMatch(r -> r instanceof Rule.DelegatecallAllow d && d.targets().contains(target));
    }

    /** The address-book label of {@code a}, if any. */
    public Optional<String> label(Address a) {
        return Optional.ofNullable(addressBook.get(a));
    }

    /** {@code "Payroll (0xAb…)"} or just the address. */
    public String describe(Address a) {
        return label(a).map(l -> l + " (" + a + ")").orElse(a.toString());
    }

    /** The tokens as a decoder registry. */
    public TokenRegistry tokenRegistry() {
        return TokenRegistry.of(tokens);
    }

    /** {@code "ETH"}-like name for native, the symbol for known tokens, else the address. */
    public String assetName(Asset asset) {
        return asset.token().map(t -> tokens.stream().filter(i -> i.address().equals(t)).findFirst()
                .map(TokenInfo::symbol).orElse(t.toString())).orElse("native");
    }

    /** Decimals of an asset: 18 for native, the token's, or empty when unknown. */
    public Optional<Integer> decimals(Asset asset) {
        return asset.token().map(t -> tokens.stream().filter(i -> i.address().equals(t)).findFirst()
                .map(TokenInfo::decimals)).orElse(Optional.of(18));
    }
}
