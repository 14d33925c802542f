package io.countersign.eth.intent;

import io.countersign.eth.Call;

/**
 * What one call does, as decoded from its target, value, calldata and operation. A call may
 * yield several intents (a MultiSend batch yields one or more per leg; a call that carries value
 * and calldata yields the decoded call plus a {@link NativeTransfer} of the value).
 *
 * <p>Amounts are always in base units (wei for the native currency, the token's smallest unit
 * for ERC-20); {@link TokenIntent#tokenUnits()} converts when the token's decimals are known.
 */
public sealed interface Intent
        permits NativeTransfer, TokenIntent, ContractCall, DelegateCall, SafeSelfCall, TimelockStep,
        UnknownCall, MalformedCall, GasRefund {

    /** The call this intent was decoded from. */
    Call call();

    /** One line for a person, e.g. {@code "transfer 1.5 USDC to 0xAb…"}. */
    String describe();

    /** True when a person must look twice: unknown calldata, delegatecall, privileged change. */
    default boolean flagged() {
        return false;
    }
}
