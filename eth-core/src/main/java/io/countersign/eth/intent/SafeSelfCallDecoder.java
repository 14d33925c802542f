package io.countersign.eth.intent;

import io.countersign.eth.Call;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Safe's privileged functions called on the Safe itself; one whose arguments are not canonical
 * is a {@link MalformedCall}. A call to the Safe with any other
 * calldata is left to the other decoders (and ends as an {@link UnknownCall} if none knows it).
 */
public final class SafeSelfCallDecoder implements CallDecoder {
    private static final Map<SafeChange, AbiFunction> FUNCTIONS = new EnumMap<>(Map.of(
            SafeChange.ADD_OWNER_WITH_THRESHOLD, AbiFunction.parse("addOwnerWithThreshold(address owner, uint256 _threshold)"),
            SafeChange.REMOVE_OWNER, AbiFunction.parse("removeOwner(address prevOwner, address owner, uint256 _threshold)"),
            SafeChange.SWAP_OWNER, AbiFunction.parse("swapOwner(address prevOwner, address oldOwner, address newOwner)"),
            SafeChange.CHANGE_THRESHOLD, AbiFunction.parse("changeThreshold(uint256 _threshold)"),
            SafeChange.ENABLE_MODULE, AbiFunction.parse("enableModule(address module)"),
            SafeChange.DISABLE_MODULE, AbiFunction.parse("disableModule(address prevModule, address module)"),
            SafeChange.SET_GUARD, AbiFunction.parse("setGuard(address guard)"),
            SafeChange.SET_FALLBACK_HANDLER, AbiFunction.parse("setFallbackHandler(address handler)")));

    @Override
    public Optional<List<Intent>> decode(Call call, DecodeContext ctx) {
        if (!ctx.isSafe(call.to())) {
            return Optional.empty();
        }
        byte[] data = call.data();
        for (Map.Entry<SafeChange, AbiFunction> e : FUNCTIONS.entrySet()) {
            AbiFunction f = e.getValue();
            if (f.matches(data)) {
                Intent intent = f.decode(data)
                        .<Intent>map(v -> new SafeSelfCall(call, call.to(), e.getKey(), f.render(v)))
                        .orElseGet(() -> f.malformed(call));
                return Optional.of(List.of(intent));
            }
        }
        return Optional.empty();
    }
}
