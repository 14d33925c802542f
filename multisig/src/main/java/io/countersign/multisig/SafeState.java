package io.countersign.multisig;

import io.countersign.eth.Address;
import io.countersign.eth.rpc.EthRpc;
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

    /** Reads the state of {@code safe} from the node behind {@code rpc}. */
    public static SafeState read(EthRpc rpc, Address safe) {
        return new SafeState(rpc.chainId(), safe,
                SafeVersion.parse(SafeAbi.decodeString(rpc.call(safe, SafeAbi.noArgs("VERSION")))),
                SafeAbi.decodeAddresses(rpc.call(safe, SafeAbi.noArgs("getOwners"))),
                SafeAbi.decodeUint(rpc.call(safe, SafeAbi.noArgs("getThreshold"))).intValueExact(),
                SafeAbi.decodeUint(rpc.call(safe, SafeAbi.noArgs("nonce"))));
    }

    public boolean isOwner(Address a) {
        return owners.contains(a);
    }
}
