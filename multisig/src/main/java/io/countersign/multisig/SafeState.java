package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.eth.rpc.JsonRpcClient;
import java.math.BigInteger;
import java.util.List;

/**
 * A Safe's on-chain state, read over JSON-RPC.
 *
 * @param chainId the node's chain id
 * @param version {@code VERSION()}
 * @param owners {@code getOwners()}, in the Safe's linked-list order
 * @param threshold {@code getThreshold()}
 * @param nonce {@code nonce()}: the next SafeTx nonce the Safe will execute
 */
public record SafeState(BigInteger chainId, Address address, SafeVersion version, List<Address> owners, int threshold,
        BigInteger nonce) {
    public SafeState {
        owners = List.copyOf(owners);
    }

    /** Reads the state of {@code safe} from the node behind {@code rpc} (one round trip, see {@link #readLatest}). */
    public static SafeState read(EthRpc rpc, Address safe) {
        return readLatest(rpc, safe, chainId -> {}).state();
    }

    /**
     * A Safe's state and the number of the node's latest block, read together.
     *
     * @param block the node's {@code eth_blockNumber}, asked in the same batch as the state
     */
    public record Snapshot(SafeState state, BigInteger block) {}

    /**
     * Reads the state of {@code safe} and the latest block number in one JSON-RPC batch (one HTTP
     * round trip): {@code eth_chainId}, {@code eth_blockNumber}, then {@code VERSION()},
     * {@code getOwners()}, {@code getThreshold()} and {@code nonce()} by {@code eth_call} at
     * {@code latest}. The node answers them one after the other; a block that arrives meanwhile
     * can make the calls read one block later than {@code block}.
     *
     * @param checkChain given the node's chain id before any contract answer is decoded, so a node
     *     of another chain is named as such (it may throw)
     * @throws io.countersign.eth.EthException.RpcException the node cannot be reached, answers a
     *     malformed batch, or fails one of the calls
     */
    public static Snapshot readLatest(EthRpc rpc, Address safe, java.util.function.Consumer<BigInteger> checkChain) {
        List<JsonRpcClient.Answer> a = rpc.client().batch(List.of(
                JsonRpcClient.Request.of("eth_chainId"),
                JsonRpcClient.Request.of("eth_blockNumber"),
                call(safe, "VERSION"), call(safe, "getOwners"), call(safe, "getThreshold"), call(safe, "nonce")));
        BigInteger chainId = EthRpc.quantity(a.get(0).result());
        checkChain.accept(chainId);
        BigInteger block = EthRpc.blockNumber(a.get(1).result(), "eth_blockNumber");
        return new Snapshot(new SafeState(chainId, safe,
                SafeVersion.parse(SafeAbi.decodeString(returned(a.get(2)))),
                SafeAbi.decodeAddresses(returned(a.get(3))),
                SafeAbi.decodeUint(returned(a.get(4))).intValueExact(),
                SafeAbi.decodeUint(returned(a.get(5)))), block);
    }

    private static JsonRpcClient.Request call(Address safe, String function) {
        java.util.Map<String, Object> tx = new java.util.LinkedHashMap<>();
        tx.put("to", safe.toLowerHex());
        tx.put("data", io.countersign.eth.Hex.encode(SafeAbi.noArgs(function)));
        return JsonRpcClient.Request.of("eth_call", tx, "latest");
    }

    private static byte[] returned(JsonRpcClient.Answer a) {
        return io.countersign.eth.Hex.decode(a.result().asText(), "eth_call result");
    }

    public boolean isOwner(Address a) {
        return owners.contains(a);
    }
}
