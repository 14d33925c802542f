package io.countersign.eth;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** The chains shipped with Countersign. Unknown chain ids are allowed and shown by number. */
public final class Chains {
    private Chains() {}

    private static final List<Chain> DEFAULTS = List.of(
            chain(1, "Ethereum", "ETH", "https://ethereum-rpc.publicnode.com", "https://etherscan.io"),
            chain(11155111, "Sepolia", "ETH", "https://ethereum-sepolia-rpc.publicnode.com", "https://sepolia.etherscan.io"),
            chain(100, "Gnosis", "xDAI", "https://rpc.gnosischain.com", "https://gnosisscan.io"),
            chain(137, "Polygon", "POL", "https://polygon-rpc.com", "https://polygonscan.com"),
            chain(42161, "Arbitrum One", "ETH", "https://arb1.arbitrum.io/rpc", "https://arbiscan.io"),
            chain(10, "OP Mainnet", "ETH", "https://mainnet.optimism.io", "https://optimistic.etherscan.io"),
            chain(8453, "Base", "ETH", "https://mainnet.base.org", "https://basescan.org"),
            chain(138, "Defi Oracle Meta Mainnet", "ETH", "https://rpc.defi-oracle.io", "https://blockscout.defi-oracle.io"),
            chain(31337, "Local anvil", "ETH", "http://127.0.0.1:8545", ""));

    private static Chain chain(long id, String name, String symbol, String rpc, String explorer) {
        return new Chain(BigInteger.valueOf(id), name, symbol, 18, List.of(rpc), explorer);
    }

    /** Every shipped chain, in a fixed order. */
    public static List<Chain> all() {
        return DEFAULTS;
    }

    /** The shipped chain with this id, if any. */
    public static Optional<Chain> byId(BigInteger id) {
        return DEFAULTS.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** {@code "Ethereum (1)"}, or {@code "chain 12345"} for an unknown id. */
    public static String describe(BigInteger id) {
        return byId(id).map(c -> c.name() + " (" + id + ")").orElse("chain " + id);
    }
}
