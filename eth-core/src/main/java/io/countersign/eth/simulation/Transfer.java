package io.countersign.eth.simulation;

import io.countersign.eth.Address;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * One movement of value seen in a simulation.
 *
 * @param standard what moved: ether, or a token of one of the three standards
 * @param token the token contract, empty for ether
 * @param from the account the value left
 * @param to the account that received it
 * @param amount base units (wei for ether; 1 for an ERC-721 token)
 * @param tokenId the ERC-721 / ERC-1155 token id, empty for ether and ERC-20
 */
public record Transfer(Standard standard, Optional<Address> token, Address from, Address to, BigInteger amount,
        Optional<BigInteger> tokenId) {

    /** The kinds of value a transfer moves. */
    public enum Standard { NATIVE, ERC20, ERC721, ERC1155 }

    public Transfer {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(tokenId, "tokenId");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative amount");
        }
        if ((standard == Standard.NATIVE) != token.isEmpty()) {
            throw new IllegalArgumentException("ether has no token address; a token has one");
        }
    }

    /** An ether transfer. */
    public static Transfer nativeTransfer(Address from, Address to, BigInteger wei) {
        return new Transfer(Standard.NATIVE, Optional.empty(), from, to, wei, Optional.empty());
    }

    /** {@code "native"} or the token contract's address, as {@code safe simulate --json} prints it. */
    public String asset() {
        return token.map(Address::toString).orElse("native");
    }

    /** {@code "1000 base units of 0x… from 0x… to 0x…"}. */
    public String describe() {
        String what = switch (standard) {
            case NATIVE -> amount + " wei";
            case ERC20 -> amount + " base units of token " + token.orElseThrow();
            case ERC721 -> "ERC-721 token id " + tokenId.orElseThrow() + " of " + token.orElseThrow();
            case ERC1155 -> amount + " of ERC-1155 token id " + tokenId.orElseThrow() + " of " + token.orElseThrow();
        };
        return what + " from " + from + " to " + to;
    }
}
