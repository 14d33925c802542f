package io.countersign.eth.intent;

import io.countersign.eth.Address;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/** An ERC-20 call that moves or authorises tokens of the called contract. */
public sealed interface TokenIntent extends Intent
        permits TokenTransfer, TokenTransferFrom, TokenApprove, TokenIncreaseAllowance {

    /** The token contract (the call's target). */
    Address token();

    /** Symbol and decimals when the token registry knows the token. */
    Optional<TokenInfo> tokenInfo();

    /** The amount in the token's base units. */
    BigInteger amount();

    /** The party that receives the tokens or the allowance. */
    Address counterparty();

    /** The amount in token units when decimals are known, e.g. {@code 1.5} for 1500000 USDC base units. */
    default Optional<BigDecimal> tokenUnits() {
        return tokenInfo().map(t -> t.toTokenUnits(amount()));
    }

    /**
     * {@code "250,000 USDC"}, {@code "1.5 USDC"} (token units, thousands grouped with commas, every
     * fraction digit kept) or {@code "1500000 base units of 0x…"} when the decimals are unknown.
     */
    default String amountText() {
        return tokenInfo().map(t -> TokenInfo.grouped(t.toTokenUnits(amount())) + " " + t.symbol())
                .orElse(amount() + " base units of " + token());
    }
}
