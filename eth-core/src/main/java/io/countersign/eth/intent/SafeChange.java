package io.countersign.eth.intent;

/**
 * The privileged Safe functions a Safe can only call on itself (modifier {@code authorized} in
 * Safe's {@code OwnerManager}, {@code ModuleManager}, {@code GuardManager} and
 * {@code FallbackManager}). Every one changes who controls the Safe.
 */
public enum SafeChange {
    ADD_OWNER_WITH_THRESHOLD("addOwnerWithThreshold(address,uint256)"),
    REMOVE_OWNER("removeOwner(address,address,uint256)"),
    SWAP_OWNER("swapOwner(address,address,address)"),
    CHANGE_THRESHOLD("changeThreshold(uint256)"),
    ENABLE_MODULE("enableModule(address)"),
    DISABLE_MODULE("disableModule(address,address)"),
    SET_GUARD("setGuard(address)"),
    SET_FALLBACK_HANDLER("setFallbackHandler(address)");

    private final String signature;

    SafeChange(String signature) {
        this.signature = signature;
    }

    /** The canonical Solidity function signature, e.g. {@code "changeThreshold(uint256)"}. */
    public String signature() {
        return signature;
    }

    /** The 4-byte selector as {@code 0x} + 8 lower-case hex digits. */
    public String selector() {
        return Selectors.of(signature);
    }
}
