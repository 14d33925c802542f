package io.countersign.eth.intent;

import io.countersign.eth.Address;
import io.countersign.eth.Call;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * ERC-20 {@code transferFrom(address from, address to, uint256 amount)}: spends an allowance
 * that {@code from} gave the caller.
 *
 * @param call the call
 * @param token the token contract
 * @param tokenInfo symbol and decimals when known
 * @param from the holder whose tokens move
 * @param to the recipient
 * @param amount base units
 */
public record TokenTransferFrom(Call call, Address token, Optional<TokenInfo> tokenInfo, Address from, Address to,
        BigInteger amount) implements TokenIntent {
    public TokenTransferFrom {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenInfo, "tokenInfo");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amount, "amount");
    }

    @Override
    public Address counterparty() {
        return to;
    }

    @Override
    public String describe() {
        return "transfer " + amountText() + " from " + from + " to " + to;
    }
}
