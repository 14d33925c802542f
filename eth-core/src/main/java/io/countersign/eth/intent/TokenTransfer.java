package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * ERC-20 {@code transfer(address to, uint256 amount)}.
 *
 * @param call the call
 * @param token the token contract
 * @param tokenInfo symbol and decimals when known
 * @param to the to
 * @param amount base units
 */
public record TokenTransfer(Call call, Address token, Optional<TokenInfo> tokenInfo, Address to, BigInteger amount)
        implements TokenIntent {
    public TokenTransfer {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenInfo, "tokenInfo");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amount, "amount");
    }

    @Override
    public Address counterparty() {
        return to;
    }

    @Override
    public String describe() {
        return "transfer " + amountText() + " to " + to;
    }
}
