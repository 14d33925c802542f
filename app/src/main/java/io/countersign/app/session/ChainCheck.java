package io.countersign.app.session;

import io.countersign.eth.Chains;
import io.countersign.eth.rpc.EthRpc;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import java.math.BigInteger;

/**
 * The first question asked of a node about a request: is it on the request's chain? Asked with
 * {@code eth_chainId} before any contract is called, so a request for one chain sent to a node of
 * another is named as such, not as a contract that "returned no data".
 */
public final class ChainCheck {
    private ChainCheck() {
    }

    /**
     * Compares {@code eth_chainId} with the request's chain id, then reads the Safe's state.
     *
     * @param consequence what did not happen, e.g. {@code "nothing was signed"}
     * @return the Safe's state on the node's chain (which is the request's)
     * @throws CountersignException.Refused if the node is on another chain than the request
     */
    public static SafeState readSafe(EthRpc rpc, SafeRequest request, String consequence) {
        return readSafeLatest(rpc, request, consequence).state();
    }

    /**
     * As {@link #readSafe}, with the node's latest block number, all in one JSON-RPC batch
     * ({@link SafeState#readLatest}); the chain id is compared before any contract answer is read.
     */
    public static SafeState.Snapshot readSafeLatest(EthRpc rpc, SafeRequest request, String consequence) {
        return SafeState.readLatest(rpc, request.safe(), chainId -> requireChain(chainId, request, consequence));
    }

    /**
     * @param nodeChainId the node's {@code eth_chainId}
     * @throws CountersignException.Refused if it differs from the request's chain id
     */
    public static void requireChain(BigInteger nodeChainId, SafeRequest request, String consequence) {
        if (!nodeChainId.equals(request.chainId())) {
            throw new CountersignException.Refused("the request is for " + request.chainName() + " but the node at --rpc is on "
                    + Chains.describe(nodeChainId) + "; " + consequence);
        }
    }
}
