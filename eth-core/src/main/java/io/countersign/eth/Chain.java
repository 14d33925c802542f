package io.countersign.eth;

import java.math.BigInteger;
import java.util.List;

/**
 * A network Countersign knows by name.
 *
 * @param id EIP-155 chain id
 * @param name human name, e.g. {@code "Ethereum"}
 * @param nativeSymbol native currency symbol, e.g. {@code "ETH"}
 * @param nativeDecimals decimals of the native currency (18 on every EVM chain shipped)
 * @param rpcUrls public JSON-RPC endpoints (only used when the officer passes no {@code --rpc})
 * @param explorer block explorer base URL, or empty
 */
public record Chain(BigInteger id, String name, String nativeSymbol, int nativeDecimals, List<String> rpcUrls,
        String explorer) {
    public Chain {
        rpcUrls = List.copyOf(rpcUrls);
    }
}
