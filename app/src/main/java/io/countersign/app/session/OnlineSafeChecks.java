package io.countersign.app.session;

import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeVersion;

/**
 * Checks that compare a request file with the Safe as the chain reports it, before anything is
 * signed, executed or handed to a broadcaster. The request file is attacker-written; the node is
 * the oracle for what the Safe is.
 */
public final class OnlineSafeChecks {
    private OnlineSafeChecks() {}

    /**
     * The Safe's {@code VERSION()} must be the request's {@code safeVersion}: the version decides
     * the EIP-712 domain (before 1.3.0 it has no chain id, so a signature is valid on every chain)
     * and the SafeTx type, so a request that claims another version is hashed, shown and signed
     * as something the Safe is not. The {@code +L2} suffix of a Transaction Service version is not
     * part of {@code VERSION()} (GnosisSafeL2 1.3.0 returns {@code "1.3.0"}) and is ignored.
     *
     * @param consequence what did not happen, e.g. {@code "nothing was signed"}
     * @throws CountersignException.Refused naming both versions
     */
    public static void requireSameVersion(SafeRequest request, SafeState state, String consequence) {
        if (!sameRelease(request.safeVersion(), state.version())) {
            throw new CountersignException.Refused("the request says Safe version " + request.safeVersion() + " but Safe "
                    + request.safe() + " on chain reports VERSION() " + state.version() + "; " + consequence
                    + ": re-export the request from the Safe with `countersign safe propose` or `safe import`");
        }
    }

    private static boolean sameRelease(SafeVersion a, SafeVersion b) {
        return a.major() == b.major() && a.minor() == b.minor() && a.patch() == b.patch();
    }

    /**
     * The owners to verify a request's signatures against: online the Safe's current owners,
     * after checking that the node is on the request's chain and the Safe's {@code VERSION()} is
     * the request's; offline the request file's list (possibly empty: then no signature counts).
     *
     * @throws CountersignException.Refused on another chain or another version
     */
    public static java.util.List<io.countersign.eth.Address> owners(AppContext ctx, SafeRequest request, String consequence) {
        var rpc = ctx.rpcIfOnline();
        if (rpc.isEmpty()) {
            return request.owners();
        }
        SafeState state = ChainCheck.readSafe(rpc.get(), request, consequence);
        requireSameVersion(request, state, consequence);
        return state.owners();
    }
}
