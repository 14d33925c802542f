package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * ERC-20 {@code increaseAllowance(address spender, uint256 addedValue)}.
 *
 * @param call the call
 * @param token the token contract
 * @param tokenInfo symbol and decimals when known
 * @param spender the spender
 * @param amount base units
 */
public record TokenIncreaseAllowance(Call call, Address token, Optional<TokenInfo> tokenInfo, Address spender, BigInteger amount)
        implements TokenIntent {
    public TokenIncreaseAllowance {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenInfo, "tokenInfo");
        Objects.requireNonNull(spender, "spender");
        Objects.requireNonNull(amount, "amount");
    }

    @Override
    public Address counterparty() {
        return spender;
    }

    @Override
    public String describe() {
        return "increase the allowance of " + spender + " by " + amountText();
    }
}
